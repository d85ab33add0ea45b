/**
 * Private windows: what came from one (a captured token, a menu hand-over, a project list, the view's
 * draft) carries a mark, and the background forgets every marked record once no private window is left.
 */
import { type Browser, browser } from 'wxt/browser';
import type { Pending } from '@/src/shared/model';
import { loadDraft, removeDraft } from './draft';
import { peekPending, takePending } from './pending';
import { isMarked } from './private-mark';
import { forgetProjects } from './project-store';
import { forgetTokensWhere } from './token-store';

/** Every kind of window: an incognito DevTools or app window still keeps the private session alive. */
const ALL_WINDOWS = ['normal', 'popup', 'panel', 'app', 'devtools'] as const;

/** True while a private window is open (on Firefox for Android, which has no windows: a private tab). */
export async function privateWindowOpen(): Promise<boolean> {
  if (!browser.windows) return (await browser.tabs.query({})).some((t) => t.incognito);
  return (await browser.windows.getAll({ windowTypes: [...ALL_WINDOWS] })).some((w) => w.incognito);
}

/**
 * When no private window is left, forgets every marked record, and the draft and hand-over that name a
 * token it forgot (a pasted or derived copy shares the captured token's identifier). True if it did look.
 */
export async function forgetPrivateIfClosed(): Promise<boolean> {
  if (await privateWindowOpen()) return false;
  const gone = new Set((await forgetTokensWhere(isMarked)).map((t) => t.identifier));
  await forgetProjects(isMarked);
  const draft = (await loadDraft()) as { source?: { identifier?: unknown } } | undefined;
  if (isMarked(draft) || gone.has(draft?.source?.identifier as string)) await removeDraft();
  const pending: Pending | undefined = await peekPending();
  if (isMarked(pending) || (pending && 'select' in pending && gone.has(pending.select)))
    await takePending();
  return true;
}

/** A session-store change that wrote a marked record (at the top, or one level down: a list, a map). */
const writesMarked = (changes: Record<string, Browser.storage.StorageChange>): boolean =>
  Object.values(changes).some(
    ({ newValue: v }) =>
      isMarked(v) || (typeof v === 'object' && v !== null && Object.values(v).some(isMarked)),
  );

/**
 * Background: registered at every start, synchronously (Chrome wakes its service worker for these
 * events). Checks when a window closes, when a marked record is written (a capture still in flight as
 * the last private window closed, an open view's undo), and once now, for a close it missed. A check
 * that fails (storage unavailable) is retried by the next close or start.
 */
export function setupPrivateWindows(): void {
  const check = () => void forgetPrivateIfClosed().catch(() => undefined);
  (browser.windows?.onRemoved ?? browser.tabs.onRemoved).addListener(check);
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'session' && writesMarked(changes)) check();
  });
  check();
}
