/**
 * "Restrict token" on selected text: finds the tokens in the selection with the core, hands them (or the
 * reason there is none) to the view through the session store, and opens the view.
 */
import { browser } from 'wxt/browser';
import { extractTokens } from '@/src/core';
import { type Pending, setPending } from './pending';

export const MENU_ID = 'restrict-token';

export async function restrictSelection(selectionText: string | undefined): Promise<Pending> {
  const { tokens, reason } = extractTokens(selectionText ?? '');
  const pending: Pending =
    tokens.length > 0
      ? { tokens: tokens.map((t) => t.dump()) }
      : { error: `The selected text holds no PyPI token: ${reason}` };
  await setPending(pending);
  await openView();
  return pending;
}

/** The toolbar popup where the browser allows opening it, else a small extension window. */
async function openView(): Promise<void> {
  const action = browser.action ?? browser.browserAction;
  try {
    await action.openPopup();
  } catch {
    await browser.windows.create({
      url: browser.runtime.getURL('/popup.html'),
      type: 'popup',
      width: 460,
      height: 680,
    });
  }
}

export function setupContextMenu(): void {
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({ id: MENU_ID, title: 'Restrict token', contexts: ['selection'] });
  });
  browser.contextMenus.onClicked.addListener((info) => {
    if (info.menuItemId === MENU_ID) void restrictSelection(info.selectionText);
  });
}
