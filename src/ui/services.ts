/** What the view needs from the browser side, passed in so that tests can give fakes. */
import type { Site } from '@/src/extension/capture';
import type { Pending } from '@/src/extension/pending';
import type { AutoClear } from '@/src/extension/settings';
import type { CapturedToken } from '@/src/extension/token-store';

export interface Services {
  listTokens(): Promise<CapturedToken[]>;
  forgetToken(identifier: string): Promise<void>;
  forgetAll(): Promise<void>;
  takePending(): Promise<Pending | undefined>;
  /** Copies from the user's click and schedules the auto-clear. */
  copy(text: string): Promise<void>;
  getAutoClear(): Promise<AutoClear>;
  setAutoClear(v: AutoClear): Promise<void>;
  /** Unix seconds. */
  now(): number;
  close(): void;
}

/** A token the view works on: captured, pasted, handed over by the menu, or derived. */
export interface Source {
  raw: string;
  label: string;
  site?: Site;
}
