// The keyboard shortcut that opens the view, in Debian's Firefox ESR: the built MV2 manifest declares it
// on the browser action's own command (`_execute_browser_action`: WXT does not rename MV3's
// `_execute_action`), and Firefox registers it with its suggested key.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAll, type FakePypi, startFakePypi } from '../e2e/harness';
import { ADDON_ORIGIN, type Firefox, launchFirefox, startProxy } from './bidi';

/** The extension API of the add-on's own page, where `call` callbacks run. */
declare const browser: typeof import('wxt/browser').browser;

const BUILT = resolve('.output/firefox-mv2');
const SUGGESTED_KEY = { default: 'Alt+Shift+K', mac: 'MacCtrl+Shift+K' };

let pypi: FakePypi;
let proxy: Awaited<ReturnType<typeof startProxy>>;
let firefox: Firefox;

beforeAll(async () => {
  pypi = await startFakePypi();
  proxy = await startProxy(pypi.port);
  firefox = await launchFirefox(proxy.port);
  await firefox.send('webExtension.install', { extensionData: { type: 'path', path: BUILT } });
}, 60_000);

afterAll(() => closeAll(firefox, proxy, pypi));

describe('the shortcut that opens the view, in Firefox', () => {
  it('is declared on the browser action in the built manifest', () => {
    const manifest = JSON.parse(readFileSync(join(BUILT, 'manifest.json'), 'utf8'));
    expect(manifest.commands).toEqual({
      _execute_browser_action: { suggested_key: SUGGESTED_KEY },
    });
  });

  it('is registered by Firefox with its suggested key', async () => {
    const view = await firefox.openTab(`${ADDON_ORIGIN}/popup.html`);
    const commands = await firefox.call(view, () => browser.commands.getAll());
    expect(commands).toEqual([
      expect.objectContaining({ name: '_execute_browser_action', shortcut: 'Alt+Shift+K' }),
    ]);
  });
});
