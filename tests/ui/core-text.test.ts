// The core's messages through the catalogue (issue 15): every code the core can produce has its message,
// each message's placeholders are exactly the params the core gives for that code, and `core-text`
// writes the catalogue's message (the English one reads as the core's own), never the core's text.
// Each code is produced by actually making the core say it.
import { describe, expect, it } from 'vitest';
import {
  CAVEAT_REASON_CODES,
  type CaveatReasonCode,
  EXTRACT_CODES,
  type ExtractCode,
  type Extracted,
  extractTokens,
  FINDING_CODES,
  type Finding,
  type FindingCode,
  findTokenTexts,
  LOAD_ERROR_CODES,
  LoadError,
  type LoadErrorCode,
  MAX_EXTRACT_LENGTH,
  OTHER_ERROR_CODES,
  RESTRICTION_ERROR_CODES,
  type Restriction,
  type RestrictionErrorCode,
  type RestrictParams,
  summarizeScope,
  type TextParams,
  TIME_CODES,
  Token,
  TokenError,
} from '@/src/core';
import { JSON_ERROR_CODES, MAX_JSON_DEPTH } from '@/src/core/json';
import { parseCaveat } from '@/src/core/restrictions';
import {
  caveatReasonText,
  errorText,
  extractErrorText,
  extractReasonText,
  findingText,
  loadReasonText,
} from '@/src/ui/core-text';
import english from '../../public/_locales/en/messages.json';
import { USER_TOKEN } from '../fixtures/pages';
import { type Catalogue, useCatalogue } from '../i18n-setup';

const catalogue: Catalogue = english;
const snake = (code: string) => code.replaceAll('-', '_');
/** The message the catalogue holds for `key`; fails the test when there is none. */
function message(key: string): string {
  const entry = catalogue[key];
  expect(entry, `catalogue entry ${key}`).toBeDefined();
  return entry?.message ?? '';
}
const placeholders = (text: string) =>
  [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
/** The catalogue's `{name}`s for `key` are exactly the params' names: none missing, none unused. */
function expectPlaceholders(key: string, params: TextParams | undefined): void {
  expect(params, `params for ${key}`).toBeDefined();
  expect(placeholders(message(key)), key).toEqual([...new Set(Object.keys(params ?? {}))].sort());
}
/** `Intl` groups digits in the user's locale (10,000), the core writes some numbers bare (4300). */
const ungrouped = (s: string) => s.replace(/(\d),(?=\d{3}(?!\d))/g, '$1');
/** What a thrown call throws. */
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('did not throw');
}
const base64url = (bytes: number[]) => `pypi-${Buffer.from(bytes).toString('base64url')}`;
const SIG = new Array(32).fill(0);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

// --- Triggers: a `Record` over each code type, so a code without its trigger does not compile.

const LOAD_TRIGGERS: Record<LoadErrorCode, unknown> = {
  'not-text': 3,
  'too-long': 'x'.repeat(64 * 1024 + 1),
  'no-prefix': 'no prefix here',
  'empty-body': 'pypi-',
  'fields-not-text': base64url([2, 1, 1, 0xff, 2, 1, 0x62, 0, 0, 6, 32, ...SIG]),
  'base64-length': 'pypi-A',
  'base64-malformed': 'pypi-AgF',
  'base64-characters': 'pypi-AgE*Ag',
  empty: 'pypi-==',
  'not-macaroon': base64url([0]),
  'field-truncated': base64url([2, 0x81]),
  'length-not-canonical': base64url([2, 0x80, 0]),
  'length-too-large': base64url([2, 0xff, 0xff, 0xff, 0xff, 0xff]),
  'section-past-end': base64url([2]),
  'fields-out-of-order': base64url([2, 2, 1, 0x61, 1, 1, 0x62, 0]),
  'field-past-end': base64url([2, 2, 5, 0x61]),
  'invalid-header': base64url([2, 0]),
  'third-party-caveat': base64url([2, 2, 1, 0x62, 0, 1, 1, 0x63, 2, 1, 0x64, 0, 0, 6, 32, ...SIG]),
  'invalid-caveat': base64url([2, 2, 1, 0x62, 0, 6, 1, 0x63, 0, 0, 6, 32, ...SIG]),
  'signature-missing': base64url([2, 2, 1, 0x62, 0, 0]),
  'signature-length': base64url([2, 2, 1, 0x62, 0, 0, 6, 1, 0]),
  'trailing-data': base64url([2, 2, 1, 0x62, 0, 0, 6, 32, ...SIG, 0]),
  'v1-header': base64url(ascii('0zzz0000')),
  'v1-length': base64url(ascii('0003abcd')),
  'v1-packet': base64url(ascii('0008abc\n')),
  'v1-no-identifier': base64url(ascii('000cfoo bar\n')),
};

