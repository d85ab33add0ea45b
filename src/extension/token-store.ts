/**
 * The captured tokens, kept in `storage.session` only: browser memory, readable by the extension's own
 * pages and background (not content scripts), gone when the browser closes. Never `storage.local`.
 * Only the background writes them (the view asks it by message), so its one queue orders every write.
 */
import type { CapturedToken } from '@/src/shared/model';
import { SITES } from '@/src/shared/pypi';
import { markIsValid } from './private-mark';
import { defineItem, field, listOf } from './storage';

export const MAX_TOKENS = 20;

const isText = (v: unknown) => typeof v === 'string';
const isLabel = (v: unknown) => v === null || typeof v === 'string';

/** A stored record as the background wrote it; anything else under the key is dropped on reading. */
export function isCapturedToken(v: unknown): v is CapturedToken {
  return (
    isText(field(v, 'identifier')) &&
    isText(field(v, 'token')) &&
    isLabel(field(v, 'name')) &&
    isLabel(field(v, 'scope')) &&
    SITES.includes(field(v, 'site') as never) &&
    Number.isFinite(field(v, 'capturedAt')) &&
    typeof field(v, 'locationMismatch') === 'boolean' &&
    markIsValid(v)
  );
}

/** Newest first. */
export const tokens = defineItem<CapturedToken[]>('session', 'tokens', [], listOf(isCapturedToken));

export const listTokens = (): Promise<CapturedToken[]> => tokens.get();

/** Adds (or refreshes) a token, de-duplicated by identifier, keeping the newest `MAX_TOKENS`. */
export function addToken(t: CapturedToken): Promise<CapturedToken[]> {
  return tokens.update((held) =>
    [t, ...held.filter((x) => x.identifier !== t.identifier)].slice(0, MAX_TOKENS),
  );
}

/** Forgets every token `match` picks, writing only if it picks one; returns the tokens it forgot. */
export async function forgetTokensWhere(
  match: (t: CapturedToken) => boolean,
): Promise<CapturedToken[]> {
  let gone: CapturedToken[] = [];
  await tokens.update((held) => {
    gone = held.filter(match);
    return gone.length ? held.filter((t) => !match(t)) : null;
  });
  return gone;
}

export const forgetToken = (identifier: string) =>
  forgetTokensWhere((t) => t.identifier === identifier);

export const forgetAll = () => forgetTokensWhere(() => true);

/**
 * Puts forgotten tokens back (the view's undo), in their old order; a token captured in the meantime
 * stays first, and the store keeps its size limit.
 */
export function restoreTokens(previous: CapturedToken[]): Promise<CapturedToken[]> {
  return tokens.update((held) => {
    const newer = held.filter((t) => !previous.some((p) => p.identifier === t.identifier));
    return [...newer, ...previous].slice(0, MAX_TOKENS);
  });
}
