// Real-browser harness: a loopback HTTPS server playing pypi.org and test.pypi.org (self-signed
// certificate made at test time), and Debian's Chromium with the built extension loaded.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Request, type Worker } from 'playwright-core';

/** The extension API inside the service worker, where `evaluate` callbacks run. */
declare const chrome: typeof import('wxt/browser').browser;

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const EXTENSION_DIR = resolve('.output/chrome-mv3');
export const ARTIFACTS = resolve('tests/e2e/artifacts');

/** A page the fake PyPI serves: by method and `host + path`. */
export type Route = (method: string) => string | undefined;

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
  const server: Server = createServer(
    { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
    (req, res) => {
      const where = `${req.headers.host?.replace(/:\d+$/, '')}${req.url}`;
      log.push(`${req.method} ${where}`);
      req.resume();
      let body: string | undefined;
      try {
        body = routes.get(where)?.(req.method ?? 'GET');
      } catch (e) {
        // A broken route answers at once (and shows in the log) instead of hanging the page load.
        log.push(`ERROR ${where}: ${(e as Error).message}`);
        res.writeHead(500).end('route failed');
        return;
      }
      res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
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

/** Chromium with the built extension; pypi.org and test.pypi.org resolve to the fake server only. */
export async function launchBrowser(port: number): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'ptr-profile-'));
  mkdirSync(ARTIFACTS, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: false,
    ignoreHTTPSErrors: true,
    args: [
      '--headless=new',
      `--load-extension=${EXTENSION_DIR}`,
      `--disable-extensions-except=${EXTENSION_DIR}`,
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--host-resolver-rules=MAP pypi.org 127.0.0.1:${port}, MAP test.pypi.org 127.0.0.1:${port}, MAP * ~NOTFOUND, EXCLUDE localhost`,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
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
      rmSync(profile, { recursive: true, force: true });
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