const USER = Token.load(USER_TOKEN.token);
const RESTRICTION_TRIGGERS: Record<RestrictionErrorCode, () => unknown> = {
  'not-an-object': () => USER.restrict(null as unknown as RestrictParams),
  'unknown-restriction': () => USER.restrict({ projectName: ['a'] } as RestrictParams),
  'window-half': () => USER.restrict({ notBefore: 5 }),
  'window-empty': () => USER.restrict({ notBefore: 10, notAfter: 10 }),
  'time-not-seconds': () => USER.restrict({ notBefore: 1.5, notAfter: 10 }),
  'list-single-string': () =>
    USER.restrict({ projectNames: 'requests' } as unknown as RestrictParams),
  'list-not-array': () => USER.restrict({ projectNames: 5 } as unknown as RestrictParams),
  'list-empty': () => USER.restrict({ projectNames: [] }),
  'list-not-string': () => USER.restrict({ projectNames: [3] } as unknown as RestrictParams),
  'secret-in-value': () => USER.restrict({ projectNames: [USER_TOKEN.token] }),
  'invalid-project-name': () => USER.restrict({ projectNames: ['-bad-'] }),
  'invalid-project-id': () => USER.restrict({ projectIds: ['1234'] }),
  'invalid-user-id': () => USER.restrict({ userId: 'alice' }),
  'user-id-not-string': () => USER.restrict({ userId: 5 } as unknown as RestrictParams),
  'legacy-noop-not-boolean': () =>
    USER.restrict({ legacyNoop: 'yes' } as unknown as RestrictParams),
  'no-restriction': () => USER.restrict({}),
  'invalid-encoding': () => USER.restrict({ legacyNoop: true }, { encoding: 'other' as 'compact' }),
};

const OTHER_TRIGGERS: Record<(typeof OTHER_ERROR_CODES)[number], () => unknown> = {
  'invalid-version': () =>
    Token.create({ domain: 'pypi.org', identifier: 'i', key: 'k', version: 3 as 2 }),
  'v1-field-too-large': () =>
    Token.create({ domain: 'pypi.org', identifier: 'i'.repeat(70_000), key: 'k', version: 1 }),
  'validation-failed': () => USER.check('wrong key', { now: 5 }),
};

/** Every error trigger, as [code, the error it throws]. */
const ERRORS: [string, TokenError][] = [
  ...Object.entries(LOAD_TRIGGERS).map(([c, raw]) => [c, thrown(() => Token.load(raw as string))]),
  ...Object.entries(RESTRICTION_TRIGGERS).map(([c, f]) => [c, thrown(f)]),
  ...Object.entries(OTHER_TRIGGERS).map(([c, f]) => [c, thrown(f)]),
] as [string, TokenError][];

const nested = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
const CAVEAT_TRIGGERS: Record<CaveatReasonCode, () => Restriction | undefined> = {
  'not-utf8': () =>
    Token.load(base64url([2, 2, 1, 0x62, 0, 2, 1, 0xff, 0, 0, 6, 32, ...SIG])).restrictions[0],
  'too-deep': () => parseCaveat(`[1,["foo"],${nested(MAX_JSON_DEPTH)}]`),
  'json-bom': () => parseCaveat('\ufeff[1,["a"]]'),
  'json-int-limit': () => parseCaveat(`[0,${'9'.repeat(4301)},1]`),
  'json-extra-data': () => parseCaveat('[1,["a"]]x'),
  'json-expecting-delimiter': () => parseCaveat('[1 2]'),
  'json-expecting-property-name': () => parseCaveat('{1:2}'),
  'json-expecting-colon': () => parseCaveat('{"a" 1}'),
  'json-unterminated-string': () => parseCaveat('["abc'),
  'json-invalid-control-character': () => parseCaveat('["a\u0001"]'),
  'json-invalid-unicode-escape': () => parseCaveat('["\\u12"]'),
  'json-invalid-escape': () => parseCaveat('["\\x"]'),
  'json-expecting-value': () => parseCaveat('not json'),
  'not-array': () => parseCaveat('"x"'),
  'empty-array': () => parseCaveat('[]'),
  'not-enough-values': () => parseCaveat('[0,1]'),
  'invalid-values': () => parseCaveat('[1,"a"]'),
  'unknown-tag': () => parseCaveat('[9]'),
  'unknown-tag-list': () => parseCaveat('[[1]]'),
  'unknown-tag-object': () => parseCaveat('[{}]'),
};
type Unknown = Extract<Restriction, { kind: 'unknown' }>;
const CAVEATS = Object.entries(CAVEAT_TRIGGERS).map(([c, f]) => [c, f() as Unknown] as const);

