// The keyboard shortcut that opens the view, in real Chromium: the built manifest declares it on the
// action's own command, and Chromium registers it with its suggested key (nothing of Chromium's took it).
// Firefox's: tests/e2e-firefox/shortcut.e2e.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Browser,
  EXTENSION_DIR,
  type FakePypi,
  launchBrowser,
  startFakePypi,
} from './harness';

/** The extension API inside the service worker, where `evaluate` callbacks run. */
declare const chrome: typeof import('wxt/browser').browser;

const SUGGESTED_KEY = { default: 'Alt+Shift+K', mac: 'MacCtrl+Shift+K' };
const builtManifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));

let pypi: FakePypi;
let browser: Browser;

beforeAll(async () => {
  pypi = await startFakePypi();
  browser = await launchBrowser(pypi.port);
});

afterAll(async () => {
  await browser?.close();
  await pypi?.close();
});

describe('the shortcut that opens the view', () => {
  it('is declared on the action in the built Chrome manifest', () => {
    expect(builtManifest(EXTENSION_DIR).commands).toEqual({
      _execute_action: { suggested_key: SUGGESTED_KEY },
    });
  });

  it('is registered by Chromium with its suggested key', async () => {
    const commands = await browser.worker.evaluate(() => chrome.commands.getAll());
    expect(commands).toEqual([
      expect.objectContaining({ name: '_execute_action', shortcut: 'Alt+Shift+K' }),
    ]);
  });
});
