// Chrome's offscreen document: the one place a MV3 extension can touch the clipboard without a page.
import { browser } from 'wxt/browser';
import { clearClipboardIn } from '@/src/extension/clipboard';
import type { ClearNowMessage } from '@/src/shared/messages';

browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const m = message as Partial<ClearNowMessage> | null;
  if (sender.id !== browser.runtime.id || m?.type !== 'clear-clipboard' || m.target !== 'offscreen')
    return undefined;
  sendResponse(clearClipboardIn(document));
  return true;
});
