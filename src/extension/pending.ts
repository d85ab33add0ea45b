/**
 * The hand-over from the "Restrict token" menu (or the panel's "Open the full view") to the view: kept
 * in `storage.session` (memory only) and taken (read and removed) by the view when it opens.
 */
import type { Pending } from '@/src/shared/model';
import { markIsValid } from './private-mark';
import { defineItem, field } from './storage';

const isStrings = (v: unknown) =>
  Array.isArray(v) && Array.from(v).every((s) => typeof s === 'string');
const isText = (v: unknown) => v === null || typeof v === 'string';
const isValues = (v: unknown) =>
  v === undefined ||
  (typeof v === 'object' &&
    v !== null &&
    Object.values(v).every((x) => typeof x === 'string' || typeof x === 'number'));
/** Why the selection held no token: texts, codes and values only (see `NoToken`). */
const isNoToken = (v: unknown) =>
  typeof v === 'object' &&
  v !== null &&
  isText(field(v, 'error')) &&
  isText(field(v, 'reason')) &&
  (field(v, 'code') === undefined || isText(field(v, 'code'))) &&
  (field(v, 'whyCode') === undefined || typeof field(v, 'whyCode') === 'string') &&
  isValues(field(v, 'params')) &&
  isValues(field(v, 'whyParams'));

/** One of the three shapes the background writes, with its mark; nothing else. */
const checkPending = (v: unknown): Pending | undefined => {
  if (!markIsValid(v)) return undefined;
  const ok =
    isStrings(field(v, 'tokens')) ||
    isNoToken(field(v, 'noToken')) ||
    typeof field(v, 'select') === 'string';
  return ok ? (v as Pending) : undefined;
};

const pending = defineItem<Pending | undefined>('session', 'pending', undefined, checkPending);

export const setPending = (p: Pending): Promise<void> => pending.set(p);

/** The hand-over still waiting for a view, left in place. */
export const peekPending = (): Promise<Pending | undefined> => pending.get();

export async function takePending(): Promise<Pending | undefined> {
  const p = await pending.get();
  if (p !== undefined) await pending.remove();
  return p;
}
