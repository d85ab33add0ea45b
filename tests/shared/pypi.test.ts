// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"handleDisabledFileLoadingAsSuccess":true}}
// PyPI's facts in one module, held to the pages: every selector of the token page's structure against
// each fixture page (rendered as Warehouse's templates render it), as refined-github checks its
// selectors; and which URLs are token pages.
import { describe, expect, it } from 'vitest';
import {
  isTokenPage,
  PROJECT_SCOPE,
  SELECTORS,
  SITES,
  siteOf,
  TOKEN_PAGES,
  UPLOAD_URL,
} from '@/src/shared/pypi';
import {
  creationFormPage,
  PROJECT_TOKEN,
  reauthPage,
  resultPage,
  TEST_TOKEN,
  USER_TOKEN,
} from '../fixtures/pages';

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

/** What each selector finds on a page: counts, and the text or value it points at. */
function found(doc: Document) {
  const block = doc.querySelector(SELECTORS.tokenBlock);
  const inBlock = (s: string) => (block ? [...block.querySelectorAll(s)] : []);
  return {
    tokenBlock: block !== null,
    tokenText: SELECTORS.tokenText.map((s) => inBlock(s).map((e) => e.textContent?.trim())),
    copyButton: inBlock(SELECTORS.copyButton).length,
    tokenId: inBlock(SELECTORS.tokenId).map((e) => (e as HTMLInputElement).value),
    heading: inBlock(SELECTORS.heading)[0]?.textContent ?? null,
    projectOptions: [...doc.querySelectorAll(`${SELECTORS.projectList} option`)]
      .map((o) => o.getAttribute('value') ?? '')
      .filter((v) => v.startsWith(PROJECT_SCOPE)).length,
  };
}

describe('the token page’s selectors, on each page Warehouse renders', () => {
  it.each([
    [
      'a user-scoped result (pypi.org)',
      resultPage({ ...USER_TOKEN, scope: 'user', name: 'CI' }),
      { token: USER_TOKEN, heading: 'Token for "CI"' },
    ],
    [
      'a project-scoped result',
      resultPage({ ...PROJECT_TOKEN, scope: { project: 'sampleproject' }, name: 'CI' }),
      { token: PROJECT_TOKEN, heading: 'Token for "CI"' },
    ],
    [
      'a test.pypi.org result, in French',
      resultPage({ ...TEST_TOKEN, scope: 'user', site: 'test.pypi.org', lang: 'fr', name: 'CI' }),
      { token: TEST_TOKEN, heading: 'Jeton pour « CI »' },
    ],
  ])('%s: the block, the token, PyPI’s Copy button, the identifier, the heading', (_, html, o) => {
    expect(found(parse(html))).toEqual({
      tokenBlock: true,
      tokenText: [[o.token.token], [o.token.token]],
      copyButton: 1,
      tokenId: [o.token.identifier],
      heading: o.heading,
      projectOptions: 0,
    });
  });

  it.each([
    ['the creation form', creationFormPage(['requests', 'urllib3', 'idna']), 3],
    ['the re-authentication page', reauthPage(), 0],
  ])('%s: no token block; the project list where there is one', (_, html, options) => {
    expect(found(parse(html))).toEqual({
      tokenBlock: false,
      tokenText: [[], []],
      copyButton: 0,
      tokenId: [],
      heading: null,
      projectOptions: options,
    });
  });
});

describe('the sites and their token pages', () => {
  it.each([
    ['https://pypi.org/manage/account/token/', 'pypi.org', true],
    ['https://test.pypi.org/manage/account/token/?selected_project=x', 'test.pypi.org', true],
    ['https://pypi.org/project/requests/', 'pypi.org', false],
    ['https://pypi.org:8443/manage/account/token/', null, false],
    ['http://pypi.org/manage/account/token/', null, false],
    ['https://evil.example/manage/account/token/', null, false],
    ['https://upload.pypi.org/manage/account/token/', null, false],
    ['https://evil.pypi.org.example/manage/account/token/', null, false],
    ['https://files.pythonhosted.org/', null, false],
    ['not a url', null, false],
  ])('%s: site %s, token page %s', (url, site, tokenPage) => {
    expect([siteOf(url), isTokenPage(url)]).toEqual([site, tokenPage]);
  });

  it('knows the two sites, their match patterns and the upload URLs Warehouse serves', () => {
    expect(SITES).toEqual(['pypi.org', 'test.pypi.org']);
    expect(TOKEN_PAGES).toEqual([
      'https://pypi.org/manage/account/token/*',
      'https://test.pypi.org/manage/account/token/*',
    ]);
    expect(UPLOAD_URL).toEqual({
      'pypi.org': 'https://upload.pypi.org/legacy/',
      'test.pypi.org': 'https://test.pypi.org/legacy/',
    });
  });
});
