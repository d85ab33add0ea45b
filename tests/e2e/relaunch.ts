// Chromium with the built extension on a profile that outlives the browser, so a test can close it and
// start it again as a user restarts theirs (harness.ts's launchBrowser deletes its profile on close).
// Also: stopping the extension's service worker as Chromium does when it idles.
import { chromium, type Page } from 'playwright-core';
import { type Browser, CHROMIUM, EXTENSION_DIR } from './harness';

/** Chromium on `profile`, with the flags of harness.ts's launchBrowser; `close` keeps the profile. */
export async function launchOnProfile(port: number, profile: string): Promise<Browser> {
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
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return {
    context,
    worker,
    extensionId: new URL(worker.url()).host,
    extensionRequests: [],
    close: () => context.close(),
  };
}

/** The extension's service worker seen through the DevTools protocol: its states, and a way to stop it. */
export interface WorkerControl {
  /** The states it went through, oldest first: starting, running, stopping, stopped. */
  states: string[];
  /** Stops it as Chromium does when it idles, and waits until it has; the next event starts a new one. */
  stop(): Promise<void>;
  /** Waits until it runs (at once if it does). */
  running(): Promise<void>;
  detach(): Promise<void>;
}

/**
 * Watches the extension's worker from `page` (keep that page open while watching). Playwright keeps one
 * `Worker` for it across a stop and a start: its `evaluate` reaches whichever instance runs, and waits
 * while none does.
 */
export async function controlServiceWorker(b: Browser, page: Page): Promise<WorkerControl> {
  const script = `chrome-extension://${b.extensionId}/background.js`;
  const states: string[] = [];
  const waiters: { state: string; ok(): void }[] = [];
  const cdp = await b.context.newCDPSession(page);
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const v of versions) {
      if (v.scriptURL !== script) continue;
      states.push(v.runningStatus);
      for (const w of waiters.filter((x) => x.state === v.runningStatus)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.ok();
      }
    }
  });
  const reach = (state: string) =>
    states.at(-1) === state
      ? Promise.resolve()
      : new Promise<void>((ok) => waiters.push({ state, ok }));
  await cdp.send('ServiceWorker.enable');
  return {
    states,
    async stop() {
      const stopped = new Promise<void>((ok) => waiters.push({ state: 'stopped', ok }));
      await cdp.send('ServiceWorker.stopAllWorkers');
      await stopped;
    },
    running: () => reach('running'),
    detach: () => cdp.detach(),
  };
}
