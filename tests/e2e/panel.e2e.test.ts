// The narrowing panel on (fake) PyPI's result page in real Chromium, under Warehouse's CSP: a maintainer
// with 80 projects creates a token, picks two projects in the panel, 1 hour, Copy; the clipboard's token
// checks for exactly those two within the hour. Also: "Open the full view" selects that same token,
// axe-core finds nothing serious inside the panel, the panel fits PyPI's mobile width, and with the
// setting off the notice shows instead. The panel lives in a closed shadow root: the test reaches it
// through the DevTools protocol (DOM.getDocument with pierce), as no page script could.

import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Token } from '@/src/core';
import { failuresOf } from '../core/vectors';
import { resultPage, USER_ID, USER_TOKEN } from '../fixtures/pages';
import {
  ARTIFACTS,
  type Browser,
  createTokenWithPanel,
  type FakePypi,
  launchBrowser,
  NOTICE,
  PANEL,
  panelRoot,
  type Root,
  recordCspViolations,
  serveTokenPages,
  sessionTokens,
  startFakePypi,
} from './harness';

declare const chrome: typeof import('wxt/browser').browser;

const TOKEN_PAGE = '/manage/account/token/';
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** The README's screenshots: refreshed in docs/ with UPDATE_DOCS=1, else kept as test artifacts. */
const SHOTS = process.env.UPDATE_DOCS === '1' ? 'docs' : ARTIFACTS;

let pypi: FakePypi;
let browser: Browser;
let violations: string[];

beforeAll(async () => {
  pypi = await startFakePypi();
  // Like PyPI: GET shows the form, the POST response renders the new token in place.
  serveTokenPages(pypi);
  browser = await launchBrowser(pypi.port, undefined, { panel: true });
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  violations = await recordCspViolations(browser.context);
});

afterAll(async () => {
  await browser?.close();
  await pypi?.close();
});

/** A token created on the fake PyPI, and the panel's root; the panel's delay, logged. */
async function createToken(): Promise<{ page: Page; cdp: CDPSession; panel: Root }> {
  const { ms, ...made } = await createTokenWithPanel(browser);
  // Capture, the background's checks, the injection and the first render, polled every 20 ms.
  console.log(`panel in the page ${ms} ms after PyPI's token block`);
  return made;
}

/** Copies the closed root into an open one beside it (same nodes, same constructed stylesheets), for axe. */
async function axeOnPanel(page: Page, panel: Root, scheme: 'light' | 'dark'): Promise<string[]> {
  await page.emulateMedia({ colorScheme: scheme });
  await panel.call(`function () {
    document.getElementById('axe-copy')?.remove();
    const copy = document.createElement('div');
    copy.id = 'axe-copy';
    const open = copy.attachShadow({ mode: 'open' });
    open.adoptedStyleSheets = this.adoptedStyleSheets;
    for (const n of this.childNodes) open.append(n.cloneNode(true));
    this.host.after(copy);
  }`);
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(c: unknown): Promise<AxeResult> } }).axe;
    const r = await axe.run({ include: [['#axe-copy']] });
    return {
      passes: r.passes.length,
      violations: r.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    };
  });
  await page.evaluate(() => document.getElementById('axe-copy')?.remove());
  await page.emulateMedia({ colorScheme: 'light' });
  expect(found.passes, 'axe ran its rules on the panel').toBeGreaterThan(5);
  return found.violations.map((v) => `${scheme}: ${v}`);
}
interface AxeResult {
  passes: unknown[];
  violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
}

/** Clicks a project's checkbox in the open list (after typing its start into the Projects box). */
async function pick(page: Page, panel: Root, typed: string, name: string) {
  await panel.click('#projects');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(typed);
  // The checkbox itself (focusable from the list), as a user clicks it: the list stays open.
  await panel.click('.options label input', name);
}

