// Caveat parsing as PyPI (Warehouse) does it: the authority on what a token may do.
import { describe, expect, it } from 'vitest';
import { type Finding, type Restriction, summarizeScope, Token } from '@/src/core';
import { toBase64Url, utf8 } from '@/src/core/bytes';
import { MAX_JSON_DEPTH } from '@/src/core/json';
import { encodeMacaroon, macaroonSize } from '@/src/core/macaroon';
import { parseCaveat } from '@/src/core/restrictions';

const U = '0e9a8f5c-7a0e-4b7a-9d3c-1f2e3d4c5b6a';

describe('parseCaveat', () => {
  it.each<[string, Restriction]>([
    ['[0,1700003600,1700000000]', { kind: 'date', notBefore: 1700000000, notAfter: 1700003600 }],
    ['[0, 2000, 1000, "extra", 5]', { kind: 'date', notBefore: 1000, notAfter: 2000 }],
    [
      ' \n[1,["requests","urllib3"]]\t',
      { kind: 'project-names', projectNames: ['requests', 'urllib3'] },
    ],
    ['[1,[]]', { kind: 'project-names', projectNames: [] }],
    ['[true,["a"]]', { kind: 'project-names', projectNames: ['a'] }],
    ['[1.0,["a"]]', { kind: 'project-names', projectNames: ['a'] }],
    [`[2,["${U}"]]`, { kind: 'project-ids', projectIds: [U] }],
    [`[3,"${U}"]`, { kind: 'user-id', userId: U }],
    ['[4,"publisher"]', { kind: 'oidc-publisher', publisherId: 'publisher' }],
    ['{"version": 1, "permissions": "user"}', { kind: 'legacy-noop' }],
    ['{"permissions": "user", "version": 1}', { kind: 'legacy-noop' }],
    [
      '{"version": 1, "permissions": {"projects": ["a"], "x": 1}}',
      { kind: 'legacy-project-names', projectNames: ['a'] },
    ],
    ['{"nbf": 1000, "exp": 2000}', { kind: 'legacy-date', notBefore: 1000, notAfter: 2000 }],
    [
      '{"nbf": 1000, "exp": 2000, "other": true}',
      { kind: 'legacy-date', notBefore: 1000, notAfter: 2000 },
    ],
    [`{"project_ids": ["${U}"]}`, { kind: 'legacy-project-ids', projectIds: [U] }],
    ['[1,["a"],{"b":2}]', { kind: 'project-names', projectNames: ['a'] }],
    ['[3,"x","y"]', { kind: 'user-id', userId: 'x' }],
    ['[1,["\\u00e9"]]', { kind: 'project-names', projectNames: ['é'] }],
  ])('%s', (raw, expected) => {
    expect(parseCaveat(raw)).toEqual(expected);
  });

  it.each<[string, RegExp]>([
    ['not json at all', /not valid JSON/],
    ['[1,["a"]', /not valid JSON/],
    ['[1,["a"]] x', /not valid JSON/],
    ['"just a string"', /must be an array/],
    ['42', /must be an array/],
    ['null', /must be an array/],
    ['[]', /cannot be empty/],
    ['[9,"whatever"]', /unknown tag: 9/],
    ['["1",["a"]]', /unknown tag: 1/],
    ['[1.5,["a"]]', /unknown tag: 1.5/],
    ['[[1],["a"]]', /unknown tag: a list/],
    ['[null]', /unknown tag: None/],
    ['[0,1.0,0]', /invalid values/],
    ['[0,1e3,0]', /invalid values/],
    ['[0,true,0]', /invalid values/],
    ['[0,"50",0]', /invalid values/],
    ['[0,NaN,0]', /invalid values/],
    ['[0,5]', /Not enough values/],
    ['[1]', /Not enough values/],
    ['[1,"a"]', /invalid values/],
    ['[1,[1]]', /invalid values/],
    ['[2,[null]]', /invalid values/],
    ['[3,3]', /invalid values/],
    ['[4]', /Not enough values/],
    ['{"version": 1}', /must be an array/],
    ['{"version": 1, "permissions": null}', /must be an array/],
    ['{"version": 1, "permissions": "admin"}', /must be an array/],
    ['{"version": 1, "permissions": {"project": ["a"]}}', /must be an array/],
    ['{"version": 2, "permissions": "user"}', /must be an array/],
    ['{"version": 1, "permissions": {"projects": "a"}}', /invalid values/],
    ['{"nbf": 1000}', /must be an array/],
    ['{"nbf": 1.5, "exp": 2000}', /invalid values/],
    ['{}', /must be an array/],
    ['[1,["a\u0001"]]', /not valid JSON/],
  ])('%s is refused', (raw, reason) => {
    const r = parseCaveat(raw);
    expect(r.kind).toBe('unknown');
    expect(r.kind === 'unknown' && r.reason).toMatch(reason);
  });

  it('marks a caveat that is not JSON as damaged, and one PyPI does not know as merely unknown', () => {
    expect(parseCaveat('not json at all')).toMatchObject({ kind: 'unknown', damaged: true });
    expect(parseCaveat('[1,["a"]')).toMatchObject({ kind: 'unknown', damaged: true });
    expect(parseCaveat('[9,"x"]')).not.toHaveProperty('damaged');
    expect(parseCaveat('[1,"a"]')).not.toHaveProperty('damaged');
  });

  it('keeps integers beyond 2^53 as integers (PyPI has no size limit)', () => {
    expect(parseCaveat('[0,99999999999999999999,0]')).toMatchObject({ kind: 'date', notBefore: 0 });
  });

  it('later duplicate keys win, as in Python', () => {
    expect(parseCaveat('{"nbf": 1, "exp": 2, "nbf": 0}')).toEqual({
      kind: 'legacy-date',
      notBefore: 0,
      notAfter: 2,
    });
  });
});

