/**
 * Puts the narrowing panel on PyPI's result page: the background injects the panel's script into the
 * one document that just handed over a token. Nothing is exposed as a web-accessible resource, so no
 * page can probe for the extension; the cost is the `scripting` permission and host permissions for
 * the two token pages the content script already runs on.
 */
import { type Browser, browser } from 'wxt/browser';

export const PANEL_SCRIPT = '/panel.js';

/** True when the panel's script ran in the sender's document (top frame). */
export async function injectPanel(sender: Browser.runtime.MessageSender): Promise<boolean> {
  const tabId = sender.tab?.id;
  if (tabId === undefined) return false;
  // Chrome names the very document that sent the capture: a page navigated meanwhile gets nothing.
  const documentId = (sender as { documentId?: string }).documentId;
  const target = documentId
    ? { tabId, documentIds: [documentId] }
    : { tabId, frameIds: [sender.frameId ?? 0] };
  try {
    await browser.scripting.executeScript({ target, files: [PANEL_SCRIPT] } as never);
    return true;
  } catch {
    return false;
  }
}
