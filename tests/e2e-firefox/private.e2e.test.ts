// Private windows in Firefox ESR (the store package, installed as a user installs it): the add-on allowed
// in private windows as about:addons allows it; a project list and a token captured in a private window,
// and a view open there; when the private window closes, all of that goes and the normal window's stays.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAll, type FakePypi, startFakePypi } from '../e2e/harness';
import { creationFormPage, resultPage, TEST_TOKEN, USER_TOKEN } from '../fixtures/pages';
import {
  ADDON_ID,
  ADDON_ORIGIN,
  type Firefox,
  installStorePackage,
  launchFirefox,
  setPanelSetting,
  startProxy,
} from './bidi';

/** Firefox's privileged module loader, in its own window (reachable with -remote-allow-system-access). */
declare const ChromeUtils: { importESModule(url: string): Record<string, never> };
/** The extension API in the add-on's own pages, where `firefox.call` callbacks for a view run. */
declare const browser: typeof import('wxt/browser').browser;

const FORM = 'https://test.pypi.org/manage/account/token/?form';
const RESULT = 'https://test.pypi.org/manage/account/token/';
const WAIT = { timeout: 10_000 };

let pypi: FakePypi;
let proxy: Awaited<ReturnType<typeof startProxy>>;
let firefox: Firefox;
/** A view in a normal tab: the add-on's side, from which the test reads and drives. */
let view: string;
let privateWindow: number;

/**
 * "Run in Private Windows: Allow", as about:addons does it: the add-on gets Firefox's internal
 * private-browsing permission, then is reloaded (about:addons reloads it too, to apply the change).
 */
async function allowInPrivateWindows(): Promise<void> {
  await firefox.call(
    await firefox.chromeWindow(),
    async (id: string) => {
      const { ExtensionPermissions } = ChromeUtils.importESModule(
        'resource://gre/modules/ExtensionPermissions.sys.mjs',
      ) as unknown as {
        ExtensionPermissions: { add(id: string, p: object): Promise<void> };
      };
      const { AddonManager } = ChromeUtils.importESModule(
        'resource://gre/modules/AddonManager.sys.mjs',
      ) as unknown as {
        AddonManager: { getAddonByID(id: string): Promise<{ reload(): Promise<void> }> };
      };
      await ExtensionPermissions.add(id, {
        permissions: ['internal:privateBrowsingAllowed'],
        origins: [],
      });
      await (await AddonManager.getAddonByID(id)).reload();
    },
    [ADDON_ID],
  );
}

/** What is held, without the tokens themselves (a failure must not print them). */
const held = () =>
  firefox.call(view, async () =>
    (((await browser.storage.session.get('tokens')).tokens ?? []) as Record<string, unknown>[]).map(
      ({ identifier, site, fromPrivateWindow }) => ({ identifier, site, fromPrivateWindow }),
    ),
  );

/** The project lists (whether each is marked) and the draft (its token's identifier and mark). */
const session = () =>
  firefox.call(view, async () => {
    const { projects, draft } = await browser.storage.session.get(['projects', 'draft']);
    const p = (projects ?? {}) as Record<string, { fromPrivateWindow?: boolean }>;
    const d = draft as { source: { identifier: string }; fromPrivateWindow?: boolean } | undefined;
    return {
      projects: Object.fromEntries(
        Object.entries(p).map(([site, v]) => [site, v.fromPrivateWindow === true]),
      ),
      draft: d && { identifier: d.source.identifier, fromPrivateWindow: d.fromPrivateWindow },
    };
  });

/** The toolbar badge (MV2's browserAction, promise-based in Firefox; the typings know only a callback). */
const badge = () =>
  firefox.call(view, () =>
    (browser.browserAction.getBadgeText as unknown as (d: object) => Promise<string>)({}),
  );

/** Opens `url` in a new normal tab, waits for `done`, and closes the tab. */
async function visit(url: string, done: () => Promise<unknown>): Promise<void> {
  const context = await firefox.openTab(url);
  await expect.poll(done, WAIT).toBeTruthy();
  await firefox.send('browsingContext.close', { context });
}

