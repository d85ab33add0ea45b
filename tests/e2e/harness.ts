// Real-browser harness: a loopback HTTPS server playing pypi.org and test.pypi.org (self-signed
// certificate made at test time) under Warehouse's real Content-Security-Policy, and Debian's Chromium
// with the built extension loaded.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  type BrowserContext,
  type CDPSession,
  chromium,
  type Page,
  type Request,
  type Worker,
} from 'playwright-core';
import { expect } from 'vitest';
import {
  creationFormPage,
  MANY_PROJECTS,
  PYPI_STYLESHEET,
  resultPage,
  TEST_TOKEN,
  USER_TOKEN,
} from '../fixtures/pages';

/** The extension API inside the service worker, where `evaluate` callbacks run. */
declare const chrome: typeof import('wxt/browser').browser;

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const EXTENSION_DIR = resolve('.output/chrome-mv3');
/** The same extension built with the pseudo-locale in English's place (`npm run build:pseudo`). */
export const PSEUDO_EXTENSION_DIR = resolve('.output/chrome-mv3-pseudo');
export const ARTIFACTS = resolve('tests/e2e/artifacts');

/**
 * A page the fake PyPI serves: by method and `host + path`. A body alone is served under Warehouse's
 * policy; `{ body, csp }` serves another one (a test that needs what PyPI forbids, such as a frame).
 */
export type Route = (method: string) => string | { body: string; csp: string } | undefined;

/**
 * Warehouse's Content-Security-Policy for pypi.org's pages (`warehouse/csp.py`, pypi/warehouse at
 * 7e78c7d; the token page merges nothing into it). `camo.url` and `statuspage.url` are deployment
 * settings (CAMO_URL, STATUSPAGE_URL): here pypi.org's values. Serialized as Warehouse does: directives
 * sorted by name, sources in order, joined with "; ".
 */
export const WAREHOUSE_CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'base-uri': ["'self'"],
  'connect-src': [
    "'self'",
    'https://api.github.com/repos/',
    'https://api.github.com/search/issues',
    'https://gitlab.com/api/',
    'https://analytics.python.org',
    'fastly-insights.com',
    '*.fastly-insights.com',
    '*.ethicalads.io',
    'https://api.pwnedpasswords.com',
    'https://cdn.jsdelivr.net/npm/mathjax@3.2.2/es5/sre/mathmaps/',
    'https://2p66nmmycsj3.statuspage.io',
  ],
  'default-src': ["'none'"],
  'font-src': ["'self'", 'fonts.gstatic.com'],
  'form-action': ["'self'", 'https://checkout.stripe.com', 'https://billing.stripe.com'],
  'frame-ancestors': ["'none'"],
  'frame-src': ["'none'"],
  'img-src': [
    "'self'",
    'https://pypi-camo.freetls.fastly.net/',
    '*.fastly-insights.com',
    '*.ethicalads.io',
    'ethicalads.blob.core.windows.net',
  ],
  'script-src': [
    "'self'",
    'https://analytics.python.org',
    '*.fastly-insights.com',
    '*.ethicalads.io',
    'https://donate.python.org',
    "'sha256-U3hKDidudIaxBDEzwGJApJgPEf2mWk6cfMWghrAa6i0='",
    'https://cdn.jsdelivr.net/npm/mathjax@3.2.2/',
    "'sha256-1CldwzdEg2k1wTmf7s5RWVd7NMXI/7nxxjJM2C4DqII='",
    "'sha256-0POaN8stWYQxhzjKS+/eOfbbJ/u4YHO5ZagJvLpMypo='",
  ],
  'style-src': [
    "'self'",
    'fonts.googleapis.com',
    '*.ethicalads.io',
    'donate.python.org',
    "'sha256-2YHqZokjiizkHi1Zt+6ar0XJ0OeEy/egBnlm+MDMtrM='",
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
    "'sha256-JLEjeN9e5dGsz5475WyRaoA4eQOdNPxDIeUhclnJDCE='",
    "'sha256-mQyxHEuwZJqpxCw3SLmc4YOySNKXunyu2Oiz1r3/wAE='",
    "'sha256-OCf+kv5Asiwp++8PIevKBYSgnNLNUZvxAp4a7wMLuKA='",
    "'sha256-h5LOiLhk6wiJrGsG5ItM0KimwzWQH/yAcmoJDJL//bY='",
  ],
  'worker-src': ['*.fastly-insights.com'],
};

export const WAREHOUSE_CSP = Object.entries(WAREHOUSE_CSP_DIRECTIVES)
  .sort(([a], [b]) => (a < b ? -1 : 1))
  .map(([name, sources]) => [name, ...sources].join(' '))
  .join('; ');

