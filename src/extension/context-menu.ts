/**
 * "Restrict token" on selected text: finds the tokens in the selection with the core, hands them (or the
 * reason there is none) to the view through the session store, and opens the view.
 */
import { type Browser, browser } from 'wxt/browser';
import { findTokenTexts } from '@/src/core';
import { t } from '@/src/shared/i18n';
import type { Pending } from '@/src/shared/model';
import { setPending } from './pending';
import { markFrom } from './private-mark';
import { openView } from './toolbar';

export const MENU_ID = 'restrict-token';

/** `tab`: where the text was selected; a private tab's hand-over goes with the private windows. */
export async function restrictSelection(
  selectionText: string | undefined,
  tab?: Browser.tabs.Tab,
): Promise<Pending> {
  const { texts, ...noToken } = findTokenTexts(selectionText ?? '');
  const pending: Pending = {
    ...(texts.length > 0 ? { tokens: texts } : { noToken }),
    ...markFrom(tab),
  };
  await setPending(pending);
  await openView();
  return pending;
}

/**
 * Puts the entry in place, replacing this extension's earlier one: the same result whether the browser
 * kept the menu (Chrome, across worker and browser restarts) or forgot it (Firefox's persistent
 * background page, at every browser start: MDN, menus.create).
 */
export async function registerMenu(): Promise<void> {
  await browser.contextMenus.removeAll();
  await new Promise<void>((ok, fail) => {
    browser.contextMenus.create(
      { id: MENU_ID, title: t('menu_restrict'), contexts: ['selection'] },
      () => {
        const error = browser.runtime.lastError;
        if (error) fail(new Error(error.message));
        else ok();
      },
    );
  });
}

/** Background: registers the entry at every start (not only on install) and answers its clicks. */
export function setupContextMenu(): void {
  registerMenu().catch((e: Error) =>
    console.error(`Could not register the "Restrict token" menu: ${e.message}`),
  );
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === MENU_ID) void restrictSelection(info.selectionText, tab);
  });
}
