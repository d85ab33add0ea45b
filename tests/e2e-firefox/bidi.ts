// A minimal WebDriver BiDi client and a Firefox launcher: Debian's firefox-esr, headless, its own profile,
// all its traffic through a loopback proxy that only lets pypi.org and test.pypi.org reach the fake PyPI.
// Firefox can be quit and started again on the same profile (a browser restart, as a user has one).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer, type Server, connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import WebSocket from 'ws';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** The add-on's id (wxt.config.ts) and the moz-extension: host the profile gives it (a pref below). */
export const ADDON_ID = '{71178b2c-0d7f-406e-a1d8-e5f7a41acdcd}';
export const ADDON_UUID = '5f0c3f4e-7a51-4f3a-9d0b-6c1e2a7b8d90';
export const ADDON_ORIGIN = `moz-extension://${ADDON_UUID}`;

/** An HTTP CONNECT proxy: tunnels the two PyPI hosts to `port`, refuses and records everything else. */
export async function startProxy(
  port: number,
): Promise<{ port: number; refused: string[]; close(): Promise<void> }> {
  const refused: string[] = [];
  const server: Server = createServer((client) => {
    client.once('data', (chunk) => {
      const [method, target] = chunk.toString('latin1').split(' ');
      if (method === 'CONNECT' && (target === 'pypi.org:443' || target === 'test.pypi.org:443')) {
        const upstream = tcpConnect(port, '127.0.0.1', () => {
          client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
          upstream.pipe(client);
          client.pipe(upstream);
        });
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
      } else {
        refused.push(`${method} ${target}`);
        client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      }
    });
    client.on('error', () => undefined);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    port: (server.address() as AddressInfo).port,
    refused,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

/** A script result: a value that survives JSON, or the page's exception (its message only). */
type Evaluated = { type: 'success'; result: { type: string; value?: unknown } } | ExceptionResult;
interface ExceptionResult {
  type: 'exception';
  exceptionDetails: { text: string };
}

export interface Firefox {
  /** The profile directory: give it to `launchFirefox` again to restart on it. */
  profile: string;
  send<T = Record<string, unknown>>(method: string, params?: Record<string, unknown>): Promise<T>;
  /**
   * Runs `fn(...args)` in a browsing context (a tab, or Firefox's own window: see `chromeWindow`) and
   * returns its result; arguments and result cross as JSON.
   */
  call<T, A extends unknown[]>(
    context: string,
    fn: (...args: A) => T | Promise<T>,
    args?: A,
  ): Promise<T>;
  /**
   * A real mouse click (`button` 2: a right-click) in the middle of `target`: the first match of a CSS
   * selector, or an element already located (e.g. inside a closed shadow root).
   */
  click(context: string, target: string | { sharedId: string }, button?: number): Promise<void>;
  /** A new tab (in the background when asked) showing `url`, loaded. */
  openTab(url: string, background?: boolean): Promise<string>;
  /** The top-level content contexts (tabs), with their URLs. */
  tabs(): Promise<{ context: string; url: string }[]>;
  /** Firefox's own browser window (privileged): its menus, its clipboard. */
  chromeWindow(): Promise<string>;
  /** Quits Firefox as a user does and keeps the profile. */
  quit(): Promise<void>;
  /** Ends Firefox and deletes the profile. */
  close(): Promise<void>;
}

/** Preferences for a Firefox that must not phone home, plus the add-on's fixed moz-extension: host. */
const PREFS: Record<string, string | number | boolean> = {
  'network.proxy.type': 1,
  'network.proxy.http': '127.0.0.1',
  'network.proxy.ssl': '127.0.0.1',
  'network.proxy.no_proxies_on': '',
  'network.proxy.allow_hijacking_localhost': true,
  'network.dns.disablePrefetch': true,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'app.update.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.enabled': false,
  'extensions.update.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  // Mozilla's own test settings for a Firefox that must not phone home.
  'services.settings.server': 'data:,#remote-settings-dummy/v1',
  'extensions.blocklist.enabled': false,
  'browser.region.network.url': '',
  'browser.region.update.enabled': false,
  'browser.topsites.contile.enabled': false,
  'browser.newtabpage.activity-stream.feeds.system.topstories': false,
  'network.trr.mode': 5,
  'browser.ping-centre.telemetry': false,
  'media.gmp-manager.url': 'data:text/plain,',
  'browser.shell.checkDefaultBrowser': false,
  // A permanent install (one that outlives a restart) of the unsigned store package: ESR honours this.
  'xpinstall.signatures.required': false,
  // The add-on's moz-extension: host is random per profile unless set: fixed, the suite can open its pages.
  'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: ADDON_UUID }),
};

/**
 * Firefox on a fresh profile, or on `profile` (a restart), every connection through the proxy.
 * `-remote-allow-system-access` lets BiDi open the add-on's moz-extension: pages and reach Firefox's own
 * window (its context menu, its clipboard): a switch of the test browser, not of the add-on.
 */
export async function launchFirefox(proxyPort: number, profile?: string): Promise<Firefox> {
  const dir = profile ?? mkdtempSync(join(tmpdir(), 'ptr-firefox-'));
  const prefs = {
    ...PREFS,
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl_port': proxyPort,
  };
  writeFileSync(
    join(dir, 'user.js'),
    Object.entries(prefs)
      .map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`)
      .join('\n'),
  );
  const firefox: ChildProcess = spawn(
    FIREFOX,
    [
      '--headless',
      '--no-remote',
      '--profile',
      dir,
      '--remote-debugging-port',
      '0',
      '-remote-allow-system-access',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  const exited = new Promise<void>((ok) => firefox.once('exit', () => ok()));
  const url = await new Promise<string>((ok, fail) => {
    let err = '';
    const timer = setTimeout(
      () => fail(new Error(`Firefox did not start: ${err.slice(-500)}`)),
      30_000,
    );
    firefox.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
      const m = err.match(/WebDriver BiDi listening on (ws:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        ok(`${m[1]}/session`);
      }
    });
    firefox.on('exit', () => fail(new Error(`Firefox exited: ${err.slice(-500)}`)));
  });
  const ws = new WebSocket(url);
  await new Promise((ok, fail) => ws.once('open', ok).once('error', fail));
  let id = 0;
  const waiting = new Map<number, { ok(v: unknown): void; fail(e: Error): void }>();
  ws.on('message', (data) => {
    const m = JSON.parse(data.toString());
    const w = waiting.get(m.id);
    if (!w) return;
    waiting.delete(m.id);
    if (m.type === 'error') w.fail(new Error(`${m.error}: ${m.message}`));
    else w.ok(m.result);
  });
  ws.on('close', () => {
    for (const w of waiting.values()) w.fail(new Error('the BiDi connection closed'));
    waiting.clear();
  });
  const send = <T>(method: string, params: Record<string, unknown> = {}) =>
    new Promise<T>((ok, fail) => {
      waiting.set(++id, { ok: ok as (v: unknown) => void, fail });
      ws.send(JSON.stringify({ id, method, params }));
    });
  await send('session.new', { capabilities: { alwaysMatch: { acceptInsecureCerts: true } } });

  const kill = async () => {
    ws.close();
    try {
      process.kill(-(firefox.pid as number), 'SIGKILL');
    } catch {
      // already gone
    }
    await exited;
  };
  return {
    profile: dir,
    send,
    async call(context, fn, args) {
      const r = await send<Evaluated>('script.callFunction', {
        functionDeclaration: `async (...a) => JSON.stringify(await (${fn.toString()})(...a.map((x) => JSON.parse(x))))`,
        arguments: (args ?? []).map((value) => ({ type: 'string', value: JSON.stringify(value) })),
        target: { context },
        awaitPromise: true,
      }).catch(
        (e: Error) => ({ type: 'exception', exceptionDetails: { text: e.message } }) as const,
      );
      if (r.type === 'exception') throw new Error(`in the page: ${r.exceptionDetails.text}`);
      const json = r.result.value;
      return (typeof json === 'string' ? JSON.parse(json) : undefined) as never;
    },
    async click(context, target, button = 0) {
      let element = typeof target === 'string' ? undefined : target;
      if (typeof target === 'string') {
        const { nodes } = await send<{ nodes: { sharedId: string }[] }>(
          'browsingContext.locateNodes',
          { context, locator: { type: 'css', value: target }, maxNodeCount: 1 },
        );
        const sharedId = nodes[0]?.sharedId;
        if (!sharedId) throw new Error(`no element matches ${target}`);
        element = { sharedId };
      }
      await send('input.performActions', {
        context,
        actions: [
          {
            type: 'pointer',
            id: 'mouse',
            parameters: { pointerType: 'mouse' },
            actions: [
              { type: 'pointerMove', x: 0, y: 0, origin: { type: 'element', element } },
              { type: 'pointerDown', button },
              { type: 'pointerUp', button },
            ],
          },
        ],
      });
      await send('input.releaseActions', { context });
    },
    async openTab(url, background = false) {
      const { context } = await send<{ context: string }>('browsingContext.create', {
        type: 'tab',
        background,
      });
      await send('browsingContext.navigate', { context, url, wait: 'complete' });
      return context;
    },
    async tabs() {
      const tree = await send<{ contexts: { context: string; url: string }[] }>(
        'browsingContext.getTree',
        { maxDepth: 0 },
      );
      return tree.contexts.map(({ context, url }) => ({ context, url }));
    },
    async chromeWindow() {
      const tree = await send<{ contexts: { context: string; url: string }[] }>(
        'browsingContext.getTree',
        { maxDepth: 0, 'moz:scope': 'chrome' },
      );
      const win = tree.contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml');
      if (!win) throw new Error('no browser window');
      return win.context;
    },
    async quit() {
      // browser.close ends the session and shuts Firefox down cleanly (prefs, add-on database, storage).
      await send('browser.close').catch(() => undefined);
      const timeout = new Promise<'timeout'>((ok) => setTimeout(() => ok('timeout'), 20_000));
      if ((await Promise.race([exited, timeout])) === 'timeout') await kill();
      ws.close();
    },
    async close() {
      await send('session.end').catch(() => undefined);
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Turns the narrowing panel on or off (`storage.local`, as the view's Settings does) from a tab on the
 * add-on's own page, then closes that tab. The suites written for the notice turn it off.
 */
export async function setPanelSetting(firefox: Firefox, on: boolean): Promise<void> {
  const context = await firefox.openTab(`${ADDON_ORIGIN}/popup.html`);
  await firefox.call(
    context,
    (show: boolean) =>
      (
        globalThis as unknown as {
          browser: { storage: { local: { set(v: object): Promise<void> } } };
        }
      ).browser.storage.local.set({ showPanel: show }),
    [on],
  );
  await firefox.send('browsingContext.close', { context });
}

/** The Firefox store package, made as `npm run zip` makes it: the suites install exactly what AMO gets. */
export function storePackage(): string {
  const zip = spawnSync('npx', ['wxt', 'zip', '-b', 'firefox'], { encoding: 'utf8' });
  if (zip.status !== 0) throw new Error(`wxt zip failed: ${zip.stderr.slice(-500)}`);
  const name = readdirSync('.output').find((f) => f.endsWith('-firefox.zip'));
  if (!name) throw new Error('wxt zip made no -firefox.zip');
  return resolve('.output', name);
}

/** Installs the store package for good, as a user installs what AMO ships (it outlives a restart). */
export async function installStorePackage(firefox: Firefox): Promise<void> {
  await firefox.send('webExtension.install', {
    extensionData: { type: 'archivePath', path: storePackage() },
    'moz:permanent': true,
  });
}

/**
 * Makes every page record its CSP violations in `window.violations`, from before its first script
 * runs, in the test's own `sandbox` realm (out of the page's sight).
 */
export async function recordViolations(firefox: Firefox, sandbox: string): Promise<void> {
  await firefox.send('script.addPreloadScript', {
    functionDeclaration: `() => {
      window.violations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.violations.push(e.effectiveDirective + ' blocked ' + e.blockedURI + ' (' + (e.target && e.target.nodeName) + ')');
      }, true);
    }`,
    sandbox,
  });
}
