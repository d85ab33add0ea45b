// Token behaviour beyond the vectors: lenient load, strict restrict, every failure reported by check.
import { base64, base64urlnopad } from '@scure/base';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  InvalidRestrictionError,
  LoadError,
  looksLikeToken,
  type RestrictParams,
  redact,
  Token,
} from '@/src/core';
import { base64Size, decodeBase64, toBase64Url } from '@/src/core/bytes';
import { PROJECT_TOKEN, TEST_TOKEN } from '../fixtures/pages';
import { failuresOf, hex, vectors } from './vectors';

const userCase = vectors.cases.find((c) => c.name === 'pypi user-scoped token as issued');
if (!userCase) throw new Error('vector missing');
const USER_TOKEN = userCase.base_token;
const KEY = hex(userCase.create.key_hex);
const USER = '00000000-0000-0000-0000-000000000003';
const P1 = '6e4b2b3a-6f64-4d2f-9b7b-2a9cf4f6b0aa';

describe('Token.load', () => {
  it('reads a real-shaped pypi.org user token (179 characters)', () => {
    expect(USER_TOKEN).toHaveLength(179);
    const t = Token.load(USER_TOKEN);
    expect([t.prefix, t.domain, t.identifier, t.version]).toEqual([
      'pypi',
      'pypi.org',
      userCase.create.identifier,
      2,
    ]);
    expect(t.restrictions).toEqual([{ kind: 'user-id', userId: USER }]);
  });

  it.each([
    ['surrounding whitespace and newlines', `\n  ${USER_TOKEN}\r\n`],
    [
      'standard base64 with padding',
      `pypi-${Buffer.from(USER_TOKEN.slice(5), 'base64url').toString('base64')}`,
    ],
    [
      'base64url with padding',
      `${USER_TOKEN}${'='.repeat((4 - ((USER_TOKEN.length - 5) % 4)) % 4)}`,
    ],
  ])('accepts %s', (_, raw) => {
    expect(Token.load(raw).dump()).toBe(USER_TOKEN);
  });

  it('dumps in the canonical form, whatever form it read', () => {
    const std = `pypi-${Buffer.from(USER_TOKEN.slice(5), 'base64url').toString('base64')}`;
    expect(std).toMatch(/[+/=]/);
    expect(Token.load(std).dump()).toBe(USER_TOKEN);
  });

  it.each([
    ['', /no prefix/],
    ['pypi-', /empty after its prefix/],
    ['pypi-Ag==x', /length is not possible for base64/],
    ['pypi-AgE*Ag', /not base64/],
    ['pypi-AgEé', /not base64/],
    ['pypi-AgF', /base64 is malformed/],
    ['pypi-A', /length/],
    [`${USER_TOKEN}AA`, /unexpected data after the signature|malformed/],
    [USER_TOKEN.slice(0, -4), /signature|malformed|past the end/],
    ['pypi-MDAw', /V1/],
    ['x'.repeat(64 * 1024 + 1), /far too long/],
  ])('refuses %j with a clear LoadError', (raw, message) => {
    expect(() => Token.load(raw)).toThrow(LoadError);
    expect(() => Token.load(raw)).toThrow(message);
  });

  it('refuses third-party caveats, which PyPI never issues', () => {
    // V2: header, then one caveat section with location + identifier + vid.
    const b = Buffer.from([
      2,
      1,
      1,
      0x61,
      2,
      1,
      0x62,
      0,
      1,
      1,
      0x63,
      2,
      1,
      0x64,
      4,
      1,
      0x65,
      0,
      0,
      6,
      32,
      ...new Array(32).fill(0),
    ]);
    expect(() => Token.load(`pypi-${b.toString('base64url')}`)).toThrow(/third-party/);
  });

  it('never puts the token in an error message, whatever goes wrong', () => {
    const tampered = [
      USER_TOKEN.replace('pypi-', 'pypi-!'),
      `${USER_TOKEN}x`,
      USER_TOKEN.slice(0, 120),
      `${USER_TOKEN}${USER_TOKEN}`,
    ];
    for (const raw of tampered) {
      expect(() => Token.load(raw)).toThrow(LoadError);
      expect(() => Token.load(raw)).not.toThrow(USER_TOKEN.slice(20, 60));
    }
    // The restrict-with-a-token case: refused as a secret, and the message is fixed text.
    const restrictWithToken = () => Token.load(USER_TOKEN).restrict({ projectNames: [USER_TOKEN] });
    expect(restrictWithToken).toThrow(InvalidRestrictionError);
    expect(restrictWithToken).toThrow(SECRET_REFUSED);
  });

  it('gives each LoadError a reason that completes a sentence and never quotes the input', () => {
    const reasonOf = (raw: string) => {
      expect(() => Token.load(raw)).toThrow(LoadError);
      try {
        Token.load(raw);
      } catch (e) {
        return (e as LoadError).reason;
      }
    };
    expect(reasonOf('pypi-')).toBe('it is empty after its prefix');
    expect(reasonOf('no prefix')).toBe('it has no prefix such as "pypi-"');
    expect(reasonOf('pypi-AgF')).toBe('its base64 is malformed');
    expect(reasonOf(USER_TOKEN.slice(0, 150))).not.toContain(USER_TOKEN.slice(20, 40));
  });
});

