/**
 * The hand-over from the "Restrict token" menu to the view: kept in `storage.session` (memory only)
 * and taken (read and removed) by the view when it opens.
 */
import { browser } from 'wxt/browser';

/**
 * The distinct tokens found in the selection (several: the view asks which), or why there is none; or,
 * from the panel on PyPI's page, the captured token to select (by identifier: the token stays where it is).
 */
export type Pending = { tokens: string[] } | { error: string } | { select: string };

const KEY = 'pending';

export async function setPending(p: Pending): Promise<void> {
  await browser.storage.session.set({ [KEY]: p });
}

export async function takePending(): Promise<Pending | undefined> {
  const { [KEY]: p } = await browser.storage.session.get(KEY);
  if (p === undefined) return undefined;
  await browser.storage.session.remove(KEY);
  return p as Pending;
}
