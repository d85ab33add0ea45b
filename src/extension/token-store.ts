/**
 * The captured tokens, kept in `storage.session` only: browser memory, readable by the extension's own
 * pages and background (not content scripts), gone when the browser closes. Never `storage.local`.
 */
import { browser } from 'wxt/browser';
import type { CapturedToken, PrivateMark } from '@/src/shared/model';
import type { Site } from '@/src/shared/pypi';

export const MAX_TOKENS = 20;
export const TOKENS_KEY = 'tokens';

/** Newest first. */
export async function listTokens(): Promise<CapturedToken[]> {
  const stored = await browser.storage.session.get(TOKENS_KEY);
  const tokens = stored[TOKENS_KEY];
  return Array.isArray(tokens) ? (tokens as CapturedToken[]) : [];
}

let queue: Promise<unknown> = Promise.resolve();

/** Read-modify-write, one at a time within this context, so two captures never lose each other. */
function update(change: (tokens: CapturedToken[]) => CapturedToken[]): Promise<CapturedToken[]> {
  const next = queue.then(async () => {
    const tokens = change(await listTokens());
    await browser.storage.session.set({ [TOKENS_KEY]: tokens });
    return tokens;
  });
  queue = next.catch(() => undefined);
  return next;
}

/** Adds (or refreshes) a token, de-duplicated by identifier, keeping the newest `MAX_TOKENS`. */
export function addToken(t: CapturedToken): Promise<CapturedToken[]> {
  return update((tokens) =>
    [t, ...tokens.filter((x) => x.identifier !== t.identifier)].slice(0, MAX_TOKENS),
  );
}

export async function forgetToken(identifier: string): Promise<void> {
  await update((tokens) => tokens.filter((x) => x.identifier !== identifier));
}

/** Forgets every token `match` picks, writing only if it picks one; returns the tokens it forgot. */
export async function forgetTokensWhere(
  match: (t: CapturedToken) => boolean,
): Promise<CapturedToken[]> {
  let gone: CapturedToken[] = [];
  if (!(await listTokens()).some(match)) return gone;
  await update((tokens) => {
    gone = tokens.filter(match);
    return tokens.filter((t) => !match(t));
  });
  return gone;
}

export async function forgetAll(): Promise<void> {
  await update(() => []);
}

/**
 * Puts forgotten tokens back (the view's undo), in their old order; a token captured in the meantime
 * stays first, and the store keeps its size limit.
 */
export function restoreTokens(previous: CapturedToken[]): Promise<CapturedToken[]> {
  return update((tokens) => {
    const newer = tokens.filter((t) => !previous.some((p) => p.identifier === t.identifier));
    return [...newer, ...previous].slice(0, MAX_TOKENS);
  });
}
