/**
 * The two pieces of glue the full view and the panel on PyPI's page share: a clock that ticks each
 * second (countdowns, "in 59 min"), and Copy, which puts the result on the clipboard and records what
 * the background arranged for clearing it.
 */
import { useEffect, useState } from 'preact/hooks';
import { t } from '@/src/shared/i18n';
import type { CopyOutcome } from '@/src/shared/model';
import { errorText } from './core-text';
import type { Action, ViewState } from './state';
import type { View } from './view';

/** Unix seconds, updated every second; `refresh` sets it at once. */
export function useClock(clock: () => number): [now: number, refresh: () => void] {
  const [now, setNow] = useState(clock);
  useEffect(() => {
    const tick = setInterval(() => setNow(clock()), 1000);
    return () => clearInterval(tick);
  }, [clock]);
  return [now, () => setNow(clock())];
}

/** Copy as the Copy button does it: the view's text in the chosen format, the outcome recorded. */
export function copyAction(
  copy: (text: string) => Promise<CopyOutcome>,
  state: ViewState,
  v: View,
  dispatch: (a: Action) => void,
  refreshClock: () => void,
): () => Promise<void> {
  return async () => {
    const text = v.copyText;
    if (text === null) return;
    try {
      const outcome = await copy(text);
      refreshClock(); // the countdown starts from the copy, not from the last tick
      dispatch({ type: 'copied', copied: { text, format: state.format, ...outcome } });
    } catch (e) {
      dispatch({ type: 'copy-failed', error: t('error_copy', { reason: errorText(e) }) });
    }
  };
}
