// @vitest-environment happy-dom
// Capture over fixture pages shaped like PyPI's token page, friendly and hostile.
import { describe, expect, it } from 'vitest';
import { Token } from '@/src/core';
import { captureToken, siteOf, tokenCandidates } from '@/src/extension/capture';
import {
  creationFormPage,
  PROJECT_TOKEN,
  reauthPage,
  resultPage,
  TEST_TOKEN,
  USER_TOKEN,
} from '../fixtures/pages';

const page = (html: string) => new DOMParser().parseFromString(html, 'text/html');
const user = { ...USER_TOKEN, scope: 'user' as const, name: 'CI upload' };

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

  it('refuses a token-looking string that does not decode', () => {
    const fake = `pypi-${'A'.repeat(120)}`;
    expect(captureToken(page(resultPage({ ...user, token: fake })))).toBeNull();
  });

  it('refuses a token whose identifier is not the page macaroon_id', () => {
    const html = resultPage({ ...user, macaroonId: '11111111-1111-1111-1111-111111111111' });
    expect(captureToken(page(html))).toBeNull();
  });

  it('picks the token matching macaroon_id when the page shows two', () => {
    const other = Token.create({
      domain: 'pypi.org',
      identifier: '22222222-2222-2222-2222-222222222222',
      key: 'k',
    }).dump();
    const doc = page(resultPage(user, `<p>${other}</p>`));
    expect(tokenCandidates(doc)).toEqual([USER_TOKEN.token, other]);
    expect(captureToken(doc)?.token).toBe(USER_TOKEN.token);
  });

  it('captures nothing when two different tokens and no macaroon_id make the page ambiguous', () => {
    const other = Token.create({
      domain: 'pypi.org',
      identifier: '22222222-2222-2222-2222-222222222222',
      key: 'k',
    }).dump();
    const html = resultPage({ ...user, macaroonId: null }, `<p>${other}</p>`);
    expect(captureToken(page(html))).toBeNull();
  });

  it('stays fast and correct on a huge page', () => {
    const filler = `<p>${'lorem ipsum pypi-short '.repeat(50_000)}</p>`;
    const doc = page(resultPage(user, filler));
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

describe('siteOf', () => {
  it.each([
    ['https://pypi.org/manage/account/token/', 'pypi.org'],
    ['https://test.pypi.org/manage/account/token/', 'test.pypi.org'],
    ['http://pypi.org/manage/account/token/', null],
    ['https://pypi.org:8443/manage/account/token/', null],
    ['https://evil.pypi.org.example/manage/account/token/', null],
    ['https://files.pythonhosted.org/', null],
    ['not a url', null],
  ])('%s -> %s', (url, site) => {
    expect(siteOf(url)).toBe(site);
  });
});
