// Caveat parsing as PyPI (Warehouse) does it: the authority on what a token may do.
import { describe, expect, it } from 'vitest';
import { type Restriction, Token } from '@/src/core';
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
    [`${'['.repeat(400)}1${']'.repeat(400)}`, /not valid JSON.*too deeply nested/],
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
      { kind: 'unknown', raw: '\ufffd', reason: 'caveat is not valid UTF-8', damaged: true },
    ]);
  });
});
