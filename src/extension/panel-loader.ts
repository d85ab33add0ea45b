/**
 * Puts the narrowing panel on PyPI's result page: the background injects the panel's script into the
 * one document that just handed over a token, and remembers which token that was (by identifier), so
 * the panel narrows the token the background holds, not whatever the page shows by then. Nothing is
 * exposed as a web-accessible resource, so no page can probe for the extension; the cost is the
 * `scripting` permission and host permissions for PyPI's two sites.
 */

import { type Browser, browser } from 'wxt/browser';
import { t } from '@/src/shared/i18n';

const PANEL_SCRIPT = '/panel.js';

/** Whether the panel's script ran in the sender's document; if not, the browser's reason. */
export type Injection = { ok: true } | { ok: false; error: string };

/** Which token each document's panel is for, by identifier (a few kept: one per result page open). */
const bound = new Map<string, string>();
const MAX_BOUND = 50;

/** Chrome names the very document; Firefox only the tab and frame (top frame only is trusted). */
const documentKey = (sender: Browser.runtime.MessageSender): string =>
  `${sender.tab?.id}:${(sender as { documentId?: string }).documentId ?? sender.frameId}`;

/** The identifier of the token the panel in the sender's document was injected for, if any. */
export function boundIdentifier(sender: Browser.runtime.MessageSender): string | null {
  return bound.get(documentKey(sender)) ?? null;
}

/** Injects the panel into the sender's document (top frame), bound to the token `identifier`. */
export async function injectPanel(
  sender: Browser.runtime.MessageSender,
  identifier: string,
): Promise<Injection> {
  const tabId = sender.tab?.id;
  if (tabId === undefined) return { ok: false, error: t('panel_not_in_tab') };
  // Chrome names the very document that sent the capture: a page navigated meanwhile gets nothing.
  const documentId = (sender as { documentId?: string }).documentId;
  const target = documentId
    ? { tabId, documentIds: [documentId] }
    : { tabId, frameIds: [sender.frameId ?? 0] };
  const key = documentKey(sender);
  bound.delete(key);
  bound.set(key, identifier);
  if (bound.size > MAX_BOUND) bound.delete(bound.keys().next().value as string);
  try {
    await browser.scripting.executeScript({ target, files: [PANEL_SCRIPT] } as never);
    return { ok: true };
  } catch (e) {
    bound.delete(key);
    // The browser's own words (about the page or the extension, never its content), for the notice.
    return { ok: false, error: String((e as Error)?.message ?? e).slice(0, 200) };
  }
}