beforeAll(async () => {
  pypi = await startFakePypi();
  pypi.routes.set('pypi.org/manage/account/token/?form', () => creationFormPage(['requests']));
  pypi.routes.set('pypi.org/manage/account/token/', () =>
    resultPage({ ...USER_TOKEN, scope: 'user', name: 'normal' }),
  );
  pypi.routes.set('test.pypi.org/manage/account/token/?form', () =>
    creationFormPage(['sampleproject']),
  );
  pypi.routes.set('test.pypi.org/manage/account/token/', () =>
    resultPage({ ...TEST_TOKEN, scope: 'user', site: 'test.pypi.org', name: 'private' }),
  );
  proxy = await startProxy(pypi.port);
  firefox = await launchFirefox(proxy.port);
  await installStorePackage(firefox);
  await allowInPrivateWindows();
  await setPanelSetting(firefox, false); // the notice: the panel has its own suite
  view = await firefox.openTab(`${ADDON_ORIGIN}/popup.html`);
  expect(await firefox.call(view, () => browser.extension.isAllowedIncognitoAccess())).toBe(true);
}, 90_000);

afterAll(() => closeAll(firefox, proxy, pypi));

describe('private windows in Firefox', () => {
  it('captures in a private window: the project list and the token are held, marked, and counted', async () => {
    await visit('https://pypi.org/manage/account/token/?form', async () =>
      Object.keys((await session()).projects).includes('pypi.org'),
    );
    await visit('https://pypi.org/manage/account/token/', async () => (await held()).length === 1);
    privateWindow = await firefox.call(
      view,
      async (url: string) => (await browser.windows.create({ incognito: true, url }))?.id as number,
      [FORM],
    );
    await expect
      .poll(async () => Object.keys((await session()).projects), WAIT)
      .toContain('test.pypi.org');
    await firefox.call(
      view,
      async (windowId: number, url: string) => {
        const [tab] = await browser.tabs.query({ windowId });
        await browser.tabs.update(tab?.id as number, { url });
      },
      [privateWindow, RESULT],
    );
    await expect.poll(async () => (await held()).length, WAIT).toBe(2);
    expect(await held()).toEqual([
      { identifier: TEST_TOKEN.identifier, site: 'test.pypi.org', fromPrivateWindow: true },
      { identifier: USER_TOKEN.identifier, site: 'pypi.org' },
    ]);
    expect((await session()).projects).toEqual({ 'pypi.org': false, 'test.pypi.org': true });
    await expect.poll(badge, WAIT).toBe('2');
  });

  it('a view in the private window marks its draft, even on the normal window’s token', async () => {
    const before = new Set((await firefox.tabs()).map((t) => t.context));
    await firefox.call(
      view,
      (windowId: number, url: string) => browser.tabs.create({ windowId, url }),
      [privateWindow, `${ADDON_ORIGIN}/popup.html`],
    );
    let inPrivate = '';
    await expect
      .poll(async () => {
        inPrivate = (await firefox.tabs()).find(
          (t) => !before.has(t.context) && t.url.endsWith('/popup.html'),
        )?.context as string;
        return inPrivate;
      }, WAIT)
      .toBeTruthy();
    expect(await firefox.call(inPrivate, () => browser.extension.inIncognitoContext)).toBe(true);
    // The normal window's token, chosen in that view: only where the view runs marks the draft.
    await expect
      .poll(() => firefox.call(inPrivate, () => document.querySelectorAll('select option').length))
      .toBeGreaterThan(1);
    await firefox.call(
      inPrivate,
      (id: string) => {
        const select = document.querySelector('select') as HTMLSelectElement;
        select.value = id;
        select.dispatchEvent(new Event('change', { bubbles: true }));
      },
      [USER_TOKEN.identifier],
    );
    await expect
      .poll(async () => (await session()).draft, WAIT)
      .toEqual({ identifier: USER_TOKEN.identifier, fromPrivateWindow: true });
  });

  it('closing the private window forgets all of it and keeps the normal window’s token', async () => {
    const closed = Date.now();
    await firefox.call(view, (id: number) => browser.windows.remove(id), [privateWindow]);
    await expect
      .poll(async () => (await held()).map((t) => t.identifier), { ...WAIT, interval: 10 })
      .toEqual([USER_TOKEN.identifier]);
    // The sweep forgets the tokens first, then the project lists and the draft: all of it, in a moment.
    await expect
      .poll(session, { ...WAIT, interval: 10 })
      .toEqual({ projects: { 'pypi.org': false }, draft: undefined });
    const ms = Date.now() - closed;
    await expect.poll(badge, WAIT).toBe('1');
    console.log(`private window closed → its token forgotten in ${ms} ms`);
  });
});