const site = (o: { domain?: string; prefix?: string; version?: 1 | 2 }) =>
  Token.create({ domain: 'pypi.org', identifier: 'i', key: 'k', ...o });
/** Each finding code, and for a code with variants one trigger per variant (its messages differ). */
const FINDING_TRIGGERS: Record<FindingCode, (() => Finding[])[]> = {
  'wrong-prefix': [() => summarizeScope(site({ prefix: 'testpypi' }), 0).findings],
  'unknown-site': [
    () => summarizeScope(site({ domain: 'example.com' }), 0).findings,
    () => summarizeScope(site({ domain: '' }), 0).findings,
  ],
  'v1-format': [() => summarizeScope(site({ version: 1 }), 0).findings],
  damaged: [
    () => summarizeScope([parseCaveat('not json')], 0).findings,
    () => summarizeScope([CAVEAT_TRIGGERS['not-utf8']() as Restriction], 0).findings,
  ],
  expired: [
    () => summarizeScope([{ kind: 'date', notBefore: 0, notAfter: 1000 }], 2000).findings,
    () =>
      summarizeScope([parseCaveat('[0,-100000000000000000000,-200000000000000000000]')], 0)
        .findings,
  ],
  'not-yet-valid': [
    () => summarizeScope([{ kind: 'date', notBefore: 1000, notAfter: 2000 }], 0).findings,
    () => summarizeScope([parseCaveat('[0,100000000000000000000,100000000000000000]')], 0).findings,
  ],
  'empty-window': [
    () =>
      summarizeScope(
        [
          { kind: 'date', notBefore: 0, notAfter: 10 },
          { kind: 'date', notBefore: 20, notAfter: 30 },
        ],
        0,
      ).findings,
  ],
  'no-project': [
    () =>
      summarizeScope(
        [
          { kind: 'project-names', projectNames: ['a'] },
          { kind: 'project-names', projectNames: ['b'] },
        ],
        0,
      ).findings,
  ],
  'conflicting-users': [
    () =>
      summarizeScope(
        [
          { kind: 'user-id', userId: 'a' },
          { kind: 'user-id', userId: 'b' },
        ],
        0,
      ).findings,
  ],
  'unknown-caveat': [
    () => summarizeScope([parseCaveat('[9]')], 0).findings,
    () => summarizeScope([parseCaveat('\ufeff[1,["a"]]')], 0).findings,
  ],
  'unreadable-caveat': [
    () => summarizeScope([CAVEAT_TRIGGERS['too-deep']() as Restriction], 0).findings,
  ],
  'legacy-noop': [() => summarizeScope([{ kind: 'legacy-noop' }], 0).findings],
  'trusted-publisher': [
    () => summarizeScope([{ kind: 'oidc-publisher', publisherId: 'x' }], 0).findings,
  ],
  'lower-bound': [() => summarizeScope([], 0).findings],
};
const FINDINGS = Object.entries(FINDING_TRIGGERS).flatMap(([code, triggers]) =>
  triggers.map((f, i) => {
    const found = f().find((x) => x.code === code);
    if (!found) throw new Error(`trigger ${i} of ${code} does not find it`);
    return [`${code} #${i + 1}`, found] as const;
  }),
);

const EXTRACT_TRIGGERS: Record<ExtractCode, string> = {
  empty: ' \n ',
  'too-long': 'x'.repeat(MAX_EXTRACT_LENGTH + 1),
  'no-token': 'hello world, this is no token',
  damaged: USER_TOKEN.token.slice(0, 120),
};
const EXTRACTS = Object.entries(EXTRACT_TRIGGERS).map(
  ([code, text]) => [code, extractTokens(text)] as const,
);

/** The catalogue key of a finding: `unknown-site` naming no site has a message of its own. */
const findingKey = (f: Finding) =>
  f.code === 'unknown-site' && !('site' in f.params)
    ? 'core_finding_unknown_site_none'
    : `core_finding_${snake(f.code)}`;

