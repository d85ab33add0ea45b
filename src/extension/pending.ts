/**
 * The hand-over from the "Restrict token" menu to the view: kept in `storage.session` (memory only)
 * and taken (read and removed) by the view when it opens.
 */
import { browser } from 'wxt/browser';
import type { Pending, PrivateMark } from '@/src/shared/model';

const KEY = 'pending';

export async function setPending(p: Pending): Promise<void> {
  await browser.storage.session.set({ [KEY]: p });
}

/** The hand-over still waiting for a view, left in place. */
export async function peekPending(): Promise<Pending | undefined> {
  return (await browser.storage.session.get(KEY))[KEY] as Pending | undefined;
}

export async function takePending(): Promise<Pending | undefined> {
  const p = await peekPending();
  if (p === undefined) return undefined;
  await browser.storage.session.remove(KEY);
  return p;
}
