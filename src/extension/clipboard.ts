/**
 * Copying a token and emptying the clipboard later. The copy runs in the view, from the click; the
 * clear is scheduled in the background with an alarm so it happens even after the popup closed.
 * Chrome's service worker has no clipboard, so it clears from an offscreen document; Firefox's
 * background page clears directly.
 */
import { type Browser, browser } from 'wxt/browser';
import type { ClearNowMessage, Response } from '@/src/shared/messages';
import type { CopyOutcome } from '@/src/shared/model';
import { isScheduleClear } from './messages';
import { send } from './send';
import { fromOwnPage, trustedSite } from './sender';
import { getAutoClear } from './settings';
import { defineItem } from './storage';

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
    const answer = await send({ type: 'schedule-clipboard-clear', delaySeconds });
    if (answer?.ok !== true) return { clearAt: null, clearFailed: true };
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

const time = (v: unknown) => (Number.isFinite(v) ? (v as number) : undefined);

/** When the last scheduled clear failed (ms since 1970), kept in `storage.session` until one succeeds. */
const clearFailed = defineItem<number | null>('session', 'clipboardClearFailedAt', null, time);

/**
 * When the pending clear is due (ms), in `storage.local`: a time, never what was copied. Alarms do not
 * outlive a Firefox session (nor a Chromium one, for an unpacked extension), so the background sets
 * the alarm again as it starts, and clears at once a clear that fell due while the browser was closed.
 */
const clearDue = defineItem<number | null>('local', 'clipboardClearDueAt', null, time);

/** Runs a scheduled clear and records the outcome, so that the view can say a token may still be there. */
export async function clearScheduled(
  clear: () => Promise<boolean> = clearFromBackground,
): Promise<void> {
  const cleared = await clear().catch(() => false);
  await clearDue.remove();
  if (cleared) await clearFailed.remove();
  else await clearFailed.set(Date.now());
}

function schedule(when: number): void {
  browser.alarms.create(CLEAR_ALARM, { when });
  void clearDue.set(when);
}

/** As the background starts: the clear still pending from before, on time or at once if overdue. */
export async function resumeClear(): Promise<void> {
  const due = await clearDue.get();
  if (due === null) return;
  if (due > Date.now()) await browser.alarms.create(CLEAR_ALARM, { when: due });
  else await clearScheduled();
}

/** The view: when the last clear failed, if it did. */
export const clearFailedAt = (): Promise<number | null> => clearFailed.get();

/** The view: the user has seen the failure. */
export const dismissClearFailure = (): Promise<void> => clearFailed.remove();

interface ChromeOffscreen {
  hasDocument(): Promise<boolean>;
  createDocument(o: { url: string; reasons: string[]; justification: string }): Promise<void>;
  closeDocument(): Promise<void>;
}

/** Background: takes schedules (through the router) and clears on the alarm, or at once if overdue. */
export function setupClipboardClear(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === CLEAR_ALARM) void clearScheduled();
  });
  void resumeClear();
}

/**
 * A copy asks for a clear: from our own pages, and from our panel on a PyPI token page (it copies
 * there), never from any other page. A later copy replaces the earlier schedule: one clear, at the
 * last copy's deadline.
 */
export async function handleScheduleClear(
  message: unknown,
  sender: Browser.runtime.MessageSender,
): Promise<Response<'schedule-clipboard-clear'>> {
  if (!(fromOwnPage(sender) || trustedSite(sender)) || !isScheduleClear(message))
    return { ok: false };
  schedule(Date.now() + message.delaySeconds * 1000);
  return { ok: true };
}