const CONTENT_TYPES: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
};
const contentType = (path: string) =>
  CONTENT_TYPES[/\.(\w+)(\?|$)/.exec(path)?.[1] ?? 'html'] ?? CONTENT_TYPES.html;

export interface FakePypi {
  port: number;
  /** Every request it received, as `METHOD host/path`. */
  log: string[];
  routes: Map<string, Route>;
  close(): Promise<void>;
}

/** Starts the HTTPS server on 127.0.0.1 with a fresh self-signed certificate for both hosts. */
export async function startFakePypi(): Promise<FakePypi> {
  const dir = mkdtempSync(join(tmpdir(), 'ptr-cert-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=pypi.org',
      '-addext',
      'subjectAltName=DNS:pypi.org,DNS:test.pypi.org',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  const log: string[] = [];
  const routes = new Map<string, Route>();
  // Every page links the fixtures' stylesheet, as PyPI's pages link theirs: same origin, allowed by CSP.
  for (const host of ['pypi.org', 'test.pypi.org'])
    routes.set(`${host}${PYPI_STYLESHEET.path}`, () => PYPI_STYLESHEET.css);
  const server: Server = createServer(
    { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
    (req, res) => {
      const where = `${req.headers.host?.replace(/:\d+$/, '')}${req.url}`;
      log.push(`${req.method} ${where}`);
      req.resume();
      let body: string | undefined;
      let csp = WAREHOUSE_CSP;
      try {
        const served = routes.get(where)?.(req.method ?? 'GET');
        if (typeof served === 'object') ({ body, csp } = served);
        else body = served;
      } catch (e) {
        // A broken route answers at once (and shows in the log) instead of hanging the page load.
        log.push(`ERROR ${where}: ${(e as Error).message}`);
        res.writeHead(500).end('route failed');
        return;
      }
      // Like Warehouse's tween: the policy on every response, errors included.
      res.writeHead(body === undefined ? 404 : 200, {
        'content-type': body === undefined ? CONTENT_TYPES.html : contentType(req.url ?? ''),
        'content-security-policy': csp,
      });
      res.end(body ?? 'not found');
    },
  );
  rmSync(dir, { recursive: true, force: true });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    port: (server.address() as AddressInfo).port,
    log,
    routes,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

export interface Browser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** Requests made by the extension itself (its worker and pages) to anything but itself. */
  extensionRequests: string[];
  close(): Promise<void>;
}

/**
 * Chromium with the built extension; pypi.org and test.pypi.org resolve to the fake server only. On a
 * fresh profile that `close` deletes, or on `keptProfile`, which outlives it (to restart on it). The
 * narrowing panel is turned off (the result page shows the notice) unless `panel` is set.
 */
export async function launchBrowser(
  port: number,
  keptProfile?: string,
  { panel = false, extension = EXTENSION_DIR }: { panel?: boolean; extension?: string } = {},
): Promise<Browser> {
  const profile = keptProfile ?? mkdtempSync(join(tmpdir(), 'ptr-profile-'));
  mkdirSync(ARTIFACTS, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: false,
    ignoreHTTPSErrors: true,
    args: [
      '--headless=new',
      `--load-extension=${extension}`,
      `--disable-extensions-except=${extension}`,
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // For every profile the browser opens, incognito included: Playwright's `ignoreHTTPSErrors`
      // reaches a window only once it has attached to it, and an incognito window the extension opens
      // may load its page first (the certificate error page then, and no capture: a flaky private suite).
      '--ignore-certificate-errors',
      `--host-resolver-rules=MAP pypi.org 127.0.0.1:${port}, MAP test.pypi.org 127.0.0.1:${port}, MAP * ~NOTFOUND, EXCLUDE localhost`,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  // The suites written for the notice see the notice; the panel's own suite turns the panel on.
  if (!panel) await worker.evaluate(() => chrome.storage.local.set({ showPanel: false }));
  const extensionRequests: string[] = [];
  const own = `chrome-extension://${extensionId}/`;
  const fromExtension = (r: Request) => {
    if (r.url().startsWith(own)) return;
    const origin = r.serviceWorker()?.url() ?? r.frame()?.url() ?? '';
    if (origin.startsWith(own)) extensionRequests.push(r.url());
  };
  context.on('request', fromExtension);
  return {
    context,
    worker,
    extensionId,
    extensionRequests,
    async close() {
      await context.close();
      if (!keptProfile) rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The tokens the extension holds in storage.session, read in its service worker. */
export function sessionTokens(b: Browser): Promise<unknown[]> {
  return b.worker.evaluate(async () => {
    const { tokens } = await chrome.storage.session.get('tokens');
    return (tokens as unknown[] | undefined) ?? [];
  });
}

export function badgeText(b: Browser): Promise<string> {
  return b.worker.evaluate(() => chrome.action.getBadgeText({}));
}

/**
 * Records every Content-Security-Policy violation in the context's pages: the `securitypolicyviolation`
 * events (reported to a binding, so a navigation loses none) and Chromium's console lines about CSP.
 * Each entry names the page, the directive and what was blocked.
 */
export async function recordCspViolations(context: BrowserContext): Promise<string[]> {
  const seen: string[] = [];
  await context.exposeBinding('__ptrCspViolation', ({ frame }, v: string) => {
    seen.push(`${frame.url()}: ${v}`);
  });
  await context.addInitScript(() => {
    const report = (window as unknown as { __ptrCspViolation(v: string): void }).__ptrCspViolation;
    document.addEventListener(
      'securitypolicyviolation',
      (e) =>
        report(
          `${e.effectiveDirective} blocked ${e.blockedURI} (${(e.target as Element | null)?.nodeName ?? '?'} line ${e.lineNumber})`,
        ),
      true,
    );
  });
  context.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(`console: ${m.text().slice(0, 200)}`);
  });
  return seen;
}

/**
 * A click on "Restrict token" through the real `contextMenus.onClicked` event, to the listener the
 * background registered: what it handed over to the view, whether the view took it, and which
 * extension contexts show the view.
 */
export function clickRestrictMenu(
  b: Browser,
  selectionText: string,
): Promise<{ handed: unknown[]; taken: boolean; views: string[] }> {
  return b.worker.evaluate(async (text) => {
    const handed: unknown[] = [];
    chrome.storage.session.onChanged.addListener((changes) => {
      if (changes.pending?.newValue) handed.push(changes.pending.newValue);
    });
    const event = chrome.contextMenus.onClicked as unknown as { dispatch(info: object): void };
    event.dispatch({
      menuItemId: 'restrict-token',
      selectionText: text,
      editable: false,
      pageUrl: 'https://example.org/',
    });
    // The view opens and takes the hand-over: wait until it is gone from the session store.
    for (
      let i = 0;
      i < 100 && (handed.length === 0 || (await chrome.storage.session.get('pending')).pending);
      i++
    ) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const contexts = await chrome.runtime.getContexts({});
    return {
      handed,
      taken: (await chrome.storage.session.get('pending')).pending === undefined,
      views: contexts
        .filter((c) => c.documentUrl?.endsWith('/popup.html'))
        .map((c) => String(c.contextType)),
    };
  }, selectionText);
}

/**
 * PyPI's token page on both sites, as the suites play it: on pypi.org, GET shows the creation form
 * listing a maintainer's 80 projects and the POST response renders the user-scoped fixture token "CI
 * upload" in place; test.pypi.org shows its own fixture token, "test".
 */
export function serveTokenPages(pypi: FakePypi): void {
  pypi.routes.set('pypi.org/manage/account/token/', (method) =>
    method === 'POST'
      ? resultPage({ ...USER_TOKEN, scope: 'user', name: 'CI upload' })
      : creationFormPage(MANY_PROJECTS),
  );
  pypi.routes.set('test.pypi.org/manage/account/token/', () =>
    resultPage({ ...TEST_TOKEN, scope: 'user', site: 'test.pypi.org', name: 'test' }),
  );
}

/**
 * The view's suites start here: a fake pypi.org whose form lists a maintainer's 80 projects and whose
 * result page shows the user-scoped fixture token "CI upload"; Chromium with clipboard access; and,
 * as a user does, the form visited and the token created, so the extension holds it.
 */
export async function pypiWithCapturedToken(): Promise<{ pypi: FakePypi; browser: Browser }> {
  const pypi = await startFakePypi();
  serveTokenPages(pypi);
  const browser = await launchBrowser(pypi.port);
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await createTokenOnPypi(browser);
  if ((await sessionTokens(browser)).length !== 1) throw new Error('the token was not captured');
  return { pypi, browser };
}

/**
 * As a user does on the fake pypi.org: open the token form (the extension reads the project list),
 * create a token named `name`, and wait until the extension holds it.
 */
export async function createTokenOnPypi(b: Browser, name = 'CI upload'): Promise<void> {
  const page = await b.context.newPage();
  await page.goto('https://pypi.org/manage/account/token/');
  await page.locator('#description').fill(name);
  await page.locator('#token_scope').selectOption('scope:user');
  await page.locator('input[type=submit]').click();
  for (let i = 0; i < 100 && (await sessionTokens(b)).length === 0; i++)
    await new Promise((r) => setTimeout(r, 50));
  await page.close();
}

export const PANEL = 'pypi-token-restrictor-panel';
export const NOTICE = 'pypi-token-restrictor-notice';

/** The panel's closed shadow root, reached over CDP: queries run on it, clicks are real mouse clicks. */
export interface Root {
  call<T>(fn: string, ...args: unknown[]): Promise<T>;
  /** Scrolls the element into view and clicks its centre with the mouse (a real user gesture). */
  click(selector: string, text?: string): Promise<void>;
  text(selector: string): Promise<string | null>;
}

export async function panelRoot(page: Page, cdp: CDPSession, id = PANEL): Promise<Root | null> {
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  type Node = (typeof root)['children'] extends (infer N)[] | undefined ? N : never;
  const find = (n: Node): Node | undefined => {
    const attrs = n.attributes ?? [];
    if (attrs[attrs.indexOf('id') + 1] === id && attrs.includes('id')) return n;
    for (const c of n.children ?? []) {
      const f = find(c);
      if (f) return f;
    }
    return undefined;
  };
  const host = find(root);
  const shadow = host?.shadowRoots?.[0];
  if (!shadow) return null;
  expect(shadow.shadowRootType).toBe('closed');
  const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
  const call = async <T>(fn: string, ...args: unknown[]): Promise<T> => {
    const r = await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      functionDeclaration: fn,
      arguments: args.map((value) => ({ value })),
      returnByValue: true,
      awaitPromise: true,
    });
    if (r.exceptionDetails) throw new Error(r.exceptionDetails.text);
    return r.result.value as T;
  };
  return {
    call,
    text: (selector) =>
      call('function (s) { return this.querySelector(s)?.textContent ?? null; }', selector),
    async click(selector, text) {
      const at = await call<[number, number] | null>(
        `function (s, t) {
          const text = (e) => (e.closest('label') ?? e).textContent.trim();
          const el = [...this.querySelectorAll(s)].find((e) => t === undefined || text(e) === t);
          if (!el) return null;
          el.scrollIntoView({ block: 'center' });
          const r = el.getBoundingClientRect();
          return [r.x + r.width / 2, r.y + r.height / 2];
        }`,
        selector,
        text,
      );
      expect(at, `${selector} ${text ?? ''} is in the panel`).not.toBeNull();
      await page.mouse.click(...(at as [number, number]));
    },
  };
}

/**
 * As a user does on the fake pypi.org with the panel on, in a page of `width` x `height`: opens the
 * token form (the project list is read), creates a token, and waits for the panel's closed root,
 * polling every 20 ms for up to `timeoutMs`. A panel that does not come is never silent: the failure
 * quotes what the notice said instead. `ms`: from PyPI's token block to the panel.
 */
export async function createTokenWithPanel(
  b: Browser,
  { width = 1024, height = 900, timeoutMs = 2000 } = {},
): Promise<{ page: Page; cdp: CDPSession; panel: Root; ms: number }> {
  const page = await b.context.newPage();
  await page.setViewportSize({ width, height });
  await page.goto('https://pypi.org/manage/account/token/');
  await page.locator('#description').fill('CI upload');
  await page.locator('#token_scope').selectOption('scope:user');
  await page.locator('input[type=submit]').click();
  await page.locator('#provisioned-key').waitFor();
  const shown = Date.now();
  const cdp = await b.context.newCDPSession(page);
  let panel: Root | null = null;
  for (let i = 0; i < timeoutMs / 20 && !panel; i++) {
    panel = await panelRoot(page, cdp);
    if (!panel) await page.waitForTimeout(20);
  }
  const notice = panel ? null : await panelRoot(page, cdp, NOTICE);
  expect(panel, `the panel appeared; instead: ${await notice?.text('.notice')}`).not.toBeNull();
  return { page, cdp, panel: panel as Root, ms: Date.now() - shown };
}

/** The toolbar popup's real size. */
export const POPUP_SIZE = { width: 400, height: 600 };

/** The view, opened as a page at the toolbar popup's real size, once `heading` shows. */
export async function openView(
  b: Browser,
  heading: string | RegExp = 'Restrict a PyPI token',
): Promise<Page> {
  const page = await b.context.newPage();
  await page.setViewportSize(POPUP_SIZE);
  await page.goto(`chrome-extension://${b.extensionId}/popup.html`);
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  return page;
}

/** Closes, in order, each of a suite's browser and servers that was started (a failed set-up leaves some unset). */
export async function closeAll(
  ...started: ({ close(): Promise<void> } | undefined)[]
): Promise<void> {
  for (const s of started) await s?.close();
}
