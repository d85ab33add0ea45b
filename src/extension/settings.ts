/** User settings, in `storage.local` (settings only: never a token). */
import { browser } from 'wxt/browser';

/** Seconds after a copy when the clipboard is emptied; 0 = never. */
export const AUTO_CLEAR_CHOICES = [0, 30, 60, 120, 300] as const;
export type AutoClear = (typeof AUTO_CLEAR_CHOICES)[number];
export const DEFAULT_AUTO_CLEAR: AutoClear = 60;

export interface Settings {
  autoClear: AutoClear;
  /** Show times in UTC (PyPI's clock) instead of the local zone. */
  utc: boolean;
}

const KEYS = { autoClear: 'autoClearSeconds', utc: 'timesInUtc' } as const;

export async function getSettings(): Promise<Settings> {
  const stored = await browser.storage.local.get(Object.values(KEYS));
  const clear = stored[KEYS.autoClear] as AutoClear;
  return {
    autoClear: AUTO_CLEAR_CHOICES.includes(clear) ? clear : DEFAULT_AUTO_CLEAR,
    utc: stored[KEYS.utc] === true,
  };
}

export async function getAutoClear(): Promise<AutoClear> {
  return (await getSettings()).autoClear;
}

export async function setSettings(patch: Partial<Settings>): Promise<void> {
  const entries = Object.entries(patch).map(([k, v]) => [KEYS[k as keyof Settings], v]);
  await browser.storage.local.set(Object.fromEntries(entries));
}
