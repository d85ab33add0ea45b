/**
 * The view's work in progress (the working token and the form), kept in `storage.session` so that
 * closing and reopening the popup loses nothing. Memory only, like the tokens; the view validates
 * what it reads back and removes the draft with its token.
 */
import { browser } from 'wxt/browser';

const KEY = 'draft';

export async function loadDraft(): Promise<unknown> {
  return (await browser.storage.session.get(KEY))[KEY];
}

export async function saveDraft(draft: unknown): Promise<void> {
  if (draft === null) await browser.storage.session.remove(KEY);
  else await browser.storage.session.set({ [KEY]: draft });
}
