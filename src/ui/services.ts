/** What the view needs from the browser side, passed in so that tests can give fakes. Types only. */

import type { CapturedToken, CopyOutcome, Pending, ProjectsBySite } from '@/src/shared/model';
import type { Settings } from '@/src/shared/settings';

export interface Services {
  listTokens(): Promise<CapturedToken[]>;
  listProjects(): Promise<ProjectsBySite>;
  forgetToken(identifier: string): Promise<unknown>;
  forgetAll(): Promise<unknown>;
  /** Undo of a forget: puts these tokens back. */
  restoreTokens(tokens: CapturedToken[]): Promise<unknown>;
  takePending(): Promise<Pending | undefined>;
  loadDraft(): Promise<unknown>;
  /** null removes the draft. */
  saveDraft(draft: unknown): Promise<unknown>;
  /** Copies from the user's click and schedules the auto-clear. */
  copy(text: string): Promise<CopyOutcome>;
  /** When the background last failed to empty the clipboard (ms), if it did. */
  clearFailedAt(): Promise<number | null>;
  dismissClearFailure(): Promise<unknown>;
  getSettings(): Promise<Settings>;
  setSettings(patch: Partial<Settings>): Promise<unknown>;
  /** Unix seconds. */
  now(): number;
  close(): void;
}