describe('Token.restrictions', () => {
  it('marks a caveat whose bytes are not UTF-8 as unknown instead of throwing', () => {
    // V2 with one caveat 0xff: build the bytes by hand.
    const base = Token.create({ domain: 'pypi.org', identifier: 'id', key: 'k' });
    const bytes = Buffer.from(base.dump().slice(5), 'base64url');
    // Replace the caveat-free tail (00 00 06 20 sig) with one caveat section holding 0xff.
    const head = bytes.subarray(0, bytes.length - 35);
    const raw = Buffer.concat([
      head,
      Buffer.from([0x02, 0x01, 0xff, 0x00, 0x00, 0x06, 0x20]),
      Buffer.alloc(32),
    ]);
    const token = Token.load(`pypi-${raw.toString('base64url')}`);
    expect(token.caveats).toEqual(['\ufffd']);
    expect(token.restrictions).toEqual([
      {
        kind: 'unknown',
        raw: '\ufffd',
        reason: 'caveat is not valid UTF-8',
        damaged: true,
        reasonCode: 'not-utf8',
        reasonParams: {},
      },
    ]);
  });
});

/** `n` arrays nested around `inner`. */
const nested = (n: number, inner = '') => `${'['.repeat(n)}${inner}${']'.repeat(n)}`;
const nines = (n: number) => '9'.repeat(n);
const FOO: Restriction = { kind: 'project-names', projectNames: ['foo'] };
const OIDC: Restriction = { kind: 'oidc-publisher', publisherId: 'x' };
/** Refused by PyPI, as a caveat it cannot use: neither damaged nor merely unread; `code` says why. */
const refused = (reason: RegExp, code: string) => ({
  kind: 'unknown',
  raw: expect.any(String),
  reason: expect.stringMatching(reason),
  reasonCode: code,
  reasonParams: expect.any(Object),
});

