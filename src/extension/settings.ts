/** User settings, kept in `storage.local` (settings only: never a token), one key each. */
import {
  AUTO_CLEAR_CHOICES,
  type AutoClear,
  DEFAULT_SETTINGS,
  type Settings,
} from '@/src/shared/settings';
import { defineItem } from './storage';

const isBoolean = (v: unknown) => (typeof v === 'boolean' ? v : undefined);

/** Each setting, under the key it has always had; a stored value it does not take reads as the default. */
const ITEMS = {
  autoClear: defineItem<AutoClear>('local', 'autoClearSeconds', DEFAULT_SETTINGS.autoClear, (v) =>
    AUTO_CLEAR_CHOICES.find((c) => c === v),
  ),
  utc: defineItem('local', 'timesInUtc', DEFAULT_SETTINGS.utc, isBoolean),
  panel: defineItem('local', 'showPanel', DEFAULT_SETTINGS.panel, isBoolean),
};

export async function getSettings(): Promise<Settings> {
  const [autoClear, utc, panel] = await Promise.all([
    ITEMS.autoClear.get(),
    ITEMS.utc.get(),
    ITEMS.panel.get(),
  ]);
  return { autoClear, utc, panel };
}

export const getAutoClear = (): Promise<AutoClear> => ITEMS.autoClear.get();

export async function setSettings(patch: Partial<Settings>): Promise<void> {
  const { autoClear, utc, panel } = patch;
  await Promise.all([
    autoClear !== undefined && ITEMS.autoClear.set(autoClear),
    utc !== undefined && ITEMS.utc.set(utc),
    panel !== undefined && ITEMS.panel.set(panel),
  ]);
}
