// The scope summary: restrictions folded into what the token can actually do, with findings for the UI.
import { describe, expect, it } from 'vitest';
import { type Finding, type Restriction, summarizeScope, Token } from '@/src/core';
import { parseCaveat } from '@/src/core/restrictions';
import { TEST_TOKEN, USER_TOKEN } from '../fixtures/pages';
import { vectors } from './vectors';

const A = '11111111-1111-1111-1111-111111111111';
const B = '22222222-2222-2222-2222-222222222222';
const codes = (rs: Restriction[], now = 1500) =>
  summarizeScope(rs, now).findings.map((f: Finding) => f.code);

describe('summarizeScope', () => {
  it('is unrestricted by name, ID, user and time when nothing is embedded, yet says it is a lower bound', () => {
    const s = summarizeScope([], 0);
    expect(s).toMatchObject({
      projectNames: null,
      projectIds: null,
      userIds: [],
      notBefore: null,
      notAfter: null,
    });
    expect(s.findings).toEqual([
      expect.objectContaining({ code: 'lower-bound', severity: 'info' }),
    ]);
  });

  it('intersects project lists, legacy ones included, and keeps the tightest window', () => {
    const s = summarizeScope(
      [
        { kind: 'project-names', projectNames: ['a', 'b', 'c'] },
        { kind: 'legacy-project-names', projectNames: ['c', 'b'] },
        { kind: 'project-ids', projectIds: [A, B] },
        { kind: 'legacy-project-ids', projectIds: [B] },
        { kind: 'date', notBefore: 1000, notAfter: 3000 },
        { kind: 'legacy-date', notBefore: 1200, notAfter: 4000 },
      ],
      1500,
    );
    expect(s).toMatchObject({
      projectNames: ['b', 'c'],
      projectIds: [B],
      notBefore: 1200,
      notAfter: 3000,
    });
    expect(s.findings.map((f) => f.code)).toEqual(['lower-bound']);
  });

  it.each<[string, Restriction[], number, Finding['code'][]]>([
    [
      'expired',
      [{ kind: 'date', notBefore: 1000, notAfter: 2000 }],
      2000,
      ['expired', 'lower-bound'],
    ],
    [
      'not yet valid',
      [{ kind: 'date', notBefore: 1000, notAfter: 2000 }],
      999,
      ['not-yet-valid', 'lower-bound'],
    ],
    [
      'disjoint windows',
      [
        { kind: 'date', notBefore: 1000, notAfter: 2000 },
        { kind: 'date', notBefore: 2000, notAfter: 3000 },
      ],
      1500,
      ['empty-window', 'lower-bound'],
    ],
    [
      'no common project name',
      [
        { kind: 'project-names', projectNames: ['a'] },
        { kind: 'project-names', projectNames: ['b'] },
      ],
      0,
      ['no-project', 'lower-bound'],
    ],
    [
      'an empty project list',
      [{ kind: 'project-ids', projectIds: [] }],
      0,
      ['no-project', 'lower-bound'],
    ],
    [
      'contradictory users',
      [
        { kind: 'user-id', userId: A },
        { kind: 'user-id', userId: B },
      ],
      0,
      ['conflicting-users', 'lower-bound'],
    ],
    [
      'an unknown caveat',
      [{ kind: 'unknown', raw: '[9]', reason: 'caveat has unknown tag: 9' }],
      0,
      ['unknown-caveat', 'lower-bound'],
    ],
    [
      'a caveat of the wrong types (unknown, not damaged)',
      [parseCaveat('[1,"a"]')],
      0,
      ['unknown-caveat', 'lower-bound'],
    ],
    ['a caveat that is not JSON', [parseCaveat('not json')], 0, ['damaged', 'lower-bound']],
    [
      'a caveat that is not UTF-8',
      [{ kind: 'unknown', raw: '\ufffd', reason: 'caveat is not valid UTF-8', damaged: true }],
      0,
      ['damaged', 'lower-bound'],
    ],
    ['a legacy no-op', [{ kind: 'legacy-noop' }], 0, ['legacy-noop', 'lower-bound']],
    [
      'a trusted-publisher token',
      [{ kind: 'oidc-publisher', publisherId: 'x' }],
      0,
      ['trusted-publisher', 'lower-bound'],
    ],
  ])('finds %s', (_, rs, now, expected) => {
    expect(codes(rs, now)).toEqual(expected);
  });

  it('gives errors for tokens that can never work and says when in UTC', () => {
    const [expired] = summarizeScope(
      [{ kind: 'date', notBefore: 0, notAfter: 1_700_000_000 }],
      1_800_000_000,
    ).findings;
    expect(expired).toEqual({
      code: 'expired',
      severity: 'error',
      message: 'This token expired at 2023-11-14T22:13:20Z.',
      params: { time: '2023-11-14T22:13:20Z' },
    });
  });

  it('lists findings in one order: the window, conflicts, each caveat in turn, then the notes', () => {
    expect(
      codes([
        parseCaveat('{"version": 1, "permissions": "user"}'),
        parseCaveat('[4,"publisher"]'),
        parseCaveat('[9]'),
        { kind: 'user-id', userId: A },
        { kind: 'user-id', userId: B },
        { kind: 'project-names', projectNames: ['a'] },
        { kind: 'project-names', projectNames: ['b'] },
        parseCaveat('not json'),
        { kind: 'date', notBefore: 1, notAfter: 2 },
      ]),
    ).toEqual([
      'expired',
      'no-project',
      'conflicting-users',
      'unknown-caveat',
      'damaged',
      'legacy-noop',
      'trusted-publisher',
      'lower-bound',
    ]);
  });

  it('the same user twice is not a contradiction', () => {
    expect(
      codes([
        { kind: 'user-id', userId: A },
        { kind: 'user-id', userId: A },
      ]),
    ).toEqual(['lower-bound']);
  });

  it('takes a Token directly', () => {
    const t = Token.create({ domain: 'pypi.org', identifier: 'x', key: 'k' }).restrict({
      projectNames: ['Requests'],
    });
    expect(summarizeScope(t).projectNames).toEqual(['requests']);
  });

  it('never throws on huge but valid timestamps, and writes them as numbers', () => {
    const far = summarizeScope([parseCaveat('[0,100000000000000000000,100000000000000000]')], 0);
    expect(far.findings[0]).toEqual({
      code: 'not-yet-valid',
      severity: 'warning',
      message:
        'This token is not valid before Unix time 100000000000000000 (the year 275760 or later).',
      params: { time: 'Unix time 100000000000000000 (the year 275760 or later)' },
      timeCode: 'time-far-future',
      timeParams: { seconds: '100000000000000000' },
    });
    const past = summarizeScope([parseCaveat('[0,-100000000000000000000,-200000000000000000000]')]);
    expect(past.findings[0]?.message).toBe(
      'This token expired at Unix time -100000000000000000000 (before the year -271821).',
    );
    // Beyond 2^1024 a caveat's integer is Infinity here: still no throw.
    const endless = summarizeScope(
      [parseCaveat(`[0,1${'0'.repeat(400)},100000000000000000000]`)],
      0,
    );
    expect(endless.findings[0]?.message).toBe(
      'This token is not valid before Unix time 100000000000000000000 (the year 275760 or later).',
    );
    // The last moment a Date holds is still written as a date.
    expect(
      summarizeScope([{ kind: 'date', notBefore: 0, notAfter: 8.64e12 }], 9e12).findings[0]
        ?.message,
    ).toBe('This token expired at +275760-09-13T00:00:00Z.');
  });

  it('has no token-level finding for tokens PyPI issues on either site', () => {
    for (const t of [USER_TOKEN.token, TEST_TOKEN.token]) {
      expect(summarizeScope(Token.load(t), 0).findings.map((f) => f.code)).toEqual(['lower-bound']);
    }
  });

  it.each<[string, () => Token, Finding['code'][]]>([
    [
      'another prefix',
      () => Token.load(`testtoken-${USER_TOKEN.token.slice(5)}`),
      ['wrong-prefix', 'lower-bound'],
    ],
    [
      'another site',
      () => Token.create({ domain: 'example.com', identifier: 'x', key: 'k' }),
      ['unknown-site', 'lower-bound'],
    ],
    [
      'no site at all',
      () => Token.create({ domain: '', identifier: 'x', key: 'k' }),
      ['unknown-site', 'lower-bound'],
    ],
    [
      'the V1 format',
      () => Token.create({ domain: 'pypi.org', identifier: 'x', key: 'k', version: 1 }),
      ['v1-format', 'lower-bound'],
    ],
    [
      'a caveat that is not JSON',
      () => Token.load(vector('non-json caveat')),
      ['damaged', 'lower-bound'],
    ],
    [
      'a caveat PyPI does not know',
      () => Token.load(vector('unknown future tag')),
      ['unknown-caveat', 'lower-bound'],
    ],
    [
      'everything wrong at once',
      () =>
        Token.create({
          domain: 'pypi.org.evil',
          identifier: 'x',
          key: 'k',
          prefix: 'PYPI',
          version: 1,
        }).restrict({ notBefore: 1, notAfter: 2 }),
      ['wrong-prefix', 'unknown-site', 'v1-format', 'expired', 'lower-bound'],
    ],
  ])('finds that PyPI will refuse a token with %s', (_, make, expected) => {
    const findings = summarizeScope(make(), 1500).findings;
    expect(findings.map((f) => f.code)).toEqual(expected);
    for (const f of findings.filter((f) => f.code !== 'lower-bound'))
      expect(f.severity).toBe('error');
  });

  it('says which prefix and site, shortened', () => {
    const messages = (t: Token) => summarizeScope(t, 0).findings.map((f) => f.message);
    expect(messages(Token.load(`testtoken-${USER_TOKEN.token.slice(5)}`))[0]).toBe(
      'PyPI only accepts tokens that start with pypi-; this one starts with testtoken-.',
    );
    expect(
      messages(
        Token.create({ domain: 'pypi.org', identifier: 'x', key: 'k', prefix: 'x'.repeat(50) }),
      )[0],
    ).toBe(
      `PyPI only accepts tokens that start with pypi-; this one starts with ${'x'.repeat(20)}…-.`,
    );
    expect(messages(Token.create({ domain: 'example.com', identifier: 'x', key: 'k' }))[0]).toMatch(
      /^This token was made for "example\.com", not for pypi\.org or test\.pypi\.org/,
    );
    expect(messages(Token.load(vector('non-json caveat')))[0]).toMatch(
      /^This token looks damaged: one of its caveats is not readable \(caveat is not valid JSON .*\)\. Was it copied whole\?$/,
    );
  });

  it('judges bare restrictions by their caveats only', () => {
    const t = Token.create({ domain: 'example.com', identifier: 'x', key: 'k', prefix: 'pre' });
    expect(summarizeScope(t.restrictions, 0).findings.map((f) => f.code)).toEqual(['lower-bound']);
  });
});

