// The narrowing panel in Firefox ESR (the store package, installed as a user installs it) on the fake
// PyPI under Warehouse's Content-Security-Policy: the background injects it after the capture; two
// projects, 1 hour, Copy; the clipboard's token checks for exactly those two within the hour; "Open the
// full view" opens the view on that token; with the setting off, the notice shows; no violation.
// The panel's root is closed: BiDi serializes it (`includeShadowTree: 'all'`), and `locateNodes` from
// that root finds its controls, which the test then clicks and types into as a user does.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Token } from '@/src/core';
import { failuresOf } from '../core/vectors';
import { ARTIFACTS, closeAll, type FakePypi, startFakePypi } from '../e2e/harness';
import {
  creationFormPage,
  MANY_PROJECTS,
  resultPage,
  TEST_TOKEN,
  USER_ID,
  USER_TOKEN,
} from '../fixtures/pages';
import {
  ADDON_ORIGIN,
  type Firefox,
  installStorePackage,
  launchFirefox,
  recordViolations,
  setPanelSetting,
  startProxy,
} from './bidi';

let pypi: FakePypi;
let proxy: Awaited<ReturnType<typeof startProxy>>;
let firefox: Firefox;
let tab: string;
const TOKEN_PAGE = 'https://pypi.org/manage/account/token/';
const TOKEN_ROUTE = 'pypi.org/manage/account/token/';
const PANEL = 'pypi-token-restrictor-panel';
const SANDBOX = 'ptr-panel';

const navigate = (url: string) =>
  firefox.send('browsingContext.navigate', { context: tab, url, wait: 'complete' });
const evaluate = async (expression: string) => {
  const r = await firefox.send<{ result: { value?: unknown } }>('script.evaluate', {
    expression,
    target: { context: tab, sandbox: SANDBOX },
    awaitPromise: true,
  });
  return r.result.value;
};
const violations = async () =>
  JSON.parse((await evaluate('JSON.stringify(window.violations ?? [])')) as string);

interface Serialized {
  type: string;
  sharedId?: string;
  value?: { shadowRoot?: Serialized | null; mode?: string };
}

/** The panel's closed shadow root as BiDi shares it (null until the panel is there). */
async function panelRoot(): Promise<{ sharedId: string } | null> {
  const { result } = await firefox.send<{ result: Serialized }>('script.evaluate', {
    expression: `document.getElementById('${PANEL}')`,
    target: { context: tab },
    awaitPromise: false,
    serializationOptions: { maxDomDepth: 1, includeShadowTree: 'all' },
  });
  const root = result.type === 'node' ? result.value?.shadowRoot : null;
  if (!root?.sharedId) return null;
  expect(root.value?.mode).toBe('closed');
  return { sharedId: root.sharedId };
}

/** Elements matching `css` inside the panel's root. */
async function inPanel(css: string): Promise<{ sharedId: string }[]> {
  const root = await panelRoot();
  if (!root) return [];
  const { nodes } = await firefox.send<{ nodes: { sharedId: string }[] }>(
    'browsingContext.locateNodes',
    { context: tab, locator: { type: 'css', value: css }, startNodes: [root] },
  );
  return nodes.map(({ sharedId }) => ({ sharedId }));
}

/** Runs `fn` with the first element matching `css` in the panel as its argument; JSON in, JSON out. */
async function onElement<T>(css: string, fn: string, args: unknown[] = []): Promise<T> {
  const [element] = await inPanel(css);
  if (!element) throw new Error(`no ${css} in the panel`);
  const r = await firefox.send<{ result: { value?: string } }>('script.callFunction', {
    functionDeclaration: `(el, ...a) => JSON.stringify((${fn})(el, ...a))`,
    arguments: [
      element,
      ...args.map((value) => ({ type: 'string', value: JSON.stringify(value) })),
    ],
    target: { context: tab },
    awaitPromise: true,
  });
  return (r.result.value === undefined ? undefined : JSON.parse(r.result.value)) as T;
}
const text = (css: string) => onElement<string | null>(css, '(el) => el.textContent');

