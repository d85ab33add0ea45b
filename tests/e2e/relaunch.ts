// Stopping the extension's service worker as Chromium does when it idles, and watching its states.
import type { Page } from 'playwright-core';
import type { Browser } from './harness';

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
