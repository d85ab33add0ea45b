/**
 * The view's requests to the background, the only writer of the held tokens: Forget (one or all) and
 * its Undo. Taken only from this extension's own pages.
 */
import type { Browser } from 'wxt/browser';
import { readToken } from '@/src/core';
import type { Response } from '@/src/shared/messages';
import type { CapturedToken } from '@/src/shared/model';
import { isForgetMessage, isRestoreMessage } from './messages';
import { fromOwnPage } from './sender';
import { forgetAll, forgetToken, isCapturedToken, restoreTokens } from './token-store';

export async function handleForget(
  message: unknown,
  sender: Browser.runtime.MessageSender,
): Promise<Response<'forget'>> {
  if (!fromOwnPage(sender) || !isForgetMessage(message)) return { ok: false };
  await (message.identifier === null ? forgetAll() : forgetToken(message.identifier));
  return { ok: true };
}

/** A record the view got from the store and hands back: its token still loads, with its identifier. */
function isHeldRecord(v: unknown): v is CapturedToken {
  if (!isCapturedToken(v)) return false;
  try {
    return readToken(v.token).identifier === v.identifier;
  } catch {
    return false;
  }
}

export async function handleRestore(
  message: unknown,
  sender: Browser.runtime.MessageSender,
): Promise<Response<'restore'>> {
  if (!fromOwnPage(sender) || !isRestoreMessage(message, isHeldRecord)) return { ok: false };
  await restoreTokens(message.tokens);
  return { ok: true };
}