describe('the narrowing panel on PyPI’s result page', () => {
  it('appears below the token block without taking focus; two projects, 1 hour, Copy: PyPI would accept only that', async () => {
    const { page, cdp, panel } = await createToken();
    // Right after PyPI's token block, as a bare host; focus stays where the page put it.
    expect(
      await page.evaluate(() => {
        const copy = document.querySelector('#provisioned-key [data-action="clipboard#copy"]');
        return copy?.parentElement?.nextElementSibling?.id;
      }),
    ).toBe(PANEL);
    expect(await page.locator(`#${PANEL}`).evaluate((h) => h.getAttributeNames())).toEqual(['id']);
    expect(await page.evaluate((id) => document.activeElement?.id === id, PANEL)).toBe(false);
    expect(await page.locator(`#${NOTICE}`).count()).toBe(0);
    expect(await panel.text('h2')).toBe('Narrow this token');

    await pick(page, panel, 'requ', 'requests');
    await pick(page, panel, 'urll', 'urllib3');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await panel.call(`function () {
      const s = this.getElementById('window');
      s.value = '1h';
      s.dispatchEvent(new Event('change', { bubbles: true }));
    }`);
    await expect
      .poll(() => panel.text('[data-testid="summary"]'))
      .toMatch(/^Upload to requests and urllib3 until \d\d:\d\d(?: [AP]M)? \S+ \(in 59 minutes\)$/);
    const now = Math.floor(Date.now() / 1000);
    await page.screenshot({ path: join(SHOTS, 'panel-desktop.png'), fullPage: true });
    violations.push(...(await axeOnPanel(page, panel, 'light')));
    violations.push(...(await axeOnPanel(page, panel, 'dark')));
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(ARTIFACTS, 'panel-desktop-dark.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });

    await panel.click('button.copy');
    await expect
      .poll(() => panel.text('button.copy'))
      .toMatch(/^Copied token · clears in (60|59) s$/);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const token = Token.load(copied);
    expect(token.caveats.slice(1)).toEqual([
      expect.stringMatching(/^\[0,\d+,\d+\]$/),
      '[1,["requests","urllib3"]]',
    ]);
    const check = (projectName: string, at: number) =>
      failuresOf(() => token.check(USER_TOKEN.key, { userId: USER_ID, projectName, now: at }));
    expect(check('requests', now)).toEqual([]);
    expect(check('urllib3', now + 3500)).toEqual([]);
    expect(check('flask', now)).toHaveLength(1);
    expect(check('requests', now + 3600)).toHaveLength(1);
    // The copy scheduled the background's auto-clear (the panel's clear is accepted like the view's).
    expect(
      await browser.worker.evaluate(async () =>
        Boolean(await chrome.alarms.get('clear-clipboard')),
      ),
    ).toBe(true);
    // The derived token never reached PyPI's light DOM, and nothing was sent to PyPI.
    expect(await page.evaluate((t) => document.documentElement.outerHTML.includes(t), copied)).toBe(
      false,
    );
    expect(pypi.log.filter((l) => l.startsWith('POST'))).toHaveLength(1);

    // At PyPI's narrow mobile width the panel fits: nothing scrolls sideways.
    await page.setViewportSize({ width: 360, height: 800 });
    const widths = await panel.call<[number, number]>(
      'function () { const p = this.querySelector(".panel"); return [p.scrollWidth, p.clientWidth]; }',
    );
    expect(widths[0]).toBeLessThanOrEqual(widths[1]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
    await panel.call(
      `function () { this.querySelector('.panel').scrollIntoView({ block: 'start' }); }`,
    );
    await page.screenshot({ path: join(SHOTS, 'panel-mobile.png') });
    await cdp.detach();
    await page.close();
  });

  it('"Open the full view" opens the view with the same token selected', async () => {
    const { page, cdp, panel } = await createToken();
    // Another token captured since: the view's default (the newest) would be that one.
    const other = await browser.context.newPage();
    await other.goto(`https://test.pypi.org${TOKEN_PAGE}`);
    await expect.poll(async () => (await sessionTokens(browser)).length).toBe(2);
    await other.close();
    await page.bringToFront();
    expect(await browser.worker.evaluate(() => chrome.storage.session.get('draft'))).toEqual({});
    await panel.click('button.link', 'Open the full view');
    // The toolbar popup opened (Chromium allows it); no page script can read it, so the proof is what
    // the view itself wrote as it loaded: its working token, kept as its draft in session memory.
    const opened = () =>
      browser.worker.evaluate(async () => {
        const views = (await chrome.runtime.getContexts({})).filter((c) =>
          c.documentUrl?.endsWith('/popup.html'),
        );
        const { draft, pending } = await chrome.storage.session.get(['draft', 'pending']);
        const source = (draft as { source?: { identifier: string; kind: string; label: string } })
          ?.source;
        // Never the token itself into a test's output: only what names it.
        const named = source && {
          identifier: source.identifier,
          kind: source.kind,
          label: source.label,
        };
        return { views: views.length, pending: pending ?? null, source: named ?? null };
      });
    await expect.poll(opened, { timeout: 10_000 }).toEqual({
      views: 1,
      pending: null,
      source: { identifier: USER_TOKEN.identifier, kind: 'captured', label: 'CI upload' },
    });
    await cdp.detach();
    await page.close();
  });

  it('is reached with Tab in page order, after PyPI’s token block, and works from the keyboard', async () => {
    const { page, cdp, panel } = await createToken();
    const inPanel = () => page.evaluate((id) => document.activeElement?.id === id, PANEL);
    const focused = () =>
      panel.call<string | null>('function () { return this.activeElement?.id || null; }');
    await page.locator('#provisioned-key [data-action="clipboard#copy"]').focus();
    for (let i = 0; i < 8 && !(await inPanel()); i++) await page.keyboard.press('Tab');
    expect(await inPanel()).toBe(true);
    expect(await focused()).toBe('projects');
    await page.keyboard.type('requ');
    await page.keyboard.press('ArrowDown');
    // ↓ moves into the list on the next frame: the first project's checkbox.
    await expect
      .poll(() =>
        panel.call<string | null>(
          'function () { return this.activeElement?.closest("label")?.textContent ?? null; }',
        ),
      )
      .toBe('requests');
    await page.keyboard.press('Space');
    await page.keyboard.press('Escape');
    expect(await focused()).toBe('projects');
    await expect.poll(() => panel.text('[aria-label="Chosen projects"]')).toMatch(/^requests×?$/);
    await cdp.detach();
    await page.close();
  });

  it('with the setting off, the notice shows instead of the panel', async () => {
    await browser.worker.evaluate(() => chrome.storage.local.set({ showPanel: false }));
    const page = await browser.context.newPage();
    await page.goto(`https://test.pypi.org${TOKEN_PAGE}`);
    await expect.poll(() => page.locator(`#${NOTICE}`).count()).toBe(1);
    expect(await page.locator(`#${PANEL}`).count()).toBe(0);
    await page.close();
    await browser.worker.evaluate(() => chrome.storage.local.remove('showPanel'));
  });

  it('met no CSP violation and no serious or critical axe finding inside the panel', () => {
    expect(violations).toEqual([]);
  });

  it('narrows only the token the background holds: a page script swapping the token block gets no panel for its own', async () => {
    // Another valid token with its own identifier, as a hostile or buggy page script could put there.
    const other = Token.create({ domain: 'pypi.org', identifier: randomUUID(), key: 'page' });
    const swap = (
      ms: number,
    ) => `document.addEventListener('DOMContentLoaded', () => setTimeout(() => {
      const block = document.getElementById('provisioned-key');
      for (const n of block.querySelectorAll('code, pre'))
        n.textContent = n.textContent.replaceAll(${JSON.stringify(USER_TOKEN.token)}, ${JSON.stringify(other.dump())});
      for (const i of block.querySelectorAll('input[name="macaroon_id"]')) i.value = ${JSON.stringify(other.identifier)};
    }, ${ms}));`;
    const outcomes: string[] = [];
    // Swaps spread over the moments capture, the injection and the panel's start can fall on.
    for (const ms of [0, 1, 2, 4, 6, 8, 10, 13, 16, 20, 25, 30, 40, 60]) {
      pypi.routes.set(`pypi.org/static/js/swap-${ms}.js`, () => swap(ms));
      pypi.routes.set(`pypi.org${TOKEN_PAGE}?swap=${ms}`, () =>
        resultPage(
          { ...USER_TOKEN, scope: 'user', name: 'CI upload' },
          `<script src="/static/js/swap-${ms}.js"></script>`,
        ),
      );
      await browser.worker.evaluate(() => chrome.storage.session.remove('tokens'));
      const page = await browser.context.newPage();
      await page.goto(`https://pypi.org${TOKEN_PAGE}?swap=${ms}`);
      const cdp = await browser.context.newCDPSession(page);
      await expect.poll(() => sessionTokens(browser)).toHaveLength(1);
      const [held] = (await sessionTokens(browser)) as { identifier: string }[];
      await page.waitForTimeout(300); // the injection and the panel's start, well past both
      const panel = await panelRoot(page, cdp);
      let narrowed = 'no panel';
      if (panel) {
        await panel.call(`function () {
          const s = this.getElementById('window');
          s.value = '1h';
          s.dispatchEvent(new Event('change', { bubbles: true }));
        }`);
        await panel.click('button[aria-pressed]');
        const shown = await panel.text('[data-testid="derived"]');
        narrowed = Token.load(shown ?? '').identifier;
        expect(narrowed, `swap at ${ms} ms`).toBe(held?.identifier);
      }
      outcomes.push(
        `${ms} ms: held ${held?.identifier === other.identifier ? 'the page’s' : 'PyPI’s'}, panel on ${narrowed === 'no panel' ? 'none' : narrowed === other.identifier ? 'the page’s' : 'PyPI’s'}`,
      );
      await page.close();
    }
    console.log(`token block swapped by a page script: ${outcomes.join('; ')}`);
  });

  it('has host access to all of pypi.org (Chrome reads a host permission’s path as /*), so it injects only after a trusted capture', async () => {
    pypi.routes.set('pypi.org/project/requests/', () =>
      resultPage({ ...USER_TOKEN, scope: 'user' }),
    );
    await browser.worker.evaluate(() => chrome.storage.session.remove('tokens'));
    const page = await browser.context.newPage();
    await page.goto('https://pypi.org/project/requests/');
    // The manifest names only the token pages, yet the browser lets the background script this page:
    // the grant is the whole origin, which is why PRIVACY.md says so.
    const path = await browser.worker.evaluate(async () => {
      const [tab] = await chrome.tabs.query({ url: 'https://pypi.org/project/requests/' });
      const [r] = await chrome.scripting.executeScript({
        target: { tabId: tab?.id as number },
        func: () => location.pathname,
      });
      return r?.result;
    });
    expect(path).toBe('/project/requests/');
    // A token block outside the token pages: no content script, no capture, no panel, no notice.
    await page.waitForTimeout(300);
    expect(await page.locator(`#${PANEL}, #${NOTICE}`).count()).toBe(0);
    expect(await sessionTokens(browser)).toEqual([]);
    await page.close();
  });

  it('refuses and clears a token pasted into the panel; PyPI’s scripts still see the paste and the shown text (as PRIVACY.md says)', async () => {
    // A page script, allowed by Warehouse's policy (same origin), listening as any of PyPI's could.
    pypi.routes.set(
      'pypi.org/static/js/listen.js',
      () => `window.seen = [];
        for (const type of ['paste', 'keydown'])
          document.addEventListener(type, (e) => seen.push(type === 'paste' ? e.clipboardData.getData('text') : e.key), true);`,
    );
    pypi.routes.set(`pypi.org${TOKEN_PAGE}?listen`, () =>
      resultPage(
        { ...USER_TOKEN, scope: 'user', name: 'CI upload' },
        '<script src="/static/js/listen.js"></script>',
      ),
    );
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1024, height: 900 });
    await page.goto(`https://pypi.org${TOKEN_PAGE}?listen`);
    const cdp = await browser.context.newCDPSession(page);
    await expect.poll(async () => (await panelRoot(page, cdp)) !== null).toBe(true);
    const panel = (await panelRoot(page, cdp)) as Root;
    // The token as a terminal wraps it: CRLF and an indent in the middle.
    const wrapped = `${USER_TOKEN.token.slice(0, 90)}\r\n    ${USER_TOKEN.token.slice(90)}`;
    await page.evaluate((t) => navigator.clipboard.writeText(t), wrapped);
    await panel.click('#projects');
    await page.keyboard.type('req');
    await page.keyboard.press('Control+V');
    expect(await panel.call('function () { return this.getElementById("projects").value; }')).toBe(
      '',
    );
    expect(await panel.text('#projects-note')).toMatch(/^This is an API token, or a piece of one/);
    expect(await panel.call('function () { return this.querySelector(".chips"); }')).toBeNull();
    await panel.call(
      `function () { this.querySelector('.panel').scrollIntoView({ block: 'start' }); }`,
    );
    await page.screenshot({ path: join(SHOTS, 'panel-refused.png') });
    // What a page script gets anyway: the keys typed and the pasted text; and the panel's shown text.
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    expect(seen.slice(0, 3)).toEqual(['r', 'e', 'q']);
    expect(seen.at(-1)).toBe(wrapped);
    const find = (text: string) =>
      page.evaluate((t) => (window as unknown as { find(s: string): boolean }).find(t), text);
    expect(await find('This is an API token, or a piece of one')).toBe(true);
    await page.close();
  });
});
