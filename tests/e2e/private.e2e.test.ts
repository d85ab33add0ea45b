// Private windows in real Chromium: "Allow in incognito" turned on as a user turns it on (on
// chrome://extensions), a token and a project list captured in an incognito window, a menu hand-over from
// it and the view's drafts; when the last incognito window closes, all of that goes and the normal
// window's token stays. Also with the service worker stopped when the window closes.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redact } from '@/src/core';
import { creationFormPage, PROJECT_TOKEN, TEST_TOKEN, USER_TOKEN } from '../fixtures/pages';
import {
  type Browser,
  badgeText,
  createTokenOnPypi,
  type FakePypi,
  launchBrowser,
  serveTokenPages,
  sessionTokens,
  startFakePypi,
} from './harness';
import { controlServiceWorker } from './relaunch';

/** The extension API inside the service worker and the extension's pages, where callbacks run. */
declare const chrome: typeof import('wxt/browser').browser;

/** chrome://extensions' own API (not in the extension typings): what its toggles call. */
interface DeveloperPrivate {
  updateProfileConfiguration(update: { inDeveloperMode: boolean }): Promise<void>;
  updateExtensionConfiguration(update: {
    extensionId: string;
    incognitoAccess: boolean;
  }): Promise<void>;
}

const FORM = 'https://test.pypi.org/manage/account/token/?form';
const RESULT = 'https://test.pypi.org/manage/account/token/';
/** A page load and a capture in a busy browser (another suite may share the two cores). */
const WAIT = { timeout: 10_000 };

let pypi: FakePypi;
let browser: Browser;

/**
 * "Allow in incognito", switched on where a user does it: chrome://extensions (developer mode on, as for
 * any unpacked extension; without it Chromium disables the reloaded extension). Chromium reloads the
 * extension for it: a new service worker, and an empty storage.session.
 */
async function allowInIncognito(b: Browser): Promise<void> {
  const page = await b.context.newPage();
  await page.goto('chrome://extensions');
  const restarted = b.context.waitForEvent('serviceworker');
  await page.evaluate(async (extensionId) => {
    const api = (globalThis as unknown as { chrome: { developerPrivate: DeveloperPrivate } }).chrome
      .developerPrivate;
    await api.updateProfileConfiguration({ inDeveloperMode: true });
    await api.updateExtensionConfiguration({ extensionId, incognitoAccess: true });
  }, b.extensionId);
  b.worker = await restarted;
  await page.close();
}

/** What is held, without the tokens themselves (a failure must not print them). */
const held = async () =>
  ((await sessionTokens(browser)) as Record<string, unknown>[]).map(
    ({ identifier, site, fromPrivateWindow }) => ({ identifier, site, fromPrivateWindow }),
  );

/** The rest of storage.session: project lists (names dropped), the hand-over and the draft, summed up. */
const session = () =>
  browser.worker.evaluate(async () => {
    const { projects, pending, draft } = await chrome.storage.session.get([
      'projects',
      'pending',
      'draft',
    ]);
    const p = (projects ?? {}) as Record<string, { fromPrivateWindow?: boolean }>;
    const d = draft as {
      source?: { identifier?: string; kind?: string };
      fromPrivateWindow?: boolean;
    };
    return {
      projects: Object.fromEntries(
        Object.entries(p).map(([site, v]) => [site, v.fromPrivateWindow === true]),
      ),
      pending: pending === undefined ? 'none' : Object.keys(pending as object).sort(),
      draft: d && {
        identifier: d.source?.identifier,
        kind: d.source?.kind,
        fromPrivateWindow: d.fromPrivateWindow,
      },
    };
  });

/** Opens an incognito window on `url` from the service worker; its id and its tab's id. */
const openIncognito = (url: string) =>
  browser.worker.evaluate(async (u) => {
    const w = await chrome.windows.create({ incognito: true, url: u });
    return { windowId: w?.id as number, tabId: w?.tabs?.[0]?.id as number };
  }, url);

/** Closes every incognito window, as a user does; resolves when the last one is gone. */
const closeIncognitoWindows = () =>
  browser.worker.evaluate(async () => {
    for (const w of await chrome.windows.getAll())
      if (w.incognito) await chrome.windows.remove(w.id as number);
  });

/** Polls what is held until it is `identifiers`; the milliseconds it took from `since`. */
async function heldBecomes(identifiers: string[], since: number): Promise<number> {
  await expect
    .poll(async () => (await held()).map((t) => t.identifier), { interval: 10, timeout: 10_000 })
    .toEqual(identifiers);
  return Date.now() - since;
}

async function openView(): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  await page.getByRole('heading', { name: 'Restrict a PyPI token' }).waitFor();
  return page;
}

beforeAll(async () => {
  pypi = await startFakePypi();
  serveTokenPages(pypi);
  pypi.routes.set('test.pypi.org/manage/account/token/?form', () =>
    creationFormPage(['sampleproject']),
  );
  browser = await launchBrowser(pypi.port);
  await allowInIncognito(browser);
  expect(await browser.worker.evaluate(() => chrome.extension.isAllowedIncognitoAccess())).toBe(
    true,
  );
});

afterAll(async () => {
  await browser?.close();
  await pypi?.close();
});