/** The whole message a secret in a restriction gets: fixed text, so it can never carry the value. */
const SECRET_REFUSED =
  /^This value is an API token, or holds a piece of one: no part of a token may be written into a restriction\.$/;

describe('a token never becomes a caveat value', () => {
  const t = Token.load(USER_TOKEN);
  const standard = (tok: string) =>
    `pypi-${Buffer.from(tok.slice(5), 'base64url').toString('base64')}`;
  const secrets: [string, string][] = [
    ['a pypi.org token', USER_TOKEN],
    ['a test.pypi.org token', TEST_TOKEN.token],
    ['a project-scoped token', PROJECT_TOKEN.token],
    ['a token in the standard alphabet', standard(USER_TOKEN)],
    ['a token with another prefix', `testtoken-${USER_TOKEN.slice(5)}`],
    ['a token without its prefix', USER_TOKEN.slice(5)],
    ['a token with spaces around', ` ${TEST_TOKEN.token}\n`],
    ['a name ending in a token', `my-project-${USER_TOKEN}`],
    ["what PyPI's leak scanner flags", `pypi-${'A'.repeat(85)}`],
    ['the same in capitals', `PYPI-${'A1'.repeat(43)}`],
  ];
  const fields: [string, (v: string) => RestrictParams][] = [
    ['projectNames', (v) => ({ projectNames: ['requests', v] })],
    ['projectIds', (v) => ({ projectIds: [P1, v] })],
    ['userId', (v) => ({ userId: v })],
    ['legacyProjectNames', (v) => ({ legacyProjectNames: [v] })],
  ];
  const cases = fields.flatMap(([field, params]) =>
    secrets.map(([what, value]) => ({ field, what, params: params(value) })),
  );

  it.each(cases)('restrict refuses $what as $field, without echoing it', ({ params }) => {
    expect(() => t.restrict(params)).toThrow(InvalidRestrictionError);
    expect(() => t.restrict(params)).toThrow(SECRET_REFUSED);
  });

  it.each(secrets)('looksLikeToken flags %s', (_, value) => {
    expect(looksLikeToken(value)).toBe(true);
  });

  it.each([
    ['a project name', 'requests'],
    ['a long project name', 'apache-airflow-providers-microsoft-azure-data-factory-extras'],
    ['a UUID', P1],
    ['a short pypi- name', 'pypi-attestations'],
    ['the empty string', ''],
    ['a damaged token', USER_TOKEN.slice(0, 80)],
  ])('looksLikeToken lets %s through', (_, value) => {
    expect(looksLikeToken(value)).toBe(false);
  });

  it('still accepts long names and IDs that are not tokens', () => {
    const names = [
      'apache-airflow-providers-microsoft-azure-data-factory-extras',
      'pypi-attestations',
    ];
    expect(
      t.restrict({ projectNames: names, projectIds: [P1], userId: USER }).caveats,
    ).toHaveLength(4);
  });
});

