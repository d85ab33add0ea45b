// Finding tokens in pasted or selected text: every form users paste, wrapped lines, several tokens, damage.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractTokens, MAX_EXTRACT_LENGTH, Token } from '@/src/core';
import { PROJECT_TOKEN, TEST_TOKEN, USER_TOKEN } from '../fixtures/pages';

const SITES = [
  { site: 'pypi.org', token: USER_TOKEN.token },
  { site: 'test.pypi.org', token: TEST_TOKEN.token },
];
/** The same token in the standard base64 alphabet, with padding (as pymacaroons also reads it). */
const standard = (t: string) => `pypi-${Buffer.from(t.slice(5), 'base64url').toString('base64')}`;
/** A token as a terminal wraps it at `width` columns. */
const wrap = (t: string, width: number, eol = '\n') =>
  (t.match(new RegExp(`.{1,${width}}`, 'g')) ?? []).join(eol);
const found = (text: string) => extractTokens(text).tokens.map((t) => t.dump());

const FORMS: [string, (t: string) => string][] = [
  ['a bare token', (t) => t],
  ['surrounding whitespace and newlines', (t) => `\n\t  ${t}  \r\n\n`],
  ['single quotes', (t) => `'${t}'`],
  ['double quotes', (t) => `"${t}"`],
  ['back quotes', (t) => `\`${t}\``],
  ['a .pypirc password line', (t) => `password = ${t}`],
  ['a .pypirc block', (t) => `[pypi]\n  username = __token__\n  password = ${t}\n`],
  [
    'a whole .pypirc file',
    (t) =>
      `[distutils]\nindex-servers =\n    pypi\n    testpypi\n\n[pypi]\n  username = __token__\n  password = ${t}\n\n[testpypi]\n  repository = https://test.pypi.org/legacy/\n`,
  ],
  ['TWINE_PASSWORD=', (t) => `TWINE_PASSWORD=${t}`],
  ['export TWINE_PASSWORD="…"', (t) => `export TWINE_PASSWORD="${t}"`],
  ['UV_PUBLISH_TOKEN=', (t) => `UV_PUBLISH_TOKEN=${t}`],
  ['POETRY_PYPI_TOKEN_PYPI=', (t) => `POETRY_PYPI_TOKEN_PYPI=${t}`],
  ['HATCH_INDEX_AUTH=', (t) => `HATCH_INDEX_AUTH=${t}`],
  ['PDM_PUBLISH_PASSWORD=', (t) => `PDM_PUBLISH_PASSWORD=${t}`],
  ['FLIT_PASSWORD=', (t) => `FLIT_PASSWORD=${t}`],
  ['Windows set', (t) => `set TWINE_PASSWORD=${t}`],
  ['PowerShell $env:', (t) => `$env:TWINE_PASSWORD = "${t}"`],
  ['a YAML value', (t) => `with:\n  password: ${t}\n`],
  ['a JSON value', (t) => `{"password": "${t}"}`],
  [
    'several env lines, one with the token',
    (t) =>
      `TWINE_USERNAME=__token__\nTWINE_PASSWORD=${t}\nTWINE_REPOSITORY_URL=https://test.pypi.org/legacy/\nTWINE_NON_INTERACTIVE=1`,
  ],
  ['a sentence', (t) => `my token is ${t} thanks`],
  ['a sentence ending after it', (t) => `Here it is: ${t}.`],
  ['wrapped at 80 columns', (t) => wrap(t, 80)],
  ['wrapped at 40 columns with CRLF', (t) => wrap(t, 40, '\r\n')],
  ['wrapped, then indented', (t) => `  password = ${wrap(t, 60, '\n    ')}\n`],
  ['wrapped just after pypi-', (t) => `pypi-\n${t.slice(5)}`],
  ['wrapped inside quotes, then another line', (t) => `X="${wrap(t, 70)}"\nY=1`],
  ['followed by a slash', (t) => `${t}/`],
  ['the standard base64 alphabet', (t) => standard(t)],
  ['the standard base64 alphabet in a setting', (t) => `TWINE_PASSWORD='${standard(t)}'`],
  ['the standard base64 alphabet, wrapped', (t) => wrap(standard(t), 64)],
];
const CASES = SITES.flatMap(({ site, token }) =>
  FORMS.map(([form, make]) => ({ form, site, token, text: make(token) })),
);

