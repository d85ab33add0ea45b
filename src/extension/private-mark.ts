/**
 * The mark a record from a private window carries (`fromPrivateWindow: true`): how it is given, read,
 * and checked on a stored record. The stores check it; private-windows.ts forgets what carries it.
 */
import type { PrivateMark } from '@/src/shared/model';
import { field } from './storage';

/** The mark for what a tab sent or caused (or a view showed): only a private one's records carry it. */
export const markFrom = (tab: { incognito?: boolean } | undefined): PrivateMark =>
  tab?.incognito === true ? { fromPrivateWindow: true } : {};

export const isMarked = (v: unknown): boolean => field(v, 'fromPrivateWindow') === true;

/** A stored record's mark is as written: absent, or `true`. */
export const markIsValid = (v: unknown): boolean =>
  field(v, 'fromPrivateWindow') === undefined || isMarked(v);
