/**
 * Copying a token and emptying the clipboard later. The copy runs in the view, from the click; the
 * clear is scheduled in the background with an alarm so it happens even after the popup closed.
 * Chrome's service worker has no clipboard, so it clears from an offscreen document; Firefox's
 * background page clears directly.
 */
import { browser } from 'wxt/browser';
import type { CopyOutcome } from '@/src/shared/model';
import { type ClearNowMessage, isScheduleClear, type ScheduleClearMessage } from './messages';
import { trustedSite } from './sender';
import { getAutoClear } from './settings';

export const CLEAR_ALARM = 'clear-clipboard';

/**
 * Copies `text` (call from a user gesture) and schedules the clear the settings ask for. Throws only
 * when the copy itself failed; a clear that could not be scheduled is reported, not thrown.
 */
export async function copyText(text: string): Promise<CopyOutcome> {
  await navigator.clipboard.writeText(text);
  try {
    const delaySeconds = await getAutoClear();
    if (delaySeconds === 0) return { clearAt: null, clearFailed: false };
    const message: ScheduleClearMessage = { type: 'schedule-clipboard-clear', delaySeconds };
    await browser.runtime.sendMessage(message);
    return { clearAt: Date.now() + delaySeconds * 1000, clearFailed: false };
  } catch {
    return { clearAt: null, clearFailed: true };
  }
}

/** Empties the clipboard from a document that may not have focus (offscreen or background page). */
export function clearClipboardIn(doc: Document): boolean {
  const onCopy = (e: ClipboardEvent) => {
    e.clipboardData?.setData('text/plain', '');
    e.preventDefault();
  };
  doc.addEventListener('copy', onCopy);
  try {
    return doc.execCommand('copy');
  } finally {
    doc.removeEventListener('copy', onCopy);
  }
}

/** Empties the clipboard from the background; true when the browser says it did. */
async function clearFromBackground(): Promise<boolean> {
  if (typeof document !== 'undefined') return clearClipboardIn(document); // Firefox: the background is a page
  const url = browser.runtime.getURL('/offscreen.html');
  const offscreen = (browser as unknown as { offscreen: ChromeOffscreen }).offscreen;
  if (!(await offscreen.hasDocument())) {
    await offscreen.createDocument({
      url,
      reasons: ['CLIPBOARD'],
      justification: 'Empty the clipboard after a token was copied',
    });
  }
  const message: ClearNowMessage = { type: 'clear-clipboard', target: 'offscreen' };
  const cleared = (await browser.runtime.sendMessage(message)) === true;
  await offscreen.closeDocument();
  return cleared;
}

/** When the last scheduled clear failed (ms since 1970), kept in `storage.session` until one succeeds. */
export const CLEAR_FAILED_KEY = 'clipboardClearFailedAt';

/**
 * When the pending clear is due (ms), in `storage.local`: a time, never what was copied. Alarms do not
 * outlive a Firefox session (nor a Chromium one, for an unpacked extension), so the background sets
 * the alarm again as it starts, and clears at once a clear that fell due while the browser was closed.
 */
const CLEAR_DUE_KEY = 'clipboardClearDueAt';

/** Runs a scheduled clear and records the outcome, so that the view can say a token may still be there. */
export async function clearScheduled(
  clear: () => Promise<boolean> = clearFromBackground,
): Promise<void> {
  const cleared = await clear().catch(() => false);
  await browser.storage.local.remove(CLEAR_DUE_KEY);
  if (cleared) await browser.storage.session.remove(CLEAR_FAILED_KEY);
  else await browser.storage.session.set({ [CLEAR_FAILED_KEY]: Date.now() });
}

function schedule(when: number): void {
  browser.alarms.create(CLEAR_ALARM, { when });
  void browser.storage.local.set({ [CLEAR_DUE_KEY]: when });
}

/** As the background starts: the clear still pending from before, on time or at once if overdue. */
export async function resumeClear(now: number = Date.now()): Promise<void> {
  const due = (await browser.storage.local.get(CLEAR_DUE_KEY))[CLEAR_DUE_KEY];
  if (typeof due !== 'number') return;
  if (due > now) await browser.alarms.create(CLEAR_ALARM, { when: due });
  else await clearScheduled();
}

/** The view: when the last clear failed, if it did. */
export async function clearFailedAt(): Promise<number | null> {
  const at = (await browser.storage.session.get(CLEAR_FAILED_KEY))[CLEAR_FAILED_KEY];
  return typeof at === 'number' ? at : null;
}

/** The view: the user has seen the failure. */
export async function dismissClearFailure(): Promise<void> {
  await browser.storage.session.remove(CLEAR_FAILED_KEY);
}

interface ChromeOffscreen {
  hasDocument(): Promise<boolean>;
  createDocument(o: { url: string; reasons: string[]; justification: string }): Promise<void>;
  closeDocument(): Promise<void>;
}

/**
 * Background: takes schedules from our own pages and from our script on a PyPI token page (the panel
 * copies there), never from any other page; clears on the alarm.
 */
export function setupClipboardClear(): void {
  browser.runtime.onMessage.addListener((message, sender) => {
    const fromOurPage =
      sender.id === browser.runtime.id && sender.url?.startsWith(browser.runtime.getURL('/'));
    if (!(fromOurPage || trustedSite(sender)) || !isScheduleClear(message)) return undefined;
    // A later copy replaces the earlier schedule: one clear, at the last copy's deadline.
    schedule(Date.now() + message.delaySeconds * 1000);
    return undefined;
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === CLEAR_ALARM) void clearScheduled();
  });
  void resumeClear();
}
