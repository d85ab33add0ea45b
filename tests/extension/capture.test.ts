// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"handleDisabledFileLoadingAsSuccess":true}}
// Capture over fixture pages shaped like PyPI's token page, friendly and hostile.
import { describe, expect, it } from 'vitest';
import { isValidProjectName, Token } from '@/src/core';
import { captureToken, readProjects, tokenCandidates } from '@/src/extension/capture';
import { projectName } from '@/src/extension/messages';
import { SELECTORS } from '@/src/shared/pypi';
import {
  creationFormPage,
  MANY_PROJECTS,
  PROJECT_TOKEN,
  type ResultPage,
  reauthPage,
  resultPage,
  TEST_TOKEN,
  USER_TOKEN,
} from '../fixtures/pages';

const page = (html: string) => new DOMParser().parseFromString(html, 'text/html');
const user = { ...USER_TOKEN, scope: 'user' as const, name: 'CI upload' };
/** The result page with `extra` markup at the end of PyPI's token block (inside `#provisioned-key`). */
const inBlock = (o: ResultPage, extra: string) =>
  resultPage(o).replace('</section>', `${extra}</section>`);
/** A decodable pypi.org token that is not the page's. */
const OTHER = Token.create({
  domain: 'pypi.org',
  identifier: '22222222-2222-2222-2222-222222222222',
  key: 'k',
}).dump();

