// Restarts in real Chromium. Chromium stops an MV3 extension's service worker when it idles and starts a
// new one on the next event: with tokens held and a clipboard clear pending, the worker is stopped (CDP
// ServiceWorker.stopAllWorkers); the view, the badge, the clear, the menu and capture must not notice.
// A browser restart on the same profile forgets the tokens (session memory, by design) and keeps the
// settings and the menu.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redact } from '@/src/core';
import { CLEAR_ALARM } from '@/src/extension/clipboard';
import { MENU_ID } from '@/src/extension/context-menu';
import { resultPage, TEST_TOKEN, USER_TOKEN } from '../fixtures/pages';
import {
  type Browser,
  badgeText,
  clickRestrictMenu,
  type FakePypi,
  launchBrowser,
  sessionTokens,
  startFakePypi,
} from './harness';

/** Chromium on the test's profile, which outlives each browser, with clipboard access for our pages. */
async function launchOnProfile(port: number, profile: string): Promise<Browser> {
  const b = await launchBrowser(port, profile);
  await b.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  return b;
}

import { controlServiceWorker } from './relaunch';

/** The extension API inside the service worker and the extension's pages, where callbacks run. */
declare const chrome: typeof import('wxt/browser').browser;

let pypi: FakePypi;
let browser: Browser;
let profile: string;
const popupUrl = () => `chrome-extension://${browser.extensionId}/popup.html`;

async function openView(): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(popupUrl());
  await page.getByRole('heading', { name: 'Restrict a PyPI token' }).waitFor();
  return page;
}

/** The clipboard's length only, read from one of our pages: a failure must not print what it holds. */
const clipboardLength = (page: Page) =>
  page.evaluate(async () => (await navigator.clipboard.readText()).length);

/** The identifiers of the tokens held, newest first (never the tokens: a failure prints them). */
const heldIds = async () =>
  ((await sessionTokens(browser)) as { identifier: string }[]).map((t) => t.identifier);

/** Opens PyPI's result page and keeps it open until the token it shows is held. */
async function capture(url: string, identifier: string): Promise<void> {
  const page = await browser.context.newPage();
  await page.goto(url);
  await expect.poll(heldIds).toContain(identifier);
  await page.close();
}

/** True when the worker's registry has the menu entry: updating a missing id fails. */
const menuPresent = () =>
  browser.worker.evaluate(
    (id) =>
      new Promise<boolean>((ok) =>
        chrome.contextMenus.update(id, {}, () => ok(chrome.runtime.lastError === undefined)),
      ),
    MENU_ID,
  );

/** A click on the entry in the running worker: what it hands over, and whether the view took it. */
const clickMenu = async (selectionText: string) => {
  const { handed, taken } = await clickRestrictMenu(browser, selectionText);
  return { handed: handed as { tokens?: string[]; error?: string }[], taken };
};

beforeAll(async () => {
  pypi = await startFakePypi();
  pypi.routes.set('pypi.org/manage/account/token/', () =>
    resultPage({ ...USER_TOKEN, scope: 'user', name: 'before' }),
  );
  pypi.routes.set('test.pypi.org/manage/account/token/', () =>
    resultPage({ ...TEST_TOKEN, scope: 'user', name: 'after', site: 'test.pypi.org' }),
  );
  profile = mkdtempSync(join(tmpdir(), 'ptr-restart-'));
  browser = await launchOnProfile(pypi.port, profile);
});

afterAll(async () => {
  await browser?.close();
  rmSync(profile, { recursive: true, force: true });
  await pypi?.close();
});

