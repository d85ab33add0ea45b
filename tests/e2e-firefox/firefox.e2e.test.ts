// The Firefox store package in Debian's Firefox ESR, driven over WebDriver BiDi: installed as a user
// installs it (permanently), it captures PyPI's token page (served from loopback as https://pypi.org); the
// view in a tab copies a narrower token and the background empties the clipboard; a right-click on
// selected text shows "Restrict token" in Firefox's real context menu, which hands the token to the
// toolbar popup; and after Firefox restarts on the same profile the menu is still there and works.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redact, Token } from '@/src/core';
import { MENU_ID } from '@/src/extension/context-menu';
import { failuresOf } from '../core/vectors';
import { closeAll, type FakePypi, startFakePypi } from '../e2e/harness';
import {
  creationFormPage,
  PROJECT_TOKEN,
  resultPage,
  USER_ID,
  USER_TOKEN,
} from '../fixtures/pages';
import {
  ADDON_ID,
  ADDON_ORIGIN,
  type Firefox,
  installStorePackage,
  launchFirefox,
  setPanelSetting,
  startProxy,
} from './bidi';

let pypi: FakePypi;
let proxy: Awaited<ReturnType<typeof startProxy>>;
let firefox: Firefox;
let tab: string;

const navigate = (url: string) =>
  firefox.send('browsingContext.navigate', { context: tab, url, wait: 'complete' });
/**
 * The count the page notice shows (it appears only once the background has stored the token), read
 * from its closed shadow root: BiDi serializes closed roots with `includeShadowTree: 'all'`.
 */