describe('captureToken', () => {
  it('captures a user-scoped token shown twice (code block and .pypirc) once, with its name and scope', () => {
    const doc = page(resultPage(user));
    expect(tokenCandidates(doc)).toEqual([USER_TOKEN.token]);
    expect(captureToken(doc)).toEqual({
      token: USER_TOKEN.token,
      identifier: USER_TOKEN.identifier,
      name: 'CI upload',
      scope: 'Entire account (all projects)',
    });
  });

  it('captures a project-scoped token', () => {
    const doc = page(
      resultPage({ ...PROJECT_TOKEN, scope: { project: 'sampleproject' }, name: 'release' }),
    );
    // Its .pypirc example holds no token: one candidate only.
    expect(tokenCandidates(doc)).toEqual([PROJECT_TOKEN.token]);
    expect(captureToken(doc)).toMatchObject({
      token: PROJECT_TOKEN.token,
      name: 'release',
      scope: 'Project "sampleproject"',
    });
  });

  it('reads the scope on the older page that had no Permissions line', () => {
    const html = resultPage(user).replace(
      /<strong>Permissions:<\/strong> Upload packages\s*<br>/,
      '',
    );
    expect(html).not.toContain('Permissions:');
    expect(captureToken(page(html))?.scope).toBe('Entire account (all projects)');
  });

  it('takes no emphasis inside running text for a scope label', () => {
    const html = resultPage(user).replace(
      /<p>\s*<strong>Permissions:[\s\S]*?<\/p>/,
      '<p>Keep it <strong>secret</strong> and safe.</p>',
    );
    expect(captureToken(page(html))).toMatchObject({ token: USER_TOKEN.token, scope: null });
  });

  it('captures on TestPyPI', () => {
    const doc = page(resultPage({ ...TEST_TOKEN, scope: 'user', site: 'test.pypi.org' }));
    expect(captureToken(doc)?.token).toBe(TEST_TOKEN.token);
    expect(doc.querySelector('pre')?.textContent).toContain('[testpypi]');
  });

  it.each([
    ['fr', 'déploiement', 'Compte entier (tous les projets)'],
    ['ja', 'デプロイ', 'アカウント全体 (全プロジェクト)'],
  ] as const)(
    'works on a page translated to %s (no English text is matched)',
    (lang, name, scope) => {
      const doc = page(resultPage({ ...user, name, lang }));
      expect(captureToken(doc)).toMatchObject({ token: USER_TOKEN.token, name, scope });
    },
  );

  it('falls back to the pattern when the page changes its markup', () => {
    const html = resultPage(user).replace(
      `<code class="code-block" data-clipboard-target="source">${USER_TOKEN.token}</code>`,
      `<span class="token">${USER_TOKEN.token}</span>`,
    );
    const doc = page(html);
    expect(doc.querySelector('code[data-clipboard-target]')).toBeNull();
    expect(captureToken(doc)?.token).toBe(USER_TOKEN.token);
  });

  it.each([
    ['the creation form', creationFormPage()],
    ['the re-authentication page', reauthPage()],
    ['a page without a token', '<html><body><main><p>Nothing here</p></main></body></html>'],
  ])('does nothing on %s', (_, html) => {
    expect(captureToken(page(html))).toBeNull();
  });

  it('ignores a token outside main and outside the token section', () => {
    const html = reauthPage().replace('</footer>', `<p>${USER_TOKEN.token}</p></footer>`);
    expect(html).toContain(USER_TOKEN.token);
    expect(captureToken(page(html))).toBeNull();
  });

  it('captures nothing on a creation form whose option, flash and help text show a whole token', () => {
    const doc = page(creationFormPage(['sampleproject'], OTHER));
    expect(doc.querySelector('select#token_scope')?.textContent).toContain(OTHER);
    expect(doc.querySelector('main')?.textContent).toContain(OTHER);
    expect(Token.load(OTHER).identifier).toBe('22222222-2222-2222-2222-222222222222');
    expect(tokenCandidates(doc)).toEqual([]);
    expect(captureToken(doc)).toBeNull();
    // The option's value is a normalized token-like name: no project either.
    expect(readProjects(doc)).toEqual(['sampleproject']);
  });

  it('reads no token in main outside the token block, even with no macaroon_id to check it', () => {
    const html = resultPage({ ...user, macaroonId: null }, `<p>${OTHER}</p>`);
    expect(tokenCandidates(page(html))).toEqual([USER_TOKEN.token]);
    expect(captureToken(page(html))?.token).toBe(USER_TOKEN.token);
    // A block that shows no token: the one below it is still not read.
    const emptyBlock = html.replaceAll(USER_TOKEN.token, '');
    expect(tokenCandidates(page(emptyBlock))).toEqual([]);
    expect(captureToken(page(emptyBlock))).toBeNull();
  });

  it('refuses a token-looking string that does not decode', () => {
    const fake = `pypi-${'A'.repeat(120)}`;
    expect(captureToken(page(resultPage({ ...user, token: fake })))).toBeNull();
  });

  it('refuses a token whose identifier is not the page macaroon_id', () => {
    const html = resultPage({ ...user, macaroonId: '11111111-1111-1111-1111-111111111111' });
    expect(captureToken(page(html))).toBeNull();
  });

  it('picks the token matching macaroon_id when the token block shows two', () => {
    const doc = page(inBlock(user, `<p>${OTHER}</p>`));
    expect(tokenCandidates(doc)).toEqual([USER_TOKEN.token, OTHER]);
    expect(captureToken(doc)?.token).toBe(USER_TOKEN.token);
    // And the other one when the page names it.
    const theOther = inBlock(
      { ...user, macaroonId: Token.load(OTHER).identifier },
      `<p>${OTHER}</p>`,
    );
    expect(captureToken(page(theOther))?.token).toBe(OTHER);
  });

  it('uses a macaroon_id outside the token block when the block has none', () => {
    const html = resultPage(
      { ...user, macaroonId: null },
      '<input type="hidden" name="macaroon_id" value="11111111-1111-1111-1111-111111111111">',
    );
    expect(captureToken(page(html))).toBeNull();
  });

  it('captures nothing when the page names two different macaroon_ids', () => {
    const html = inBlock(
      user,
      '<input type="hidden" name="macaroon_id" value="11111111-1111-1111-1111-111111111111">',
    );
    expect(captureToken(page(html))).toBeNull();
  });

  it('captures nothing when two different tokens and no macaroon_id make the block ambiguous', () => {
    const html = inBlock({ ...user, macaroonId: null }, `<p>${OTHER}</p>`);
    expect(captureToken(page(html))).toBeNull();
  });

  it('stays fast and correct on a huge page', () => {
    const filler = `<p>${'lorem ipsum pypi-short '.repeat(50_000)}</p>`;
    const doc = page(inBlock(user, filler));
    const start = performance.now();
    expect(captureToken(doc)?.token).toBe(USER_TOKEN.token);
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it('clips an absurdly long name', () => {
    expect(captureToken(page(resultPage({ ...user, name: 'x'.repeat(1000) })))?.name).toHaveLength(
      200,
    );
  });
});

const STAND_IN = 'name-stand-in';

/** Text as Jinja's autoescape writes it into the page. */
const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;');

/**
 * The result page as a Warehouse catalogue renders it: `heading` is the catalogue's msgstr of
 * `Token for "%(macaroon_description)s"` (`%s` for the name), `remove` its msgstr of "Remove API token"
 * (the removal dialog's title is `gettext("Remove API token") + " - " + name`), `dir` the page's direction.
 */
function localized(
  name: string,
  o: { lang: string; heading: string; remove?: string; dir?: 'ltr' | 'rtl' },
): string {
  const html = resultPage({ ...user, name: STAND_IN })
    .replace('<html lang="en" dir="ltr">', `<html lang="${o.lang}" dir="${o.dir ?? 'ltr'}">`)
    .replace(/<h2>[^<]*<\/h2>/, `<h2>${esc(o.heading.replace('%s', name))}</h2>`)
    .replace(
      /(<h3 class="modal__title"[^>]*>)[^<]*(<\/h3>)/,
      `$1${esc(`${o.remove ?? 'Remove API token'} - ${name}`)}$2`,
    );
  // A boolean, not the page: a failure must not print the page's token.
  expect(html.includes(STAND_IN)).toBe(false);
  return html;
}

/** The name captured from `html`, once the page's token is (a failure must not print the token). */
function nameOf(html: string): string | null | undefined {
  const got = captureToken(page(html));
  expect(got?.token === USER_TOKEN.token).toBe(true);
  return got?.name;
}

/** The same page without the removal dialog's title (a markup change on PyPI's side). */
const withoutDialog = (html: string) =>
  html.replace(/<h3 class="modal__title"[^>]*>[^<]*<\/h3>/, '');

// The heading's msgstr in Warehouse's catalogues (pypi/warehouse, warehouse/locale/<lang>/LC_MESSAGES/
// messages.po), and "Remove API token" where the catalogue has it; ar and fa leave the heading untranslated
// (English). The dialog's words do not matter: any of them gives the same name.
const CS = { lang: 'cs', heading: 'Token pro %s', remove: 'Odebrat API token' };
const ID = { lang: 'id', heading: 'Token untuk %s', remove: 'Hapus token API' };
/** Tamil (2025): the name in quotes, and one stray quote at the end. */
const TA = { lang: 'ta', heading: '"%s" க்கான கிள்ளாக்கு "' };
const HE = {
  lang: 'he',
  heading: 'אסימון עבור "%s"',
  remove: 'הסרת אסימון API',
  dir: 'rtl',
} as const;
const JA = { lang: 'ja', heading: '"%s"のためのトークン', remove: 'APIトークンの削除' };
const ZH = { lang: 'zh-Hans', heading: '“%s”的秘钥' };
const EN = { lang: 'en', heading: 'Token for "%s"' };
/** Not a catalogue's: right-to-left text with bidi marks and guillemets around the name. */
const RTL_MARKS = {
  lang: 'ar',
  heading: '\u200Fرمز \u200F«%s»\u200F',
  remove: 'إزالة',
  dir: 'rtl',
} as const;

describe('the token’s name, in every catalogue’s wording of the heading', () => {
  it.each([
    ['cs, no quotes', CS, 'release-bot'],
    ['id, no quotes', ID, 'release-bot'],
    ['ta, one stray quote', TA, 'release-bot'],
    ['ta, a name holding quotes and a dash', TA, 'deploy "prod" - eu'],
    ['he, right to left', HE, 'release-bot'],
    ['he, a Hebrew name', HE, 'העלאה לשרת'],
    ['ar-style, bidi marks and guillemets', RTL_MARKS, 'نشر'],
    ['ja, the name before the words', JA, 'デプロイ'],
    ['zh_Hans, CJK quotes', ZH, 'release-bot'],
    ['en, a name holding quotes, a dash and markup', EN, 'a <b> & "c" - d'],
    ['cs, a name that is one of the sentence’s words', CS, 'pro'],
    ['cs, a name that is the sentence’s first word', CS, 'Token'],
  ])('%s', (_, words, name) => {
    expect(nameOf(localized(name, words))).toBe(name);
  });

  it('reads a dialog title the template wraps over lines', () => {
    const html = localized('release-bot', CS).replace(
      /(<h3 class="modal__title"[^>]*>)([^<]*)(<\/h3>)/,
      '$1\n              $2\n            $3',
    );
    expect(nameOf(html)).toBe('release-bot');
  });

  it('finds the dialog title PyPI renders: inside the token block, after the ` - `', () => {
    const doc = page(localized('release-bot', CS));
    const titles = doc.querySelectorAll(`${SELECTORS.tokenBlock} ${SELECTORS.dialogTitle}`);
    expect([...titles].map((t) => t.textContent)).toEqual(['Odebrat API token - release-bot']);
  });

  it.each([
    ['en: the quoted part', EN, 'release-bot'],
    ['ja: the quoted part', JA, 'release-bot'],
    ['cs: no quotes, so no name (not “Token pro …”)', CS, null],
    ['ta: a stray quote, so no name', TA, null],
  ])('without the dialog, falls back to the heading alone: %s', (_, words, name) => {
    const html = withoutDialog(localized('release-bot', words));
    expect(page(html).querySelector(SELECTORS.dialogTitle)).toBeNull();
    expect(nameOf(html)).toBe(name);
  });

  it('reads no dialog title outside the token block', () => {
    // Out of the block, a title whose ending the heading holds ("CI" in "CI upload"): not read.
    const html = withoutDialog(localized('CI upload', EN)).replace(
      '</main>',
      '<div class="modal"><h3 class="modal__title">Remove API token - CI</h3></div></main>',
    );
    expect(nameOf(html)).toBe('CI upload');
    const czech = withoutDialog(localized('release-bot', CS)).replace(
      '</main>',
      '<div class="modal"><h3 class="modal__title">x - Token pro</h3></div></main>',
    );
    expect(nameOf(czech)).toBeNull();
  });
});

describe('readProjects', () => {
  /** The form listing `projects`, with `extra` options added at the end of the select. */
  const form = (projects: readonly string[] = [], extra = '') =>
    page(creationFormPage(projects).replace('</select>', `${extra}</select>`));

  it('reads all 80 projects of a big account, in the page order (sorted by name)', () => {
    const doc = page(creationFormPage(MANY_PROJECTS));
    const names = readProjects(doc);
    expect(names).toHaveLength(80);
    expect(names).toEqual([...MANY_PROJECTS].sort());
    expect(names?.filter((n) => n.startsWith('apache-airflow-providers-'))).toHaveLength(70);
    // The form's bait text is no token, and the form holds none.
    expect(captureToken(doc)).toBeNull();
  });

  it("reads today's single-project form", () => {
    expect(readProjects(page(creationFormPage()))).toEqual(['sampleproject']);
  });

  it('reads an account with no project as an empty list (still information)', () => {
    expect(readProjects(form([]))).toEqual([]);
  });

  it('reads the value, never the translated text', () => {
    const html = creationFormPage(['requests', 'urllib3'])
      .replaceAll('>Project: ', '>Projet : ')
      .replace('</select>', '<option>scope:project:from-text-only</option></select>');
    expect(readProjects(page(html))).toEqual(['requests', 'urllib3']);
  });

  it('normalizes and de-duplicates, keeping the first place of each', () => {
    const extra = [
      'scope:project:Requests',
      'scope:project:zope.interface',
      'scope:project:zope_interface',
    ]
      .map((v) => `<option value="${v}">x</option>`)
      .join('');
    expect(readProjects(form(['requests'], extra))).toEqual(['requests', 'zope-interface']);
  });

  it.each([
    ['a whole token', `scope:project:${USER_TOKEN.token}`],
    ['a token body without its prefix', `scope:project:${USER_TOKEN.token.slice('pypi-'.length)}`],
    ['a token behind another prefix', `scope:project:x-${USER_TOKEN.token.slice(5)}`],
    ['a project-scoped token body', `scope:project:${PROJECT_TOKEN.token.slice(5)}`],
    ['an over-long name', `scope:project:${'a'.repeat(201)}`],
    ['an invalid name', 'scope:project:-leading-dash'],
    ['a name with a space', 'scope:project:two words'],
    ['markup', 'scope:project:<b>x</b>'],
    ['an empty name', 'scope:project:'],
    ['the user scope', 'scope:user'],
    ['the placeholder', 'scope:unspecified'],
    ['another prefix', 'scope:projects:foo'],
    ['a capitalized prefix', 'Scope:Project:foo'],
    ['a bare name', 'foo'],
  ])('refuses an option holding %s', (_, value) => {
    const extra = `<option value="${value.replaceAll('<', '&lt;')}">Project: x</option>`;
    expect(readProjects(form(['sampleproject'], extra))).toEqual(['sampleproject']);
  });

  it('refuses a token body even though it is a valid name: only decoding it tells', () => {
    const body = USER_TOKEN.token.slice('pypi-'.length);
    expect(isValidProjectName(body) && body.length <= 200 && !/pypi-/i.test(body)).toBe(true);
    expect(projectName(body)).toBeNull();
    expect(projectName('sampleproject')).toBe('sampleproject');
  });

  it('keeps real names that merely contain pypi- (pypi-simple is a project): only a token is refused', () => {
    const extra = ['pypi-simple', 'my-PYPI-tool']
      .map((n) => `<option value="scope:project:${n}">Project: ${n}</option>`)
      .join('');
    expect(readProjects(form(['sampleproject'], extra))).toEqual([
      'sampleproject',
      'pypi-simple',
      'my-pypi-tool',
    ]);
  });

  it('takes a 200-character name, the longest a message may carry', () => {
    const long = `a${'b'.repeat(198)}c`;
    expect(readProjects(form([long]))).toEqual([long]);
  });

  it('stops at 5000 names, quickly', () => {
    // Built detached, then attached once: happy-dom parses or appends thousands of options slowly.
    const doc = form([]);
    const group = doc.createElement('optgroup');
    for (let i = 0; i < 5050; i++) {
      const option = doc.createElement('option');
      option.setAttribute('value', `scope:project:p${i}`);
      option.textContent = `Project: p${i}`;
      group.append(option);
    }
    doc.querySelector('select')?.append(group);
    const start = performance.now();
    const read = readProjects(doc);
    expect(performance.now() - start).toBeLessThan(2000);
    expect(read).toHaveLength(5000);
    expect(read?.at(-1)).toBe('p4999');
  });

  it.each([
    ['the result page', resultPage(user)],
    ['the re-authentication page', reauthPage()],
    ['a page without a form', '<html><body><main><p>Nothing here</p></main></body></html>'],
    [
      'a token_scope select outside the creation section',
      creationFormPage().replace('id="create-token"', 'id="elsewhere"'),
    ],
  ])('returns null on %s', (_, html) => {
    expect(readProjects(page(html))).toBeNull();
  });
});