describe('extractTokens', () => {
  it.each(CASES)('reads a $site token from $form', ({ token, text }) => {
    const { tokens, error } = extractTokens(text);
    expect(error).toBeNull();
    expect(tokens.map((t) => t.dump())).toEqual([token]);
    expect(tokens[0]?.prefix).toBe('pypi');
  });

  it('returns two different tokens in order of appearance, whatever lies between them', () => {
    const [a, b] = [USER_TOKEN.token, TEST_TOKEN.token];
    expect(found(`${a}\n${b}`)).toEqual([a, b]);
    expect(found(`${b} ${a}`)).toEqual([b, a]);
    expect(found(`TWINE_PASSWORD=${a}\nUV_PUBLISH_TOKEN=${b}`)).toEqual([a, b]);
    expect(found(`${wrap(a, 80)}\n${wrap(b, 80)}`)).toEqual([a, b]);
    expect(found(`${a}\n${PROJECT_TOKEN.token}\n${b}`)).toEqual([a, PROJECT_TOKEN.token, b]);
  });

  it('returns a token once when the text repeats it (the token page shows it twice)', () => {
    const t = USER_TOKEN.token;
    const page = `Token for "upload"\nScope: Entire account\n${t}\nCopy token\n[pypi]\n  username = __token__\n  password = ${t}\n`;
    expect(found(page)).toEqual([t]);
    expect(found(`${t} ${standard(t)}`)).toEqual([t]);
  });

  it('never glues two tokens on consecutive lines, nor a token to the next line', () => {
    const [a, b] = [USER_TOKEN.token, TEST_TOKEN.token];
    expect(found(`${a}\n${b.slice(5)}`)).toEqual([a]);
    expect(found(`${a}\nAgEIcHlwaS5vcmc`)).toEqual([a]);
    // The start of one token and another whole token: the damaged start is not completed by the other.
    expect(found(`${a.slice(0, 90)}\n${b}`)).toEqual([b]);
  });

  it('resumes after a token that a run of the standard alphabet follows, so the next one is found', () => {
    const [a, b] = [USER_TOKEN.token, TEST_TOKEN.token];
    expect(found(`${a}/${b}`)).toEqual([a, b]);
    expect(found(`https://example.com/${a}+/${b}`)).toEqual([a, b]);
  });

  it('skips a damaged candidate when another one loads', () => {
    const t = TEST_TOKEN.token;
    expect(extractTokens(`see the pypi-token docs, then use ${t}`)).toMatchObject({
      error: null,
      tokens: [expect.any(Token)],
    });
  });

  it.each([
    { site: 'pypi.org', token: USER_TOKEN.token },
    { site: 'test.pypi.org', token: TEST_TOKEN.token },
  ])('returns a $site token with another prefix when no word starts with pypi-', ({ token }) => {
    for (const prefix of ['testtoken', 'testpypi', 'PYPI']) {
      const other = `${prefix}-${token.slice(5)}`;
      for (const text of [other, ` '${other}'\n`, `TWINE_PASSWORD="${other}"`, `it is ${other}.`]) {
        const { tokens, error } = extractTokens(text);
        expect(error).toBeNull();
        expect(tokens.map((t) => t.prefix)).toEqual([prefix]);
        expect(tokens[0]?.dump()).toBe(other);
      }
    }
  });

  it.each<[string, string, RegExp]>([
    ['empty text', '', /^Nothing to read: paste a PyPI token/],
    ['blank text', ' \n\t ', /^Nothing to read/],
    [
      'text without any pypi-',
      'hello world, this is no token',
      /^No PyPI token found in this text/,
    ],
    [
      'a truncated token',
      USER_TOKEN.token.slice(0, 120),
      /^This looks like a PyPI token but is damaged: /,
    ],
    [
      'a token missing its end',
      TEST_TOKEN.token.slice(0, -1),
      /damaged: .+\. Was it copied whole\?$/,
    ],
    ['pypi- alone', 'pypi-', /damaged: it is empty after its prefix\. Was it copied whole\?$/],
    ['a run of Bs', `pypi-${'B'.repeat(100)}`, /damaged/],
    ['a word', 'the pypi-token docs', /damaged/],
    [
      'a prefix with a damaged body',
      `testtoken-${USER_TOKEN.token.slice(5, 150)}`,
      /^No PyPI token/,
    ],
  ])('explains %s without quoting it', (_, text, message) => {
    const { tokens, error, reason } = extractTokens(text);
    expect(tokens).toEqual([]);
    expect(error).toMatch(message);
    expect(reason).toEqual(expect.any(String));
    expect(error).not.toMatch(/\.\./);
    if (text.length > 20) {
      expect(error).not.toContain(text);
      expect(error).not.toContain(text.slice(10, 30));
    }
  });

  it('refuses text far too long to hold only a token, before searching it', () => {
    const text = `${USER_TOKEN.token} ${'x'.repeat(MAX_EXTRACT_LENGTH)}`;
    expect(extractTokens(text)).toEqual({
      tokens: [],
      error: expect.stringMatching(/too long/),
      reason: expect.stringMatching(/too long/),
      code: 'too-long',
      params: { max: MAX_EXTRACT_LENGTH },
    });
  });

  it('stays fast on hostile text at the length limit', () => {
    const n = MAX_EXTRACT_LENGTH - 10;
    const hostile = [
      'pypi-'.repeat(n / 5),
      'pypi-A\n'.repeat(n / 7),
      'pypi-AgEI\nB\n'.repeat(n / 12),
      `pypi-${'A\n'.repeat(n / 2 - 3)}`,
      `${'a-'.repeat(n / 2)}`,
      `${'x'.repeat(39)}-${' '.repeat(1)}`.repeat(n / 41),
      `${'A'.repeat(100)}-`.repeat(n / 101),
    ];
    const start = performance.now();
    for (const text of hostile) expect(extractTokens(text).tokens).toEqual([]);
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

describe('extractTokens properties', () => {
  const tokens = fc.constantFrom(USER_TOKEN.token, TEST_TOKEN.token, PROJECT_TOKEN.token);
  const separator = fc.constantFrom(
    ' ',
    '\n',
    '\r\n',
    '\t',
    '"',
    "'",
    '`',
    '=',
    ': ',
    ', ',
    '. ',
    '; ',
    ' (',
    ') ',
  );
  const word = fc.oneof(
    fc.stringMatching(/^[A-Za-z0-9_]{1,12}$/),
    fc.constantFrom(
      'pypi',
      'pypi-',
      'pypi-x',
      'pypi-AgEI',
      '__token__',
      'password',
      'TWINE_PASSWORD',
      'a+b/c',
    ),
  );

  it('finds any token in any text of words and separators around it, and only it', () => {
    fc.assert(
      fc.property(
        tokens,
        fc.boolean(),
        fc.array(fc.tuple(word, separator), { maxLength: 8 }),
        fc.array(fc.tuple(separator, word), { maxLength: 8 }),
        (token, std, before, after) => {
          const text =
            before.map(([w, s]) => w + s).join('') +
            (std ? standard(token) : token) +
            after.map(([s, w]) => s + w).join('');
          const { tokens: got, error } = extractTokens(text);
          expect(error).toBeNull();
          expect(got.map((t) => t.dump())).toEqual([token]);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never throws on random text, and errs exactly when it finds nothing, without quoting the text', () => {
    const pieces = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.string({ unit: 'binary', maxLength: 10 }),
      separator,
      word,
      fc
        .tuple(tokens, fc.nat(220), fc.nat(220))
        .map(([t, a, b]) => t.slice(Math.min(a, b), Math.max(a, b))),
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        const { tokens: got, error, reason } = extractTokens(text);
        expect(error === null).toBe(got.length > 0);
        expect(reason === null).toBe(got.length > 0);
        if (error !== null && text.trim().length >= 20) expect(error).not.toContain(text.trim());
      }),
      { numRuns: 1000 },
    );
  });
});
