// Capture and the page notice in Firefox ESR under Warehouse's Content-Security-Policy (served by the
// shared fake PyPI): the token is captured, the notice renders styled, stays styled when a page script
// re-inserts it, and no CSP violation is reported; the creation form's token-shaped text is not captured.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, closeAll, type FakePypi, startFakePypi, WAREHOUSE_CSP } from '../e2e/harness';
import { creationFormPage, PROJECT_TOKEN, resultPage, USER_TOKEN } from '../fixtures/pages';
import { type Firefox, launchFirefox, recordViolations, setPanelSetting, startProxy } from './bidi';

let pypi: FakePypi;
let proxy: Awaited<ReturnType<typeof startProxy>>;
let firefox: Firefox;
let tab: string;
const TOKEN_PAGE = 'https://pypi.org/manage/account/token/';
const NOTICE = "document.getElementById('pypi-token-restrictor-notice')";
/** Our test-only realm: its listener and list are out of the page's sight. */
const SANDBOX = 'ptr-csp';

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
/** Runs in the page's own realm, as PyPI's scripts do. */
const inPage = (expression: string) =>
  firefox.send('script.evaluate', { expression, target: { context: tab }, awaitPromise: false });
/** The count the notice shows, read in its closed shadow root (BiDi serializes closed roots too). */
const noticeCount = async () => {
  const { result } = await firefox.send<{ result: unknown }>('script.evaluate', {
    expression: NOTICE,
    target: { context: tab },
    awaitPromise: false,
    serializationOptions: { maxDomDepth: null, includeShadowTree: 'all' },
  });
  return JSON.stringify(result).match(/"nodeValue":"(\d+) tokens? held in memory/)?.[1] ?? 'none';
};
/** The host's box, which only the notice's own stylesheet (its `:host` rule) places and sizes. */
const noticeLayout = async () =>
  JSON.parse(
    (await evaluate(`(() => {
      const host = ${NOTICE};
      const box = host.getBoundingClientRect();
      const { clientWidth, clientHeight } = document.documentElement;
      return JSON.stringify({
        position: getComputedStyle(host).position,
        zIndex: getComputedStyle(host).zIndex,
        narrow: box.width > 200 && box.width <= 372,
        atBottomRight: Math.round(clientWidth - box.right) === 16 && Math.round(clientHeight - box.bottom) === 16,
      });
    })()`)) as string,
  );
const STYLED = { position: 'fixed', zIndex: '2147483647', narrow: true, atBottomRight: true };
const violations = async () =>
  JSON.parse((await evaluate('JSON.stringify(window.violations)')) as string);
const screenshot = async (name: string) => {
  const { data } = await firefox.send<{ data: string }>('browsingContext.captureScreenshot', {
    context: tab,
  });
  writeFileSync(join(ARTIFACTS, name), Buffer.from(data, 'base64'));
};

beforeAll(async () => {
  pypi = await startFakePypi();
  pypi.routes.set('pypi.org/manage/account/token/', () =>
    resultPage({ ...USER_TOKEN, scope: 'user', name: 'firefox csp' }),
  );
  pypi.routes.set('pypi.org/manage/account/token/?bait', () =>
    creationFormPage(['sampleproject'], PROJECT_TOKEN.token),
  );
  proxy = await startProxy(pypi.port);
  firefox = await launchFirefox(proxy.port);
  await firefox.send('webExtension.install', {
    extensionData: { type: 'path', path: resolve('.output/firefox-mv2') },
  });
  // This suite follows the notice; the panel has its own (panel.e2e.test.ts).
  await setPanelSetting(firefox, false);
  tab = (await firefox.send<{ contexts: { context: string }[] }>('browsingContext.getTree'))
    .contexts[0]?.context as string;
  await recordViolations(firefox, SANDBOX);
  mkdirSync(ARTIFACTS, { recursive: true });
}, 60_000);

afterAll(() => closeAll(firefox, proxy, pypi));

describe('Firefox under Warehouse’s Content-Security-Policy', () => {
  it('captures nothing from token-shaped text on the creation form', async () => {
    await navigate(`${TOKEN_PAGE}?bait`);
    expect(await evaluate("document.querySelector('select').textContent")).toContain(
      PROJECT_TOKEN.token,
    );
    await new Promise((r) => setTimeout(r, 1000));
    expect(await noticeCount()).toBe('none');
    expect(await violations()).toEqual([]);
  });

  it('captures the token and shows the notice styled, with no violation reported', async () => {
    await navigate(TOKEN_PAGE);
    await expect.poll(noticeCount, { timeout: 10_000 }).toBe('1');
    expect(await evaluate(`${NOTICE}.getAttributeNames().join()`)).toBe('id');
    expect(await noticeLayout()).toEqual(STYLED);
    await screenshot('firefox-capture-notice.png');
    // A page script re-inserting the host (a re-render) leaves it styled.
    await inPage(`document.body.prepend(${NOTICE})`);
    expect(await noticeLayout()).toEqual(STYLED);
    expect(await violations()).toEqual([]);
  });

  it('would have seen a violation: the policy is enforced and reported (the check can fail)', async () => {
    // The page's stylesheet applied (same origin); an inline style is refused and reported.
    expect(await evaluate('getComputedStyle(document.body).margin')).toBe('0px');
    await inPage(
      "document.head.append(Object.assign(document.createElement('style'), { textContent: 'body { margin: 7px }' }))",
    );
    await expect.poll(violations).toEqual(['style-src-elem blocked inline (STYLE)']);
    expect(await evaluate('getComputedStyle(document.body).margin')).toBe('0px');
    expect(WAREHOUSE_CSP).not.toContain('unsafe-inline');
  });
});