describe('every code the core can produce has its catalogue message', () => {
  const keys = [
    ...LOAD_ERROR_CODES.flatMap((c) => [`core_error_${snake(c)}`, `core_error_${snake(c)}_reason`]),
    ...[...RESTRICTION_ERROR_CODES, ...OTHER_ERROR_CODES].map((c) => `core_error_${snake(c)}`),
    ...FINDING_CODES.map((c) => `core_finding_${snake(c)}`),
    'core_finding_unknown_site_none',
    ...TIME_CODES.map((c) => `core_${snake(c)}`),
    ...CAVEAT_REASON_CODES.map((c) => `core_caveat_${snake(c)}`),
    ...EXTRACT_CODES.flatMap((c) => [
      `core_extract_${snake(c)}`,
      `core_extract_${snake(c)}_reason`,
    ]),
  ];

  it.each(keys)('%s', (key) => {
    expect(catalogue[key]?.message, key).toEqual(expect.any(String));
    expect(catalogue[key]?.description, key).toEqual(expect.any(String));
  });

  it('has no core_ message no code produces, and no $ in any', () => {
    const core = Object.keys(catalogue).filter((k) => k.startsWith('core_'));
    expect(core.sort()).toEqual([...keys].sort());
    for (const k of core) {
      expect(k).toMatch(/^core_[a-z0-9_]+$/);
      expect(catalogue[k]?.message).not.toContain('$');
    }
  });

  it('gives each JSON error but depth (a reason of its own) a caveat reason', () => {
    for (const c of JSON_ERROR_CODES.filter((c) => c !== 'depth'))
      expect(CAVEAT_REASON_CODES).toContain(`json-${c}`);
  });
});

describe('errors', () => {
  it.each(ERRORS)('%s: its code, its params, its message from the catalogue', (code, e) => {
    expect(e).toBeInstanceOf(TokenError);
    expect(e.code).toBe(code);
    const key = `core_error_${snake(code)}`;
    expectPlaceholders(key, e.params);
    // The English catalogue reads as the core's own message (digits grouped in the user's locale).
    expect(ungrouped(errorText(e))).toBe(ungrouped(e.message));
  });

  it.each(ERRORS.filter((x): x is [string, LoadError] => x[1] instanceof LoadError))(
    '%s: a LoadError gives its reason as a clause, the catalogue one',
    (code, e) => {
      expect(LOAD_ERROR_CODES).toContain(code);
      expectPlaceholders(`core_error_${snake(code)}_reason`, e.params);
      expect(loadReasonText(e)).toBe(e.reason);
    },
  );

  it('writes the catalogue in use, not the core English', () => {
    useCatalogue(pseudo());
    for (const [code, e] of ERRORS) {
      expect(errorText(e), code).toMatch(/^«.*»$/s);
      if (e instanceof LoadError) expect(loadReasonText(e)).toBe(`«${e.reason}»`);
    }
  });

  it('carries no piece of a token in params, however it failed', () => {
    const piece = USER_TOKEN.token.slice(20, 60);
    const withToken = [
      thrown(() => USER.restrict({ projectNames: [USER_TOKEN.token] })),
      thrown(() => USER.restrict({ userId: USER_TOKEN.token })),
      thrown(() => USER.restrict({ [USER_TOKEN.token]: 1 } as RestrictParams)),
      thrown(() => Token.load(`${USER_TOKEN.token}x`)),
      thrown(() => Token.load(USER_TOKEN.token.slice(0, 120))),
    ] as TokenError[];
    for (const e of withToken) {
      expect(e).toBeInstanceOf(TokenError);
      expect(JSON.stringify(e.params)).not.toContain(piece);
      expect(errorText(e)).not.toContain(piece);
    }
  });

  it("shows an error that is not the core's as its own message", () => {
    expect(errorText(new Error('Could not reach the clipboard'))).toBe(
      'Could not reach the clipboard',
    );
    expect(errorText('a thrown string')).toBe('a thrown string');
    // `check`'s `now` is the caller's value, not a restriction: a RangeError, not the core's message.
    const e = thrown(() => USER.check('k', { now: -1 }));
    expect(e).toBeInstanceOf(RangeError);
    expect(errorText(e)).toBe((e as Error).message);
  });
});

describe('caveat reasons', () => {
  it.each(CAVEATS)('%s: its code, its params, the catalogue clause', (code, r) => {
    expect(r.kind).toBe('unknown');
    expect(r.reasonCode).toBe(code);
    expectPlaceholders(`core_caveat_${snake(code)}`, r.reasonParams);
    expect(ungrouped(caveatReasonText(r))).toBe(ungrouped(r.reason));
    useCatalogue(pseudo());
    expect(caveatReasonText(r)).toMatch(/^«.*»$/s);
  });

  it('carries its reason as data, through a copy too; a hand-made one shows its English', () => {
    const r = parseCaveat('[9]');
    expect(r).toEqual({
      kind: 'unknown',
      raw: '[9]',
      reason: 'caveat has unknown tag: 9',
      reasonCode: 'unknown-tag',
      reasonParams: { tag: '9' },
    });
    useCatalogue(pseudo());
    expect(caveatReasonText({ ...(r as Unknown) })).toMatch(/^«/);
    expect(caveatReasonText({ reason: 'caveat has unknown tag: 9' })).toBe(
      'caveat has unknown tag: 9',
    );
  });
});