/** Clicks the first element matching `css` in the panel whose text (or its label's) is `label`. */
async function clickIn(css: string, label?: string) {
  const all = await inPanel(css);
  for (const element of all) {
    const r = await firefox.send<{ result: { value?: string } }>('script.callFunction', {
      functionDeclaration: `(el) => { el.scrollIntoView({ block: 'center' }); return (el.closest('label') ?? el).textContent.trim(); }`,
      arguments: [element],
      target: { context: tab },
      awaitPromise: false,
    });
    if (label === undefined || r.result.value === label) return firefox.click(tab, element);
  }
  throw new Error(`no ${css} ${label ?? ''} in the panel`);
}
async function type(keys: string) {
  await firefox.send('input.performActions', {
    context: tab,
    actions: [
      {
        type: 'key',
        id: 'keyboard',
        actions: [...keys].flatMap((value) => [
          { type: 'keyDown', value },
          { type: 'keyUp', value },
        ]),
      },
    ],
  });
  await firefox.send('input.releaseActions', { context: tab });
}
const ESCAPE = '\uE00C';

const clipboard = async () =>
  firefox.call(await firefox.chromeWindow(), () => navigator.clipboard.readText());
const screenshot = async (name: string) => {
  const { data } = await firefox.send<{ data: string }>('browsingContext.captureScreenshot', {
    context: tab,
    origin: 'document',
  });
  writeFileSync(join(ARTIFACTS, name), Buffer.from(data, 'base64'));
};

beforeAll(async () => {
  pypi = await startFakePypi();
  pypi.routes.set(TOKEN_ROUTE, () =>
    resultPage({ ...USER_TOKEN, scope: 'user', name: 'firefox panel' }),
  );
  pypi.routes.set('pypi.org/manage/account/token/?form', () => creationFormPage(MANY_PROJECTS));
  pypi.routes.set('test.pypi.org/manage/account/token/', () =>
    resultPage({ ...TEST_TOKEN, scope: 'user', site: 'test.pypi.org', name: 'test' }),
  );
  proxy = await startProxy(pypi.port);
  firefox = await launchFirefox(proxy.port);
  await installStorePackage(firefox);
  tab = (await firefox.tabs())[0]?.context as string;
  await firefox.send('browsingContext.setViewport', {
    context: tab,
    viewport: { width: 1024, height: 900 },
  });
  await recordViolations(firefox, SANDBOX);
  mkdirSync(ARTIFACTS, { recursive: true });
}, 60_000);

afterAll(() => closeAll(firefox, proxy, pypi));

