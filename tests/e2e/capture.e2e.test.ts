// The capture path in real Chromium: PyPI's token page served as https://pypi.org from loopback, under
// Warehouse's Content-Security-Policy.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Token } from '@/src/core';
import {
  creationFormPage,
  MANY_PROJECTS,
  PROJECT_TOKEN,
  reauthPage,
  resultPage,
  USER_TOKEN,
} from '../fixtures/pages';
import {
  ARTIFACTS,
  type Browser,
  badgeText,
  type FakePypi,
  launchBrowser,
  recordCspViolations,
  serveTokenPages,
  sessionTokens,
  startFakePypi,
} from './harness';

/** The extension API inside the service worker, where `evaluate` callbacks run. */
declare const chrome: typeof import('wxt/browser').browser;

/** The project lists the extension holds in storage.session, read in its service worker. */
function sessionProjects(b: Browser): Promise<Record<string, { names: string[]; seenAt: number }>> {
  return b.worker.evaluate(async () => {
    const { projects } = await chrome.storage.session.get('projects');
    return (projects as Record<string, { names: string[]; seenAt: number }> | undefined) ?? {};
  });
}

let pypi: FakePypi;
let browser: Browser;
let violations: string[];
const TOKEN_PAGE = '/manage/account/token/';
const NOTICE = '#pypi-token-restrictor-notice';
// The vectors' project-scoped token shares the user-scoped one's identifier: this one has its own.
const PROJECT = {
  identifier: '3f1c2b7a-9d4e-4c1b-8a6f-0e2d5c7b9a11',
  token: Token.create({
    domain: 'pypi.org',
    identifier: '3f1c2b7a-9d4e-4c1b-8a6f-0e2d5c7b9a11',
    key: 'e2e project key',
  })
    .restrict({ projectNames: ['sampleproject'] }, { encoding: 'compact' })
    .dump(),
};

beforeAll(async () => {
  pypi = await startFakePypi();
  // Like PyPI: GET shows the form, the POST response renders the new token in place.
  serveTokenPages(pypi);
  pypi.routes.set(`pypi.org${TOKEN_PAGE}?reauth`, reauthPage);
  // A decodable token shown as a project's name, in a flash message and in help text on the form.
  pypi.routes.set(`pypi.org${TOKEN_PAGE}?bait`, () =>
    creationFormPage(['sampleproject'], PROJECT_TOKEN.token),
  );
  pypi.routes.set(`pypi.org${TOKEN_PAGE}?fr`, () =>
    resultPage({
      ...PROJECT,
      scope: { project: 'sampleproject' },
      name: 'dépôt',
      lang: 'fr',
    }),
  );
  browser = await launchBrowser(pypi.port);
  violations = await recordCspViolations(browser.context);
});

afterAll(async () => {
  await browser?.close();
  await pypi?.close();
});

/** What the page can see of the notice: its host's box, which only our stylesheet's `:host` rule sets. */
function noticeLayout(page: import('playwright-core').Page) {
  return page.evaluate((sel) => {
    const host = document.querySelector(sel) as HTMLElement;
    const box = host.getBoundingClientRect();
    return {
      position: getComputedStyle(host).position,
      zIndex: getComputedStyle(host).zIndex,
      narrow: box.width > 200 && box.width <= 372,
      atBottomRight:
        Math.round(document.documentElement.clientWidth - box.right) === 16 &&
        Math.round(document.documentElement.clientHeight - box.bottom) === 16,
    };
  }, NOTICE);
}
const STYLED = { position: 'fixed', zIndex: '2147483647', narrow: true, atBottomRight: true };