describe('findings', () => {
  it.each(FINDINGS)('%s: its params, its message from the catalogue', (_, f) => {
    expectPlaceholders(findingKey(f), f.params);
    if (f.reasonCode) expectPlaceholders(`core_caveat_${snake(f.reasonCode)}`, f.reasonParams);
    if (f.timeCode) expectPlaceholders(`core_${snake(f.timeCode)}`, f.timeParams);
    expect(ungrouped(findingText(f))).toBe(ungrouped(f.message));
  });

  it.each(FINDINGS)('%s: written in the catalogue in use, its clauses too', (_, f) => {
    useCatalogue(pseudo());
    const text = findingText(f);
    expect(text).toMatch(/^«.*»$/s);
    if (f.reasonCode || f.timeCode) expect(text).toMatch(/^«.*«.*».*»$/s);
  });

  it('carry their data through a copy; one made by hand, without it, shows its English', () => {
    const [f] = summarizeScope(site({ prefix: 'testpypi' }), 0).findings as [Finding];
    expect(f).toEqual({
      code: 'wrong-prefix',
      severity: 'error',
      message: expect.stringContaining('testpypi'),
      params: { prefix: 'testpypi' },
    });
    useCatalogue(pseudo());
    expect(findingText(structuredClone(f))).toMatch(/^«/);
    const byHand = { code: f.code, severity: f.severity, message: f.message } as Finding;
    expect(findingText(byHand)).toBe(f.message);
  });

  it('clips the values they show, as the messages do', () => {
    const long = summarizeScope(site({ prefix: 'p'.repeat(50), domain: 'd'.repeat(60) }), 0);
    const byCode = Object.fromEntries(long.findings.map((f) => [f.code, f.params]));
    expect(byCode['wrong-prefix']).toEqual({ prefix: `${'p'.repeat(20)}…` });
    expect(byCode['unknown-site']).toEqual({ site: JSON.stringify(`${'d'.repeat(40)}…`) });
  });
});

describe('a text that holds no token', () => {
  it.each(EXTRACTS)('%s: its params, its sentence and clause from the catalogue', (code, x) => {
    expect(x.tokens).toEqual([]);
    expect(x.code).toBe(code);
    expectPlaceholders(`core_extract_${snake(code)}`, x.params);
    expectPlaceholders(`core_extract_${snake(code)}_reason`, x.params);
    if (x.whyCode) expectPlaceholders(`core_error_${snake(x.whyCode)}_reason`, x.whyParams);
    expect(ungrouped(extractErrorText(x) ?? '')).toBe(ungrouped(x.error ?? ''));
    expect(ungrouped(extractReasonText(x) ?? '')).toBe(ungrouped(x.reason ?? ''));
    useCatalogue(pseudo());
    expect(extractErrorText(x)).toMatch(/^«.*»$/s);
    expect(extractReasonText(x)).toMatch(/^«.*»$/s);
    if (code === 'damaged') expect(extractErrorText(x)).toMatch(/^«.*«.*».*»$/s);
  });

  it('says nothing when a token was found, for texts and tokens alike', () => {
    for (const x of [findTokenTexts(USER_TOKEN.token), extractTokens(USER_TOKEN.token)]) {
      expect(x.code).toBeNull();
      expect(extractErrorText(x)).toBeNull();
      expect(extractReasonText(x)).toBeNull();
    }
  });

  it('names why a damaged token does not load, and keeps it through a copy', () => {
    const x = EXTRACTS.find(([c]) => c === 'damaged')?.[1] as Extracted;
    expect(LOAD_ERROR_CODES).toContain(x.whyCode);
    expect(structuredClone(x)).toMatchObject({ code: 'damaged', whyCode: x.whyCode });
    expect(JSON.stringify(x.params)).not.toContain(USER_TOKEN.token.slice(20, 60));
  });
});

/** Every message wrapped in «…», placeholders kept: text from it is told apart from the core's English. */
function pseudo(): Catalogue {
  return Object.fromEntries(
    Object.entries(catalogue).map(([k, v]) => [k, { message: `«${v.message}»` }]),
  );
}