describe('Firefox: the narrowing panel on PyPI’s result page', () => {
  it('two projects, 1 hour, Copy: the token checks for exactly those two within the hour', async () => {
    await navigate(`${TOKEN_PAGE}?form`); // the project list is read here
    await navigate(TOKEN_PAGE);
    await expect.poll(panelRoot, { timeout: 10_000 }).not.toBeNull();
    expect(await evaluate(`document.getElementById('${PANEL}').getAttributeNames().join()`)).toBe(
      'id',
    );
    expect(await evaluate(`document.activeElement === document.getElementById('${PANEL}')`)).toBe(
      false,
    );
    expect(await text('h2')).toBe('Narrow this token');

    for (const [typed, name] of [
      ['requ', 'requests'],
      ['urll', 'urllib3'],
    ] as const) {
      await onElement('#projects', '(el) => { el.value = ""; }');
      await clickIn('#projects');
      await type(typed);
      await clickIn('.options label input', name);
    }
    await type(ESCAPE);
    await onElement(
      '#window',
      `(el) => { el.value = '1h'; el.dispatchEvent(new Event('change', { bubbles: true })); }`,
    );
    await expect
      .poll(() => text('[data-testid="summary"]'))
      .toMatch(/^Upload to requests and urllib3 until \d\d:\d\d(?: [AP]M)? \S+ \(in 59 minutes\)$/);
    const now = Math.floor(Date.now() / 1000);
    await clickIn('button.copy');
    await expect.poll(() => text('button.copy')).toMatch(/^Copied token · clears in (60|59) s$/);
    await screenshot('firefox-panel.png');

    const copied = await clipboard();
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
    expect(
      await evaluate(`document.documentElement.outerHTML.includes(${JSON.stringify(copied)})`),
    ).toBe(false);
    // At PyPI's narrow mobile width the panel fits: nothing scrolls sideways.
    await firefox.send('browsingContext.setViewport', {
      context: tab,
      viewport: { width: 360, height: 800 },
    });
    const [scroll, client] = await onElement<[number, number]>(
      '.panel',
      '(el) => [el.scrollWidth, el.clientWidth]',
    );
    expect(scroll).toBeLessThanOrEqual(client);
    expect(await evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await onElement('.panel', "(el) => el.scrollIntoView({ block: 'start' })");
    await firefox
      .send('browsingContext.captureScreenshot', { context: tab })
      .then(({ data }) =>
        writeFileSync(
          join(ARTIFACTS, 'firefox-panel-mobile.png'),
          Buffer.from(data as string, 'base64'),
        ),
      );
    await firefox.send('browsingContext.setViewport', {
      context: tab,
      viewport: { width: 1024, height: 900 },
    });
    expect(await violations()).toEqual([]);
  });

  it('keeps its own language and direction on a right-to-left (Hebrew) PyPI page', async () => {
    const page = () => resultPage({ ...USER_TOKEN, scope: 'user', name: 'firefox panel' });
    pypi.routes.set(TOKEN_ROUTE, () =>
      resultPage({ ...USER_TOKEN, scope: 'user', name: 'firefox panel', lang: 'he' }),
    );
    try {
      await navigate(TOKEN_PAGE);
      await expect.poll(panelRoot, { timeout: 10_000 }).not.toBeNull();
      expect(await evaluate('document.dir')).toBe('rtl');
      const style = `(el) => [el.lang, el.dir, ...[el, el.querySelector('p.muted')].map(
        (e) => getComputedStyle(e).direction)]`;
      expect(await onElement('.panel', style)).toEqual(['en', 'ltr', 'ltr', 'ltr']);
      await screenshot('firefox-panel-rtl.png');
    } finally {
      pypi.routes.set(TOKEN_ROUTE, page);
    }
  });

  it('"Open the full view" opens the view with the same token selected', async () => {
    // Another token captured since: without the hand-over the view would open on that newer one.
    const other = await firefox.openTab('https://test.pypi.org/manage/account/token/');
    await firefox.send('browsingContext.close', { context: other });
    await firefox.send('browsingContext.activate', { context: tab });
    // Watched from a tab on the add-on's own page: it sees every view the click opens (the toolbar
    // popup, or the window the background falls back to), whichever Firefox allows.
    const observer = await firefox.openTab(`${ADDON_ORIGIN}/popup.html`, true);
    await firefox.send('browsingContext.activate', { context: tab });
    await clickIn('button.link', 'Open the full view');
    const opened = () =>
      firefox.call(observer, () =>
        (browser.extension.getViews() as unknown as Window[])
          .filter((w) => w !== window && w.location.pathname === '/popup.html')
          .map((w) => {
            const select = w.document.querySelector<HTMLSelectElement>(
              'select[aria-label="Token"]',
            );
            return select ? [select.value, select.selectedOptions[0]?.textContent ?? ''] : null;
          }),
      );
    await expect
      .poll(opened, { timeout: 10_000 })
      .toEqual([[USER_TOKEN.identifier, expect.stringMatching(/^firefox panel/)]]);
    await firefox.call(observer, () => {
      for (const w of browser.extension.getViews() as unknown as Window[])
        if (w !== window) w.close();
    });
    await firefox.send('browsingContext.close', { context: observer });
  });

  it('with the setting off, the notice shows instead', async () => {
    await setPanelSetting(firefox, false);
    await navigate(TOKEN_PAGE);
    await expect
      .poll(() => evaluate("Boolean(document.getElementById('pypi-token-restrictor-notice'))"), {
        timeout: 10_000,
      })
      .toBe(true);
    expect(await evaluate(`Boolean(document.getElementById('${PANEL}'))`)).toBe(false);
    expect(await violations()).toEqual([]);
  });
});

/** The add-on's API in its own pages, where `firefox.call` callbacks on the observer tab run. */
declare const browser: typeof import('wxt/browser').browser;