describe('capture in Chromium', () => {
  it('captures nothing on the creation form or the re-authentication page', async () => {
    const page = await browser.context.newPage();
    await page.goto(`https://pypi.org${TOKEN_PAGE}`);
    await page.goto(`https://pypi.org${TOKEN_PAGE}?reauth`);
    await page.waitForTimeout(500);
    expect(await sessionTokens(browser)).toEqual([]);
    expect(await badgeText(browser)).toBe('');
    expect(await page.locator('#pypi-token-restrictor-notice').count()).toBe(0);
    await page.close();
  });

  it('captures nothing from token-shaped text on the creation form (an option, a flash, help text)', async () => {
    const page = await browser.context.newPage();
    const before = Date.now();
    await page.goto(`https://pypi.org${TOKEN_PAGE}?bait`);
    expect(await page.locator('select#token_scope').textContent()).toContain(PROJECT_TOKEN.token);
    // The form was read (so the content script ran), and only its real project kept.
    await expect
      .poll(async () => (await sessionProjects(browser))['pypi.org']?.seenAt ?? 0)
      .toBeGreaterThanOrEqual(before);
    expect((await sessionProjects(browser))['pypi.org']?.names).toEqual(['sampleproject']);
    expect(await sessionTokens(browser)).toEqual([]);
    expect(await badgeText(browser)).toBe('');
    expect(await page.locator(NOTICE).count()).toBe(0);
    await page.close();
  });

  it("reads the user's 80 projects on pypi.org's creation form into storage.session, silently", async () => {
    const before = Date.now();
    const page = await browser.context.newPage();
    await page.goto(`https://pypi.org${TOKEN_PAGE}`);
    await expect
      .poll(async () => (await sessionProjects(browser))['pypi.org']?.seenAt ?? 0)
      .toBeGreaterThanOrEqual(before);
    const held = await sessionProjects(browser);
    expect(Object.keys(held)).toEqual(['pypi.org']);
    expect(held['pypi.org']?.names).toEqual([...MANY_PROJECTS].sort());
    expect(
      held['pypi.org']?.names.filter((n) => n.startsWith('apache-airflow-providers-')),
    ).toHaveLength(70);
    expect(await sessionTokens(browser)).toEqual([]);
    expect(await badgeText(browser)).toBe('');
    expect(await page.locator('#pypi-token-restrictor-notice').count()).toBe(0);
    expect(
      await browser.worker.evaluate(async () => Object.keys(await chrome.storage.local.get(null))),
    ).not.toContain('projects');
    await page.close();
  });

  it('captures the token PyPI shows after "Create token", with its metadata, badge and notice', async () => {
    const page = await browser.context.newPage();
    await page.goto(`https://pypi.org${TOKEN_PAGE}`);
    const before = Date.now();
    await Promise.all([
      page.waitForNavigation(),
      page.locator('#create-token input[type=submit]').click(),
    ]);
    await expect.poll(() => sessionTokens(browser)).toHaveLength(1);
    const [held] = (await sessionTokens(browser)) as Record<string, unknown>[];
    expect(held).toMatchObject({
      identifier: USER_TOKEN.identifier,
      token: USER_TOKEN.token,
      name: 'CI upload',
      scope: 'Entire account (all projects)',
      site: 'pypi.org',
      locationMismatch: false,
    });
    expect(held?.capturedAt).toBeGreaterThanOrEqual(before);
    expect(await badgeText(browser)).toBe('1');
    const notice = page.locator(NOTICE);
    await expect.poll(() => notice.isVisible()).toBe(true);
    // PyPI's DOM holds a bare host; its look comes from the closed root's constructed stylesheet.
    expect(await notice.evaluate((h) => h.getAttributeNames())).toEqual(['id']);
    expect(await noticeLayout(page)).toEqual(STYLED);
    await page.screenshot({ path: join(ARTIFACTS, 'capture-notice.png') });
    // A page script that moves the host (a re-render, a framework) re-inserts it: still styled, no report.
    await page.evaluate((sel) => {
      const host = document.querySelector(sel) as Element;
      document.body.prepend(host);
    }, NOTICE);
    expect(await noticeLayout(page)).toEqual(STYLED);
    await page.screenshot({ path: join(ARTIFACTS, 'capture-notice-reinserted.png') });
    await page.close();
  });

  it('captures on test.pypi.org too, and counts both', async () => {
    const page = await browser.context.newPage();
    await page.goto(`https://test.pypi.org${TOKEN_PAGE}`);
    await expect.poll(() => sessionTokens(browser)).toHaveLength(2);
    expect(((await sessionTokens(browser)) as { site: string }[])[0]?.site).toBe('test.pypi.org');
    expect(await badgeText(browser)).toBe('2');
    await page.close();
  });

  it('captures a project-scoped token from a page in French', async () => {
    const page = await browser.context.newPage();
    await page.goto(`https://pypi.org${TOKEN_PAGE}?fr`);
    await expect.poll(() => sessionTokens(browser)).toHaveLength(3);
    expect((await sessionTokens(browser))[0]).toMatchObject({
      identifier: PROJECT.identifier,
      token: PROJECT.token,
      name: 'dépôt',
      scope: 'Projet « sampleproject »',
      site: 'pypi.org',
    });
    expect(await badgeText(browser)).toBe('3');
    await page.close();
  });

  it('made no request of its own to any network address', () => {
    expect(browser.extensionRequests).toEqual([]);
    // The fake PyPI saw only the pages the test opened, their stylesheet, and the browser's favicons.
    const pages =
      /^(GET|POST) (test\.)?pypi\.org\/(manage\/account\/token\/(\?reauth|\?fr|\?bait)?|static\/css\/warehouse\.css|favicon\.ico)$/;
    expect(pypi.log.filter((l) => !pages.test(l))).toEqual([]);
  });

  it('caused no Content-Security-Policy violation on any page, under Warehouse’s policy', () => {
    expect(violations).toEqual([]);
  });

  it('would have seen one: a request from an extension page is recorded (the check above can fail)', async () => {
    // The extension's CSP refuses fetches (tests/e2e/csp.e2e.test.ts); a navigation is no fetch.
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await page.evaluate(() => {
      location.href = 'https://pypi.org/probe';
    });
    await expect.poll(() => browser.extensionRequests).toEqual(['https://pypi.org/probe']);
    await expect.poll(() => pypi.log).toContain('GET pypi.org/probe');
    await page.close();
  });
});
