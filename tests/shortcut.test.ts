// The keyboard shortcut that opens the view, as wxt.config.ts declares it for each build: the action's
// command (`_execute_action` in Chrome's MV3, `_execute_browser_action` in Firefox's MV2, which WXT does
// not rename) with the key the README documents. The built manifests and Chromium's registration are
// checked in tests/e2e/shortcut.e2e.test.ts.
import { describe, expect, it } from 'vitest';
import type { ConfigEnv, UserManifest } from 'wxt';
import config from '../wxt.config';

const SUGGESTED_KEY = { default: 'Alt+Shift+K', mac: 'MacCtrl+Shift+K' };

async function manifest(env: Omit<ConfigEnv, 'mode'>): Promise<UserManifest> {
  const declared = config.manifest;
  if (typeof declared !== 'function')
    throw new Error('wxt.config.ts declares its manifest as a function');
  return declared({ mode: 'production', ...env });
}

describe('the shortcut that opens the view', () => {
  it.each([
    ['Chrome (MV3)', { browser: 'chrome', manifestVersion: 3 }, '_execute_action'],
    ['Firefox (MV2)', { browser: 'firefox', manifestVersion: 2 }, '_execute_browser_action'],
  ] as const)('%s: the action’s own command, and no other', async (_, env, name) => {
    for (const command of ['build', 'serve'] as const) {
      const { commands } = await manifest({ ...env, command });
      expect(commands).toEqual({ [name]: { suggested_key: SUGGESTED_KEY } });
    }
  });

  it('suggests a key each browser accepts: Ctrl or Alt, MacCtrl only for macOS', () => {
    // Chrome's and Firefox's rule for a suggested key: a modifier that is Ctrl or Alt (MacCtrl or
    // Command on macOS), optionally Shift, and one key.
    expect(SUGGESTED_KEY.default).toMatch(/^(Ctrl|Alt)\+(Shift\+)?[A-Z0-9]$/);
    expect(SUGGESTED_KEY.mac).toMatch(/^(MacCtrl|Command|Alt)\+(Shift\+)?[A-Z0-9]$/);
  });
});
