/**
 * The view's work in progress (the working token and the form), kept in `storage.session` so that
 * closing and reopening the popup loses nothing. Memory only, like the tokens; the view validates
 * what it reads back and removes the draft with its token.
 */
import { browser } from 'wxt/browser';
import type { PrivateMark } from '@/src/shared/model';
import { markFrom } from './private-mark';
import { defineItem } from './storage';

/** Read as stored: the view checks a draft itself (it knows what its tokens and form may be). */
const draft = defineItem<unknown>('session', 'draft', undefined, (v) => v);

export const loadDraft = (): Promise<unknown> => draft.get();

/**
 * Whether the view runs in a private window. Firefox says so; Chrome runs an extension's pages outside
 * incognito even in an incognito window's popup, so there the window the page belongs to says it.
 */
async function viewMark(): Promise<PrivateMark> {
  if (browser.extension.inIncognitoContext) return markFrom({ incognito: true });
  return markFrom(await browser.windows?.getCurrent());
}

/** Removes the draft (with its token, or with the private windows). */
export const removeDraft = (): Promise<void> => draft.remove();

/**
 * null removes the draft; a view in a private window marks it, so it goes with the private windows.
 * One write at a time: the window is asked first, and an earlier draft must not land after a later
 * one (or after the removal that forgetting its token makes).
 */
export const saveDraft = (next: unknown): Promise<void> =>
  draft.queued(async () =>
    next === null ? draft.remove() : draft.set({ ...(next as object), ...(await viewMark()) }),
  );
