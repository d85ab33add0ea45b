/** The user's settings and their allowed values: shared by the store (src/extension) and the view. */

/** Seconds after a copy when the clipboard is emptied; 0 = never. */
export const AUTO_CLEAR_CHOICES = [0, 30, 60, 120, 300] as const;
export type AutoClear = (typeof AUTO_CLEAR_CHOICES)[number];
export const DEFAULT_AUTO_CLEAR: AutoClear = 60;

export interface Settings {
  autoClear: AutoClear;
  /** Show times in UTC (PyPI's clock) instead of the local zone. */
  utc: boolean;
  /** On PyPI's result page: the narrowing panel (true) or only the notice saying the token was captured. */
  panel: boolean;
}

/** What a user who never opened the settings has: the panel on, local times, a clear after 1 minute. */
export const DEFAULT_SETTINGS: Settings = {
  autoClear: DEFAULT_AUTO_CLEAR,
  utc: false,
  panel: true,
};
