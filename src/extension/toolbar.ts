/**
 * The toolbar button: its badge counts the tokens held, and it opens the view (the toolbar popup where
 * the browser allows opening it, else a small extension window).
 */
import { browser } from 'wxt/browser';
import { tokens } from './token-store';

/** MV3 has `action`; Firefox's MV2 build has `browserAction`. */
const toolbar = () => browser.action ?? browser.browserAction;

export async function openView(): Promise<void> {
  try {
    await toolbar().openPopup();
  } catch {
    await browser.windows.create({
      url: browser.runtime.getURL('/popup.html'),
      type: 'popup',
      width: 460,
      height: 680,
    });
  }
}

const showCount = (n: number) => toolbar().setBadgeText({ text: n > 0 ? String(n) : '' });

/** Background: the badge follows the token store, whoever changed it. */
export function setupBadge(): void {
  tokens.watch((held) => void showCount(held.length));
  void tokens.get().then((held) => showCount(held.length));
}