function vector(name: string): string {
  const c = vectors.cases.find((x) => x.name === name);
  if (!c) throw new Error(`missing vector ${name}`);
  return c.base_token;
}

// Issue 9: valid huge dates (PyPI's integers have no size limit) never make the summary throw.
describe('summarizeScope on huge dates', () => {
  const big = (n: number) => '9'.repeat(n);
  const short = (c: string) => (c.length > 60 ? `${c.slice(0, 24)}… (${c.length} characters)` : c);
  const table: [string, number, [Finding['code'], string] | null][] = [
    [
      '[0,100000000000000000000,100000000000000000]',
      0,
      [
        'not-yet-valid',
        'This token is not valid before Unix time 100000000000000000 (the year 275760 or later).',
      ],
    ],
    [
      '[0,100000000000000000000,100000000000000000]',
      1_700_000_000,
      [
        'not-yet-valid',
        'This token is not valid before Unix time 100000000000000000 (the year 275760 or later).',
      ],
    ],
    ['[0,100000000000000000000,0]', 1_700_000_000, null],
    [
      '[0,-100000000000000000000,-200000000000000000000]',
      0,
      [
        'expired',
        'This token expired at Unix time -100000000000000000000 (before the year -271821).',
      ],
    ],
    [`[0,${big(4300)},0]`, 1_700_000_000, null],
    [
      `[0,${big(4300)},${big(300)}]`,
      0,
      [
        'not-yet-valid',
        'This token is not valid before Unix time 1e+300 (the year 275760 or later).',
      ],
    ],
    // Known rounding: past 2^1024 both ends read as Infinity, so this window, which opens after the year
    // 10^392 (PyPI: "token is expired" at any moment a clock can give), is summarized as empty.
    [
      `[0,${big(4300)},${big(400)}]`,
      0,
      ['empty-window', expect.stringMatching(/can never be used/)],
    ],
    [`[0,0,-${big(4300)}]`, 0, ['expired', 'This token expired at 1970-01-01T00:00:00Z.']],
    [
      `[0,${big(4300)},${big(4300)}]`,
      0,
      ['empty-window', expect.stringMatching(/can never be used/)],
    ],
    [
      `{"nbf": 100000000000000000, "exp": 100000000000000000000}`,
      0,
      ['not-yet-valid', expect.stringMatching(/the year 275760 or later/)],
    ],
  ];
  it.each(table.map(([c, now, first]) => [short(c), now, c, first] as const))(
    '%s at %d',
    (_, now, caveat, first) => {
      const r = parseCaveat(caveat);
      expect(r.kind).toMatch(/date$/);
      let findings: Finding[] = [];
      expect(() => {
        findings = summarizeScope([r], now).findings;
      }).not.toThrow();
      const time = findings.filter((f) => f.code !== 'lower-bound');
      expect(time.map((f) => [f.code, f.message])).toEqual(first ? [first] : []);
    },
  );
});