describe('private windows in Chromium', () => {
  let incognito: { windowId: number; tabId: number };

  it('captures in an incognito window: the project list and the token are held, marked, and counted', async () => {
    await createTokenOnPypi(browser); // a normal window's token, which must stay
    incognito = await openIncognito(FORM);
    await expect
      .poll(async () => Object.keys((await session()).projects), WAIT)
      .toContain('test.pypi.org');
    await browser.worker.evaluate(
      ([tabId, url]) => chrome.tabs.update(tabId as number, { url: url as string }),
      [incognito.tabId, RESULT] as const,
    );
    await expect.poll(async () => (await held()).length, WAIT).toBe(2);
    expect(await held()).toEqual([
      { identifier: TEST_TOKEN.identifier, site: 'test.pypi.org', fromPrivateWindow: true },
      { identifier: USER_TOKEN.identifier, site: 'pypi.org', fromPrivateWindow: undefined },
    ]);
    expect((await session()).projects).toEqual({ 'pypi.org': false, 'test.pypi.org': true });
    await expect.poll(() => badgeText(browser), WAIT).toBe('2');
  });

  it('a view in a normal window lists the private token as such, and marks a draft working on it', async () => {
    const view = await openView();
    const options = await view
      .getByLabel('Token', { exact: true })
      .locator('option')
      .allTextContents();
    expect(options.map((o) => o.includes('from a private window'))).toEqual([true, false]);
    await expect
      .poll(async () => (await session()).draft, WAIT)
      .toEqual({
        identifier: TEST_TOKEN.identifier,
        kind: 'captured',
        fromPrivateWindow: true,
      });
    await view.close();
  });

  it('"Restrict token" in the incognito tab hands over a marked token; the view that takes it marks its draft', async () => {
    const result = await browser.worker.evaluate(
      async ([tabId, text]) => {
        const handed: unknown[] = [];
        chrome.storage.session.onChanged.addListener((changes) => {
          if (changes.pending?.newValue) handed.push(changes.pending.newValue);
        });
        const tab = await chrome.tabs.get(tabId as number);
        const event = chrome.contextMenus.onClicked as unknown as {
          dispatch(info: object, tab: object): void;
        };
        event.dispatch({ menuItemId: 'restrict-token', selectionText: text, editable: false }, tab);
        // The view opens, takes the hand-over and writes its draft on the selected token.
        const draftKind = async () =>
          ((await chrome.storage.session.get('draft')).draft as { source?: { kind?: string } })
            ?.source?.kind;
        for (let i = 0; i < 100 && (await draftKind()) !== 'menu'; i++)
          await new Promise((r) => setTimeout(r, 50));
        return { handed, contexts: await chrome.runtime.getContexts({}) };
      },
      [incognito.tabId, `here: ${PROJECT_TOKEN.token}`] as const,
    );
    // Chromium runs the popup outside incognito even in an incognito window: its window is what says it.
    expect(
      result.contexts.filter((c) => c.contextType === 'POPUP').map((c) => c.incognito),
    ).toEqual([false]);
    expect(
      (result.handed as { tokens: string[]; fromPrivateWindow?: boolean }[]).map((h) => ({
        ...h,
        tokens: h.tokens.map((t) => redact(t)),
      })),
    ).toEqual([{ tokens: [redact(PROJECT_TOKEN.token)], fromPrivateWindow: true }]);
    expect((await session()).draft).toMatchObject({ kind: 'menu', fromPrivateWindow: true });
  });

  it('closing the last incognito window forgets all of it and keeps the normal window’s token', async () => {
    const closed = Date.now();
    await closeIncognitoWindows();
    const ms = await heldBecomes([USER_TOKEN.identifier], closed);
    expect(await held()).toEqual([
      { identifier: USER_TOKEN.identifier, site: 'pypi.org', fromPrivateWindow: undefined },
    ]);
    // The sweep forgets the tokens first, then the project lists, the hand-over and the draft.
    await expect.poll(session, { ...WAIT, interval: 10 }).toEqual({
      projects: { 'pypi.org': false },
      pending: 'none',
      draft: undefined,
    });
    await expect.poll(() => badgeText(browser), WAIT).toBe('1');
    console.log(`incognito window closed → its token forgotten in ${ms} ms`);
  });

  it('forgets it as well when the service worker was stopped: the window’s close starts a new one', async () => {
    await openIncognito(RESULT);
    await expect.poll(async () => (await held()).length, WAIT).toBe(2);
    const tab = browser.context.pages().find((p) => p.url() === RESULT);
    if (!tab) throw new Error('Playwright does not see the incognito tab');
    const watcher = await browser.context.newPage();
    const worker = await controlServiceWorker(browser, watcher);
    await worker.stop();
    const closed = Date.now();
    await tab.close(); // its window's last tab: the window closes
    // No call into the worker before it runs again: only the window's close can have started it.
    await worker.running();
    const ms = await heldBecomes([USER_TOKEN.identifier], closed);
    await expect.poll(() => badgeText(browser), WAIT).toBe('1');
    const states = worker.states.filter((x, i) => x !== worker.states[i - 1]);
    console.log(`service worker: ${states.join(' → ')}; the token forgotten in ${ms} ms`);
    await worker.detach();
    await watcher.close();
  });
});
