/** User settings, kept in `storage.local` (settings only: never a token). */
import { browser } from 'wxt/browser';
import {
  AUTO_CLEAR_CHOICES,
  type AutoClear,
  DEFAULT_AUTO_CLEAR,
  type Settings,
} from '@/src/shared/settings';

const KEYS = { autoClear: 'autoClearSeconds', utc: 'timesInUtc', panel: 'showPanel' } as const;

export async function getSettings(): Promise<Settings> {
  const stored = await browser.storage.local.get(Object.values(KEYS));
  const clear = stored[KEYS.autoClear] as AutoClear;
  return {
    autoClear: AUTO_CLEAR_CHOICES.includes(clear) ? clear : DEFAULT_AUTO_CLEAR,
    utc: stored[KEYS.utc] === true,
    // On unless the user turned it off.
    panel: stored[KEYS.panel] !== false,
  };
}

export async function getAutoClear(): Promise<AutoClear> {
  return (await getSettings()).autoClear;
}

export async function setSettings(patch: Partial<Settings>): Promise<void> {
  const entries = Object.entries(patch).map(([k, v]) => [KEYS[k as keyof Settings], v]);
  await browser.storage.local.set(Object.fromEntries(entries));
}