describe('Token.restrict', () => {
  const t = Token.load(USER_TOKEN);

  it('returns a new token and leaves the original untouched', () => {
    const narrower = t.restrict({ projectNames: ['requests'] });
    expect(narrower).not.toBe(t);
    expect(t.dump()).toBe(USER_TOKEN);
    expect(narrower.caveats).toEqual([...t.caveats, '[1,["requests"]]']);
  });

  it('normalizes names (PEP 503), lowercases IDs and drops duplicates', () => {
    const r = t.restrict({
      projectNames: ['Foo_Bar', 'foo.bar', 'Requests'],
      projectIds: [P1.toUpperCase()],
      userId: USER.toUpperCase(),
    });
    expect(r.caveats.slice(1)).toEqual([
      `[1,["foo-bar","requests"]]`,
      `[2,["${P1}"]]`,
      `[3,"${USER}"]`,
    ]);
  });

  it('accepts Dates and writes whole seconds', () => {
    const r = t.restrict({
      notBefore: new Date(1_700_000_000_900),
      notAfter: new Date(1_700_003_600_000),
    });
    expect(r.caveats[1]).toBe('[0,1700003600,1700000000]');
  });

  it('writes non-ASCII as Python does in pypitoken encoding (\\u escapes)', () => {
    // Names are validated ASCII, so the escaping is exercised through the identifier-free legacy path.
    expect(t.restrict({ legacyNoop: true }, { encoding: 'pypitoken' }).caveats[1]).toBe(
      '{"version": 1, "permissions": "user"}',
    );
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['half a window', { notBefore: 5 }, /must be used together/],
    ['an empty window', { notBefore: 10, notAfter: 10 }, /earlier than/],
    ['a reversed window', { notBefore: 11, notAfter: 10 }, /earlier than/],
    ['a fractional time', { notBefore: 1.5, notAfter: 10 }, /whole number of seconds/],
    ['a negative time', { notBefore: -1, notAfter: 10 }, /whole number of seconds/],
    ['an unsafe integer', { notBefore: 1, notAfter: 2 ** 60 }, /whole number of seconds/],
    ['an invalid Date', { notBefore: new Date(Number.NaN), notAfter: 10 }, /valid Date/],
    ['a string time', { notBefore: '1', notAfter: 10 }, /whole number/],
    [
      'a bare string of names',
      { projectNames: 'requests' },
      /single string not wrapped in an array/,
    ],
    ['an empty list of names', { projectNames: [] }, /empty/],
    ['an invalid name', { projectNames: ['-bad-'] }, /not a valid project name/],
    ['a name with spaces', { projectNames: ['two words'] }, /not a valid project name/],
    ['a non-string name', { projectNames: [3] }, /only hold strings/],
    ['a bare string of IDs', { projectIds: P1 }, /single string not wrapped in an array/],
    ['a non-UUID project ID', { projectIds: ['1234'] }, /not a project ID/],
    ['a non-UUID user', { userId: 'alice' }, /not a user ID/],
    ['a non-boolean legacyNoop', { legacyNoop: 'yes' }, /true or false/],
    [
      'half a legacy window',
      { legacyNotBefore: 1 },
      /legacyNotBefore.*legacyNotAfter.*must be used together/,
    ],
    ['a typo', { projectName: ['a'] }, /Unknown restriction "projectName"/],
    ['nothing at all', {}, /No restriction given/],
  ])('refuses %s', (_, params, message) => {
    expect(() => t.restrict(params)).toThrow(InvalidRestrictionError);
    expect(() => t.restrict(params)).toThrow(message);
  });

  it('refuses an unknown encoding', () => {
    expect(() => t.restrict({ legacyNoop: true }, { encoding: 'other' as 'compact' })).toThrow(
      InvalidRestrictionError,
    );
  });
});

