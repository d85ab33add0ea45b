/** User settings, in `storage.local` (settings only: never a token). */
import { browser } from 'wxt/browser';

/** Seconds after a copy when the clipboard is emptied; 0 = never. */
export const AUTO_CLEAR_CHOICES = [0, 30, 60, 120, 300] as const;
export type AutoClear = (typeof AUTO_CLEAR_CHOICES)[number];
export const DEFAULT_AUTO_CLEAR: AutoClear = 60;
const KEY = 'autoClearSeconds';

export async function getAutoClear(): Promise<AutoClear> {
  const { [KEY]: v } = await browser.storage.local.get(KEY);
  return AUTO_CLEAR_CHOICES.includes(v as AutoClear) ? (v as AutoClear) : DEFAULT_AUTO_CLEAR;
}

export async function setAutoClear(v: AutoClear): Promise<void> {
  await browser.storage.local.set({ [KEY]: v });
}