// Issue 9, part 1: each row is a fact about PyPI (CPython's json.loads, then Warehouse's pydantic models).
describe('parseCaveat on odd input, as PyPI reads it', () => {
  it.each<[string, string, Restriction | ReturnType<typeof refused>]>([
    [
      'a leading byte-order mark',
      '\ufeff[1,["foo"]]',
      refused(/^caveat is not JSON that PyPI reads \(Unexpected UTF-8 BOM/, 'json-bom'),
    ],
    ['a byte-order mark alone', '\ufeff', refused(/Unexpected UTF-8 BOM/, 'json-bom')],
    [
      '4,301 digits in a date',
      `[0,${nines(4301)},0]`,
      refused(/Exceeds the limit \(4300 digits\)/, 'json-int-limit'),
    ],
    [
      '4,301 digits, negative',
      `[0,0,-${nines(4301)}]`,
      refused(/Exceeds the limit \(4300 digits\)/, 'json-int-limit'),
    ],
    [
      '4,301 digits in an ignored extra element',
      `[1,["foo"],${nines(4301)}]`,
      refused(/4300 digits/, 'json-int-limit'),
    ],
    [
      '4,301 digits deep inside an extra element',
      `[1,["foo"],[{"a":[${nines(4301)}]}]]`,
      refused(/4300 digits/, 'json-int-limit'),
    ],
    [
      '4,301 digits as the tag',
      `[${nines(4301)},["foo"]]`,
      refused(/4300 digits/, 'json-int-limit'),
    ],
    ['tag 4 with a number', '[4,"x",5]', refused(/^invalid values for fields$/, 'invalid-values')],
    ['tag 4 with a list', '[4,"x",[]]', refused(/^invalid values for fields$/, 'invalid-values')],
    ['tag 4 with true', '[4,"x",true]', refused(/^invalid values for fields$/, 'invalid-values')],
    [
      'tag 4 with a string',
      '[4,"x","claims"]',
      refused(/^invalid values for fields$/, 'invalid-values'),
    ],
    ['tag 4 with a float', '[4,"x",1.0]', refused(/^invalid values for fields$/, 'invalid-values')],
    // What PyPI accepts, next to each refusal: the limits are exactly where CPython's are.
    [
      '4,300 digits in a date',
      `[0,${nines(4300)},0]`,
      { kind: 'date', notBefore: 0, notAfter: Number.POSITIVE_INFINITY },
    ],
    ['4,300 digits in an extra element', `[1,["foo"],-${nines(4300)}]`, FOO],
    ['a 4,301-digit float in an extra element', `[1,["foo"],${nines(4301)}.5]`, FOO],
    ['tag 4 with null', '[4,"x",null]', OIDC],
    ['tag 4 with an object', '[4,"x",{}]', OIDC],
    ['tag 4 with claims and an extra element', '[4,"x",{"sub":"repo:a/b","n":[1]},5]', OIDC],
    ['257 levels in an extra element', `[1,["foo"],${nested(257)}]`, FOO],
    // Debian's CPython 3.11.2 reads 992 to 995 levels, by how deep its caller's stack already is.
    ['992 levels, as deep as Debian 3.11 reads', `[1,["foo"],${nested(991)}]`, FOO],
    ['1,000 levels, deeper than 3.11 reads', `[1,["foo"],${nested(999, '{"a":1}')}]`, FOO],
    [`${MAX_JSON_DEPTH} levels`, `[1,["foo"],${nested(MAX_JSON_DEPTH - 1)}]`, FOO],
  ])('%s', (_, raw, expected) => {
    expect(parseCaveat(raw)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['nesting past the limit in an extra element', `[1,["foo"],${nested(MAX_JSON_DEPTH)}]`],
    [
      'nesting past the limit in objects',
      `${'{"a":'.repeat(MAX_JSON_DEPTH + 1)}1${'}'.repeat(MAX_JSON_DEPTH + 1)}`,
    ],
  ])('%s: unread, and PyPI may accept it (not "refused")', (_, raw) => {
    const r = parseCaveat(raw);
    expect(r).toEqual({
      kind: 'unknown',
      raw,
      reason: `caveat nests deeper than the 10,000 levels this extension reads; PyPI may accept it`,
      unreadable: true,
      reasonCode: 'too-deep',
      reasonParams: expect.any(Object),
    });
    const findings = summarizeScope([r], 0).findings;
    expect(findings.map((f) => [f.code, f.severity])).toEqual([
      ['unreadable-caveat', 'warning'],
      ['lower-bound', 'info'],
    ]);
    expect(findings[0]?.message).toMatch(/cannot read.*PyPI may accept it/);
    expect(findings[0]?.message).not.toMatch(/refuse|damaged/);
  });
});

/** A V2 token (zero signature) whose caveats are exactly these bytes: the core's writer cannot make odd ones. */
function tokenWithCaveats(...caveats: (string | number[])[]): Token {
  const m = {
    version: 2 as const,
    location: utf8('pypi.org'),
    identifier: utf8('0e9a8f5c-7a0e-4b7a-9d3c-1f2e3d4c5b6a'),
    caveats: caveats.map((c) => (typeof c === 'string' ? utf8(c) : Uint8Array.from(c))),
    signature: new Uint8Array(32),
  };
  const bytes = new Uint8Array(macaroonSize(m));
  encodeMacaroon(m, bytes);
  return Token.load(`pypi-${toBase64Url(bytes)}`);
}
const BOM = [0xef, 0xbb, 0xbf];

describe('Token.restrictions on odd caveat bytes, as PyPI decodes them', () => {
  it.each<[string, (string | number[])[], string[], Finding['code'] | null]>([
    [
      'a UTF-8 byte-order mark before the caveat',
      [[...BOM, ...utf8('[1,["foo"]]')]],
      ['\ufeff[1,["foo"]]'],
      'unknown-caveat',
    ],
    [
      'a byte-order mark in front of the second caveat only',
      ['[1,["foo"]]', [...BOM, ...utf8('[2,["x"]]')]],
      ['[1,["foo"]]', '\ufeff[2,["x"]]'],
      'unknown-caveat',
    ],
    ['4,301 digits', [`[0,${nines(4301)},0]`], [`[0,${nines(4301)},0]`], 'unknown-caveat'],
    ['tag 4 with a number', ['[4,"x",5]'], ['[4,"x",5]'], 'unknown-caveat'],
    [
      'nesting past the limit',
      [`[1,["foo"],${nested(MAX_JSON_DEPTH)}]`],
      [`[1,["foo"],${nested(MAX_JSON_DEPTH)}]`],
      'unreadable-caveat',
    ],
    ['a plain project caveat', ['[1,["foo"]]'], ['[1,["foo"]]'], null],
  ])('%s', (_, caveats, texts, finding) => {
    const token = tokenWithCaveats(...caveats);
    // The text kept is Python's bytes.decode('utf-8'): a byte-order mark stays.
    expect(token.caveats).toEqual(texts);
    const codes = summarizeScope(token, 0).findings.map((f) => f.code);
    expect(codes.filter((c) => c !== 'lower-bound')).toEqual(finding ? [finding] : []);
    if (finding === 'unknown-caveat') {
      expect(token.restrictions.at(-1)).toMatchObject({ kind: 'unknown' });
      expect(token.restrictions.at(-1)).not.toHaveProperty('damaged');
    }
  });
});