describe('Token.check', () => {
  const t = Token.load(USER_TOKEN).restrict({
    projectNames: ['foo-bar', 'baz'],
    notBefore: 1000,
    notAfter: 2000,
  });

  it('passes with the right key and context', () => {
    expect(() => t.check(KEY, { projectName: 'foo-bar', userId: USER, now: 1500 })).not.toThrow();
  });

  it('compares project names after PEP 503 normalization, as PyPI does', () => {
    expect(() => t.check(KEY, { projectName: 'Foo_Bar', userId: USER, now: 1500 })).not.toThrow();
  });

  it('is half-open: valid at notBefore, not at notAfter', () => {
    const ctx = { projectName: 'baz', userId: USER };
    expect(() => t.check(KEY, { ...ctx, now: 1000 })).not.toThrow();
    expect(() => t.check(KEY, { ...ctx, now: new Date(1_999_999) })).not.toThrow();
    expect(failuresOf(() => t.check(KEY, { ...ctx, now: 2000 }))).toHaveLength(1);
  });

  it('reports every failure, the signature last', () => {
    const failures = failuresOf(() =>
      t.check('wrong', { projectName: 'other', userId: P1, now: 5 }),
    );
    expect(failures).toEqual([
      `This token can only be used by user with id: ${USER}. Received: ${P1}`,
      'This token can only be used between timestamps 1000 (incl) and 2000 (excl). Received: 5',
      'This token can only be used for project(s): foo-bar, baz. Received: other',
      'Signatures do not match',
    ]);
    expect(() => t.check('wrong', { now: 5 })).toThrow(
      /^Error while validating token: .*; .*Signatures do not match$/,
    );
  });

  it('fails a restriction whose context is missing rather than skipping it', () => {
    expect(failuresOf(() => t.check(KEY, { userId: USER, now: 1500 }))).toEqual([
      "The restriction couldn't be checked because the context is missing required values",
    ]);
  });

  it('refuses tokens PyPI would refuse: unknown caveats and trusted-publisher tokens outside OIDC', () => {
    const tp = vectors.cases.find((c) => c.name.startsWith('trusted publisher'));
    const unknown = vectors.cases.find((c) => c.name === 'unknown future tag');
    if (!tp || !unknown) throw new Error('vector missing');
    const ctx = { projectId: '00000000-0000-0000-0000-000000000000', now: 1700000001 };
    expect(failuresOf(() => Token.load(tp.base_token).check(hex(tp.create.key_hex), ctx))).toEqual([
      'This token can only be used by its trusted publisher (an OIDC-identified request)',
    ]);
    expect(
      failuresOf(() => Token.load(unknown.base_token).check(hex(unknown.create.key_hex))),
    ).toEqual(['PyPI cannot use this token: caveat has unknown tag: 9']);
  });

  it('uses the current time when none is given', () => {
    const now = Math.floor(Date.now() / 1000);
    const live = Token.load(USER_TOKEN).restrict({ notBefore: now - 60, notAfter: now + 3600 });
    expect(() => live.check(KEY, { userId: USER })).not.toThrow();
  });
});

describe('Token.create and serialization', () => {
  it('refuses a format other than V1 and V2 rather than write one and name another', () => {
    for (const version of [0, 3, '2'])
      expect(() =>
        Token.create({ domain: 'pypi.org', identifier: 'x', key: 'k', version: version as 1 }),
      ).toThrow('version must be 1 or 2.');
  });

  it('accepts a string key as its UTF-8 bytes', () => {
    const a = Token.create({ domain: 'pypi.org', identifier: 'x', key: 'sécret' });
    const b = Token.create({
      domain: 'pypi.org',
      identifier: 'x',
      key: new TextEncoder().encode('sécret'),
    });
    expect(a.dump()).toBe(b.dump());
    expect(a.dump()).toMatch(/^pypi-AgEIcHlwaS5vcmc/);
  });

  it('round-trips V1 tokens in V1', () => {
    const v1 = Token.create({ domain: 'pypi.org', identifier: 'x', key: 'k', version: 1 }).restrict(
      { projectNames: ['a'] },
    );
    const again = Token.load(v1.dump());
    expect(again.version).toBe(1);
    expect(again.dump()).toBe(v1.dump());
    expect(() => again.check('k', { projectName: 'a' })).not.toThrow();
  });

  it('JSON.stringify never reveals the signature', () => {
    const t = Token.load(USER_TOKEN);
    expect(JSON.stringify(t)).not.toContain(USER_TOKEN.slice(-20));
    expect(JSON.parse(JSON.stringify(t))).toMatchObject({
      domain: 'pypi.org',
      caveats: [`[3,"${USER}"]`],
    });
  });
});

describe('redact', () => {
  it('keeps the first 12 and last 4 characters', () => {
    expect(redact(USER_TOKEN)).toBe(`${USER_TOKEN.slice(0, 12)}…${USER_TOKEN.slice(-4)}`);
    expect(redact('short')).toBe('shor…');
  });
});

describe('base64 codec', () => {
  const fromBase64 = (text: string) => {
    const out = new Uint8Array(base64Size(text));
    decodeBase64(text, out);
    return out;
  };

  it('agrees with Node and @scure/base on random bytes, both alphabets, with and without padding', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const url = toBase64Url(bytes);
        expect(url).toBe(base64urlnopad.encode(bytes));
        expect(url).toBe(Buffer.from(bytes).toString('base64url'));
        expect(fromBase64(url)).toEqual(bytes);
        expect(fromBase64(base64.encode(bytes))).toEqual(bytes);
        expect(fromBase64(base64.encode(bytes).replace(/=+$/, ''))).toEqual(bytes);
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses texts whose padding bits are set, so each token has one spelling', () => {
    expect(fromBase64('AA')).toEqual(Uint8Array.of(0));
    expect(() => fromBase64('AB')).toThrow(/malformed/);
    expect(() => fromBase64('AAB')).toThrow(/malformed/);
  });
});
