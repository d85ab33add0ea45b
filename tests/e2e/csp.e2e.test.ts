// Content-Security-Policy, both ways, in real Chromium: the fake PyPI serves Warehouse's policy and the
// browser enforces it (so capture and the notice are tested under it); the extension's own pages carry
// a policy under which the browser refuses every network request the view might try.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultPage, USER_TOKEN } from '../fixtures/pages';
import {
  type Browser,
  EXTENSION_DIR,
  type FakePypi,
  launchBrowser,
  recordCspViolations,
  sessionTokens,
  startFakePypi,
  WAREHOUSE_CSP,
} from './harness';

let pypi: FakePypi;
let browser: Browser;
let violations: string[];
const TOKEN_PAGE = 'https://pypi.org/manage/account/token/';
const popupUrl = () => `chrome-extension://${browser.extensionId}/popup.html`;

beforeAll(async () => {
  pypi = await startFakePypi();
  pypi.routes.set('pypi.org/manage/account/token/', () =>
    resultPage({ ...USER_TOKEN, scope: 'user', name: 'csp' }),
  );
  pypi.routes.set('pypi.org/', () => 'home');
  pypi.routes.set('pypi.org/?from-pypi', () => 'home');
  browser = await launchBrowser(pypi.port);
  violations = await recordCspViolations(browser.context);
});

afterAll(async () => {
  await browser?.close();
  await pypi?.close();
});

/** Every way a page can reach the network, tried from the page: what each one came to. */
const NETWORK_ATTEMPTS = async (url: string) => {
  const settle = (p: Promise<unknown>) =>
    Promise.race([
      p.then(
        () => 'reached',
        (e: Error) => `refused (${e.name})`,
      ),
      new Promise((ok) => setTimeout(() => ok('no answer'), 3000)),
    ]);
  const xhr = new Promise((ok, fail) => {
    const r = new XMLHttpRequest();
    r.onload = ok;
    r.onerror = () => fail(new Error('xhr error'));
    r.open('GET', `${url}?xhr`);
    r.send();
  });
  const socket = new Promise((ok, fail) => {
    try {
      const ws = new WebSocket(url.replace('https:', 'wss:'));
      ws.onopen = ok;
      ws.onerror = () => fail(new Error('websocket error'));
    } catch (e) {
      fail(e);
    }
  });
  const image = new Promise((ok, fail) => {
    const img = new Image();
    img.onload = ok;
    img.onerror = () => fail(new Error('image error'));
    img.src = `${url}?img`;
  });
  return {
    fetch: await settle(fetch(`${url}?fetch`)),
    xhr: await settle(xhr),
    websocket: await settle(socket),
    image: await settle(image),
    beacon: navigator.sendBeacon(`${url}?beacon`, 'x') ? 'queued' : 'refused',
  };
};

describe('PyPI under Warehouse’s Content-Security-Policy', () => {
  it('is served with Warehouse’s policy, and Chromium enforces it', async () => {
    const page = await browser.context.newPage();
    const response = await page.goto(TOKEN_PAGE);
    expect(response?.headers()['content-security-policy']).toBe(WAREHOUSE_CSP);
    expect(WAREHOUSE_CSP).toMatch(/^base-uri 'self'; connect-src 'self' /);
    expect(WAREHOUSE_CSP).toContain("; default-src 'none'; ");
    expect(WAREHOUSE_CSP).not.toContain('unsafe-inline');
    // The same-origin stylesheet applies...
    expect(await page.evaluate(() => getComputedStyle(document.body).margin)).toBe('0px');
    // ...and an inline style from the page itself is refused, and the recorder sees it (it can fail).
    await page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = 'body { margin: 7px }';
      document.head.append(style);
    });
    expect(await page.evaluate(() => getComputedStyle(document.body).margin)).toBe('0px');
    await expect
      .poll(() => violations.filter((v) => v.includes('style-src-elem blocked inline')))
      .toHaveLength(1);
    // The capture still happened, under the policy.
    await expect.poll(() => sessionTokens(browser)).toHaveLength(1);
    violations.length = 0;
    await page.close();
  });
});

describe('the extension’s own pages', () => {
  it('declare the policy in the built manifest', () => {
    const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
    expect(manifest.content_security_policy).toEqual({
      extension_pages:
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'none'; " +
        "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    });
  });

  it('render the view with no violation of it', async () => {
    const page = await browser.context.newPage();
    await page.goto(popupUrl());
    await page.getByRole('heading', { name: 'Restrict a PyPI token' }).waitFor();
    expect(violations).toEqual([]);
    await page.close();
  });

  it('refuse a fetch (and XHR, WebSocket, image, beacon) from the view to https://pypi.org/', async () => {
    const page = await browser.context.newPage();
    await page.goto(popupUrl());
    const before = pypi.log.length;
    const failed: string[] = [];
    const onFailed = (r: Request) => failed.push(`${r.url()} ${r.failure()?.errorText}`);
    browser.context.on('requestfailed', onFailed);
    const outcome = await page.evaluate(NETWORK_ATTEMPTS, 'https://pypi.org/');
    expect(outcome).toEqual({
      fetch: 'refused (TypeError)',
      xhr: 'refused (Error)',
      websocket: 'refused (Error)',
      image: 'refused (Error)',
      // Chromium queues a beacon and checks the policy when sending it: the log below shows the refusal.
      beacon: 'queued',
    });
    // The browser says why: the extension's connect-src (img-src for the image).
    await expect
      .poll(() =>
        violations
          .filter((v) => v.startsWith(`${popupUrl()}: `))
          .map((v) => v.slice(popupUrl().length + 2).replace(/ \(.*/, ''))
          .sort(),
      )
      .toEqual([
        'connect-src blocked https://pypi.org/?beacon',
        'connect-src blocked https://pypi.org/?fetch',
        'connect-src blocked https://pypi.org/?xhr',
        'connect-src blocked wss://pypi.org/',
        'img-src blocked https://pypi.org/?img',
      ]);
    // And nothing reached the server.
    await new Promise((r) => setTimeout(r, 500));
    expect(pypi.log.slice(before)).toEqual([]);
    // What Chromium let DevTools see of the attempts (some never get that far) failed, blocked by CSP.
    expect(browser.extensionRequests.length).toBeGreaterThan(0);
    for (const url of browser.extensionRequests) expect(failed).toContain(`${url} csp`);
    browser.context.off('requestfailed', onFailed);
    browser.extensionRequests.length = 0;
    violations.length = 0;
    await page.close();
  });

  it('refuse a fetch from the service worker too', async () => {
    const before = pypi.log.length;
    const outcome = await browser.worker.evaluate(() =>
      fetch('https://pypi.org/?worker').then(
        () => 'reached',
        (e: Error) => `refused (${e.name})`,
      ),
    );
    expect(outcome).toBe('refused (TypeError)');
    await new Promise((r) => setTimeout(r, 500));
    expect(pypi.log.slice(before)).toEqual([]);
  });

  it("would have let it through from PyPI’s own page (connect-src 'self'): the server sees that one", async () => {
    const page = await browser.context.newPage();
    await page.goto(TOKEN_PAGE);
    const outcome = await page.evaluate(() =>
      fetch('https://pypi.org/?from-pypi').then(
        (r) => `reached (${r.status})`,
        (e: Error) => `refused (${e.name})`,
      ),
    );
    expect(outcome).toBe('reached (200)');
    expect(pypi.log).toContain('GET pypi.org/?from-pypi');
    await page.close();
  });
});
