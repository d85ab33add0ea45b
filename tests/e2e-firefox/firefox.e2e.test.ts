// The Firefox build in Debian's Firefox ESR, driven over WebDriver BiDi: install the add-on, open PyPI's
// token page (served from loopback as https://pypi.org), and see the token captured into storage.session.
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakePypi, startFakePypi } from '../e2e/harness';
import { creationFormPage, resultPage, USER_TOKEN } from '../fixtures/pages';
import { type Bidi, launchFirefox, startProxy } from './bidi';

let pypi: FakePypi;
let proxy: Awaited<ReturnType<typeof startProxy>>;
let firefox: Bidi;
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

beforeAll(async () => {
  pypi = await startFakePypi();
  pypi.routes.set('pypi.org/manage/account/token/', () =>
    resultPage({ ...USER_TOKEN, scope: 'user', name: 'firefox' }),
  );
  pypi.routes.set('pypi.org/manage/account/token/?form', () => creationFormPage());
  proxy = await startProxy(pypi.port);
  firefox = await launchFirefox(proxy.port);
  await firefox.send('webExtension.install', {
    extensionData: { type: 'path', path: resolve('.output/firefox-mv2') },
  });
  tab = (await firefox.send<{ contexts: { context: string }[] }>('browsingContext.getTree'))
    .contexts[0]?.context as string;
}, 60_000);

afterAll(async () => {
  await firefox?.close();
  await proxy?.close();
  await pypi?.close();
});

describe('Firefox', () => {
  it('captures nothing on the creation form', async () => {
    await navigate('https://pypi.org/manage/account/token/?form');
    await new Promise((r) => setTimeout(r, 1000));
    expect(await notice()).toBe('none');
  });

  it('captures the token shown on the result page into storage.session', async () => {
    // BiDi may not open moz-extension pages, so storage.session is read through the background's
    // answer to the capture: the notice carries the number of tokens the store holds after it.
    await navigate('https://pypi.org/manage/account/token/');
    await expect.poll(notice, { timeout: 10_000 }).toBe('1');
    await navigate('https://pypi.org/manage/account/token/');
    await expect.poll(notice, { timeout: 10_000 }).toBe('1'); // the same token again: de-duplicated
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