const notice = async () => {
  const { result } = await firefox.send<{ result: unknown }>('script.evaluate', {
    expression: "document.getElementById('pypi-token-restrictor-notice')",
    target: { context: tab },
    awaitPromise: false,
    serializationOptions: { maxDomDepth: null, includeShadowTree: 'all' },
  });
  return JSON.stringify(result).match(/"nodeValue":"(\d+) tokens? held in memory/)?.[1] ?? 'none';
};

/** A new tab showing the restrict view (the toolbar popup's page), loaded. */
async function openView(): Promise<string> {
  const context = await firefox.openTab(`${ADDON_ORIGIN}/popup.html`);
  await expect
    .poll(() => firefox.call(context, () => document.querySelector('h1')?.textContent))
    .toBe('Restrict a PyPI token');
  return context;
}

/** Chooses a value in a `select` of the view, as a user's choice arrives: the value, then `change`. */
const choose = (view: string, selector: string, value: string) =>
  firefox.call(
    view,
    (sel: string, v: string) => {
      const select = document.querySelector(sel) as HTMLSelectElement;
      select.value = v;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    },
    [selector, value],
  );

/** The text of the system clipboard, read by Firefox itself (a page may not read it unasked). */
const clipboard = async () =>
  firefox.call(await firefox.chromeWindow(), () => navigator.clipboard.readText());

/** Firefox's own page context menu, as its window's code sees it (XUL: not in the DOM typings). */
interface XulMenu extends HTMLElement {
  state: string;
  activateItem(item: Element): void;
  hidePopup(): void;
}

/** Firefox's ids for an add-on's context-menu entries start with its id made safe for XUL. */
const MENU_ITEM_PREFIX = `${ADDON_ID.toLowerCase().replace(/[^a-z0-9_-]/g, '_')}-menuitem-_`;

/**
 * Selects the text of `selector` on the tab's page, right-clicks it, and returns the labels of the
 * add-on's entries in the context menu Firefox opens; `activate` chooses "Restrict token" as a click
 * on it does, else the menu is closed.
 */
async function rightClickSelection(selector: string, activate: boolean): Promise<string[]> {
  await firefox.call(
    tab,
    (sel: string) => getSelection()?.selectAllChildren(document.querySelector(sel) as Element),
    [selector],
  );
  await firefox.click(tab, selector, 2);
  const win = await firefox.chromeWindow();
  await expect
    .poll(() =>
      firefox.call(win, () => (document.getElementById('contentAreaContextMenu') as XulMenu).state),
    )
    .toBe('open');
  return firefox.call(
    win,
    (prefix: string, id: string, click: boolean) => {
      const menu = document.getElementById('contentAreaContextMenu') as XulMenu;
      const ours = [...menu.querySelectorAll(`[id^="${prefix}"]`)];
      const item = ours.find((i) => i.id === `${prefix}${id}`);
      if (click && item) menu.activateItem(item);
      else menu.hidePopup();
      return ours.map((i) => i.getAttribute('label') ?? '');
    },
    [MENU_ITEM_PREFIX, MENU_ID, activate],
  );
}

/** Records, in the view's tab, what is handed over to a view through storage.session. */
const recordHandOver = (view: string) =>
  firefox.call(view, () => {
    const w = window as unknown as { handed: unknown[] };
    w.handed = [];
    browser.storage.session.onChanged.addListener((changes) => {
      if (changes.pending?.newValue) w.handed.push(changes.pending.newValue);
    });
  });

/**
 * What the view in `view`'s tab recorded (tokens named, not shown: a failure prints no token), whether
 * the hand-over was taken, and what the open toolbar popups show.
 */
const handOver = async (view: string) => {
  const seen = await firefox.call(view, async () => ({
    handed: (window as unknown as { handed: { tokens?: string[]; error?: string }[] }).handed,
    taken: (await browser.storage.session.get('pending')).pending === undefined,
    popups: (browser.extension.getViews({ type: 'popup' }) as unknown as (typeof window)[]).map(
      (w) => w.document.querySelector('[data-testid="token-summary"]')?.textContent ?? '',
    ),
  }));
  const name = (t: string) => (t === PROJECT_TOKEN.token ? 'PROJECT_TOKEN' : redact(t));
  return {
    ...seen,
    handed: seen.handed.map((h) => (h.tokens ? { tokens: h.tokens.map(name) } : h)),
  };
};

const closePopups = (view: string) =>
  firefox.call(view, () => {
    for (const w of browser.extension.getViews({ type: 'popup' }) as unknown as (typeof window)[])
      w.close();
  });

/** A chat page where someone pasted a project token into a sentence. */
const CHAT = 'https://pypi.org/chat';

beforeAll(async () => {
  pypi = await startFakePypi();
  pypi.routes.set('pypi.org/manage/account/token/', () =>
    resultPage({ ...USER_TOKEN, scope: 'user', name: 'firefox' }),
  );
  pypi.routes.set('pypi.org/manage/account/token/?form', () => creationFormPage());
  pypi.routes.set(
    'pypi.org/chat',
    () =>
      `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>chat</title></head><body>
      <p id="message">Here is the upload token: ${PROJECT_TOKEN.token} (keep it safe)</p></body></html>`,
  );
  proxy = await startProxy(pypi.port);
  firefox = await launchFirefox(proxy.port);
  await installStorePackage(firefox);
  tab = (await firefox.tabs())[0]?.context as string;
  // This suite follows the notice; the panel has its own (panel.e2e.test.ts).
  await setPanelSetting(firefox, false);
}, 60_000);

afterAll(() => closeAll(firefox, proxy, pypi));

describe('Firefox', () => {
  it('captures nothing on the creation form', async () => {
    await navigate('https://pypi.org/manage/account/token/?form');
    await new Promise((r) => setTimeout(r, 1000));
    expect(await notice()).toBe('none');
  });

  it('captures the token shown on the result page into storage.session', async () => {
    // The notice carries the number of tokens the store holds after the background's answer.
    await navigate('https://pypi.org/manage/account/token/');
    await expect.poll(notice, { timeout: 10_000 }).toBe('1');
    await navigate('https://pypi.org/manage/account/token/');
    await expect.poll(notice, { timeout: 10_000 }).toBe('1'); // the same token again: de-duplicated
  });

  it('the view lists the captured token; Copy puts a narrower token on the clipboard, which the background empties', async () => {
    const view = await openView();
    const text = (testId: string) =>
      firefox.call(
        view,
        (id: string) => document.querySelector(`[data-testid="${id}"]`)?.textContent,
        [testId],
      );
    await expect
      .poll(() => text('token-summary'))
      .toBe('Upload to every project of your account, no expiry');
    await choose(view, '#window', '1h');
    await expect
      .poll(() => text('summary'))
      .toMatch(/^Upload to every project of your account until .+ \(in 59 minutes\)$/);
    const now = Math.floor(Date.now() / 1000);
    // A real click: the copy needs the user's gesture.
    await firefox.click(view, 'button.copy');
    await expect
      .poll(() => firefox.call(view, () => document.querySelector('button.copy')?.textContent))
      .toMatch(/^Copied token · clears in (60|59) s$/);
    const copied = Token.load(await clipboard());
    expect(copied.identifier).toBe(Token.load(USER_TOKEN.token).identifier);
    expect(copied.caveats.at(-1)).toMatch(/^\[0,\d+,\d+\]$/);
    const check = (at: number) =>
      failuresOf(() =>
        copied.check(USER_TOKEN.key, { projectName: 'any', userId: USER_ID, now: at }),
      );
    expect(check(now)).toEqual([]);
    expect(check(now + 3600)).toHaveLength(1);

    // The copy scheduled the clear the settings ask for (a minute by default) in the background.
    const alarm = await firefox.call(view, () => browser.alarms.get('clear-clipboard'));
    expect(alarm?.scheduledTime).toBeGreaterThan(Date.now() + 50_000);
    // The settings offer 30 s at least; the background accepts 1 s from our pages: the same path, sooner.
    await firefox.call(view, () =>
      browser.runtime.sendMessage({ type: 'schedule-clipboard-clear', delaySeconds: 1 }),
    );
    // Lengths only: a failure must not print the token.
    expect((await clipboard()).length).toBeGreaterThan(0);
    await expect.poll(async () => (await clipboard()).length, { timeout: 10_000 }).toBe(0);
    await firefox.send('browsingContext.close', { context: view });
  });

  it('a right-click on selected text shows "Restrict token"; choosing it hands the token to the toolbar popup', async () => {
    const view = await openView(); // only to watch the hand-over from the add-on's side
    await recordHandOver(view);
    await navigate(CHAT);
    expect(await rightClickSelection('#message', true)).toEqual(['Restrict token']);
    await expect
      .poll(() => handOver(view))
      .toEqual({
        handed: [{ tokens: ['PROJECT_TOKEN'] }],
        taken: true,
        popups: ['Upload to sampleproject (also bound by project ID), no expiry'],
      });
    await closePopups(view);
    await firefox.send('browsingContext.close', { context: view });
  });

  it('after Firefox restarts on the same profile: tokens are gone, settings and the pending clear remain, the menu is there and works', async () => {
    let view = await openView();
    await choose(view, '#auto-clear', '120');
    await expect
      .poll(() => firefox.call(view, () => browser.storage.local.get('autoClearSeconds')))
      .toEqual({ autoClearSeconds: 120 });
    // A clear still pending when Firefox quits (see below).
    await firefox.call(view, () =>
      browser.runtime.sendMessage({ type: 'schedule-clipboard-clear', delaySeconds: 600 }),
    );
    const pending = await firefox.call(view, async () =>
      (await browser.alarms.getAll()).map((a) => ({ name: a.name, at: a.scheduledTime })),
    );
    expect(pending).toEqual([{ name: 'clear-clipboard', at: expect.any(Number) }]);

    await firefox.quit();
    firefox = await launchFirefox(proxy.port, firefox.profile);
    tab = (await firefox.tabs())[0]?.context as string;
    view = await openView();
    expect(await firefox.call(view, () => browser.runtime.getManifest().version)).toBe('0.1.0');
    // The add-on's persistent background starts after the window; the menu is registered as it starts.
    await expect
      .poll(() =>
        firefox.call(
          view,
          () =>
            (browser.extension.getBackgroundPage() as unknown as typeof window | null)?.document
              .readyState,
        ),
      )
      .toBe('complete');
    expect(await firefox.call(view, () => browser.storage.session.get(null))).toEqual({});
    expect(
      await firefox.call(view, () => document.querySelector('.hint')?.textContent?.slice(0, 12)),
    ).toBe('No token yet');
    expect(
      await firefox.call(
        view,
        () => (document.querySelector('#auto-clear') as HTMLSelectElement).value,
      ),
    ).toBe('120');
    // Firefox keeps alarms for a session only (MDN, alarms): the background sets the pending clear
    // again as it starts, at the same time.
    await expect
      .poll(() =>
        firefox.call(view, async () =>
          (await browser.alarms.getAll()).map((a) => ({ name: a.name, at: a.scheduledTime })),
        ),
      )
      .toEqual(pending);

    await recordHandOver(view);
    await navigate(CHAT);
    expect(await rightClickSelection('#message', true)).toEqual(['Restrict token']);
    await expect
      .poll(() => handOver(view))
      .toEqual({
        handed: [{ tokens: ['PROJECT_TOKEN'] }],
        taken: true,
        popups: ['Upload to sampleproject (also bound by project ID), no expiry'],
      });
    await closePopups(view);
    await firefox.send('browsingContext.close', { context: view });
  });

  it('reached no network address but the fake PyPI, apart from Firefox’s own services', () => {
    // Every connection goes through the proxy; it refused (and recorded) all but the fake PyPI.
    expect(
      proxy.refused.filter(
        (r) => !/^CONNECT [\w.-]+\.(mozilla\.(com|net|org)|firefox\.com):443$/.test(r),
      ),
    ).toEqual([]);
  });
});

/** The extension API in the add-on's own pages, where `firefox.call` callbacks for a view run. */
declare const browser: typeof import('wxt/browser').browser;