describe('a stopped service worker', () => {
  it('comes back with the same tokens, badge and menu; the pending clear fires on time; a capture lands', async () => {
    await capture('https://pypi.org/manage/account/token/', USER_TOKEN.identifier);
    expect(await heldIds()).toEqual([USER_TOKEN.identifier]);
    expect(await badgeText(browser)).toBe('1');

    // A copy's clear, due in 6 s, then the worker stops at once.
    const watcher = await browser.context.newPage();
    const worker = await controlServiceWorker(browser, watcher);
    const page = await openView();
    await page.evaluate(() => navigator.clipboard.writeText('pypi-secret-stand-in'));
    await page.evaluate(() =>
      chrome.runtime.sendMessage({ type: 'schedule-clipboard-clear', delaySeconds: 6 }),
    );
    const due = (await browser.worker.evaluate((n) => chrome.alarms.get(n), CLEAR_ALARM))
      ?.scheduledTime as number;
    expect(due).toBeGreaterThan(Date.now() + 4000);
    await browser.worker.evaluate(() => {
      (self as unknown as { marker: string }).marker = 'the first worker';
    });
    await worker.stop();
    await page.close();

    // The view reads storage.session itself: the same token, with no worker running.
    const view = await openView();
    await expect
      .poll(() => view.getByTestId('token-summary').textContent())
      .toBe('Upload to every project of your account, no expiry');
    expect(worker.states.at(-1)).toBe('stopped');
    expect(await clipboardLength(view)).toBe('pypi-secret-stand-in'.length);

    // The alarm starts a new worker, which empties the clipboard at the deadline, not before.
    await expect.poll(() => clipboardLength(view), { timeout: 15_000, interval: 100 }).toBe(0);
    const clearedAt = Date.now();
    expect(clearedAt).toBeGreaterThanOrEqual(due - 100);
    expect(clearedAt).toBeLessThan(due + 5000);
    await worker.running();
    expect(
      await browser.worker.evaluate(() => (self as unknown as { marker?: string }).marker),
    ).toBe(undefined);

    // The new worker: same tokens, same badge, the menu registered and answering.
    expect(await heldIds()).toEqual([USER_TOKEN.identifier]);
    expect(await badgeText(browser)).toBe('1');
    expect(await menuPresent()).toBe(true);
    const clicked = await clickMenu(`my token is ${USER_TOKEN.token}, thanks`);
    expect({
      ...clicked,
      handed: clicked.handed.map((h) => ({ tokens: h.tokens?.map((t) => redact(t)) })),
    }).toEqual({ handed: [{ tokens: [redact(USER_TOKEN.token)] }], taken: true });

    // Stopped again: a capture's message starts a worker, and the token lands.
    await worker.stop();
    await capture('https://test.pypi.org/manage/account/token/', TEST_TOKEN.identifier);
    await worker.running();
    expect(await heldIds()).toEqual([TEST_TOKEN.identifier, USER_TOKEN.identifier]);
    await expect.poll(() => badgeText(browser)).toBe('2');
    const states = worker.states.filter((x, i) => x !== worker.states[i - 1]);
    console.log(
      `service worker: ${states.join(' → ')}; the clear came ${clearedAt - due} ms after its deadline`,
    );
    await worker.detach();
    await view.close();
    await watcher.close();
  });
});

describe('a browser restart on the same profile', () => {
  it('forgets the tokens, keeps the settings, the menu and the pending clipboard clear', async () => {
    const page = await openView();
    await page.getByText('Settings', { exact: true }).click();
    await page.getByLabel('Clear the clipboard after copying').selectOption('120');
    await expect
      .poll(() => browser.worker.evaluate(() => chrome.storage.local.get('autoClearSeconds')))
      .toEqual({ autoClearSeconds: 120 });
    expect(await heldIds()).toHaveLength(2);
    // A clear still pending at the restart (10 minutes out).
    await page.evaluate(() =>
      chrome.runtime.sendMessage({ type: 'schedule-clipboard-clear', delaySeconds: 600 }),
    );
    const alarm = () =>
      browser.worker.evaluate(
        async (name) => (await chrome.alarms.get(name))?.scheduledTime ?? null,
        CLEAR_ALARM,
      );
    await expect.poll(alarm).not.toBeNull();
    const due = await alarm();

    await browser.close();
    browser = await launchOnProfile(pypi.port, profile);

    expect(await heldIds()).toEqual([]);
    expect(await badgeText(browser)).toBe('');
    const view = await openView();
    await view.getByText(/No token yet/).waitFor();
    await view.getByText('Settings', { exact: true }).click();
    expect(await view.getByLabel('Clear the clipboard after copying').inputValue()).toBe('120');
    expect(await menuPresent()).toBe(true);
    // Alarms of an unpacked extension do not outlive the browser: the background sets it again.
    await expect.poll(alarm).toBe(due);
    const clicked = await clickMenu('hello world');
    expect(clicked).toEqual({
      handed: [{ noToken: expect.objectContaining({ code: 'no-token' }) }],
      taken: true,
    });
    await view.close();
  });
});
