/** Sending a message of src/shared/messages.ts from a page or a script, typed by the message map. */
import { browser } from 'wxt/browser';
import type { Message, MessageType, Response } from '@/src/shared/messages';

/** The background's answer, or undefined when none came (the extension was just reloaded or updated). */
export async function send<K extends MessageType>(
  message: Message<K> & { type: K },
): Promise<Response<K> | undefined> {
  try {
    // The one place an answer's type is taken on trust: the router answers each type with its own.
    return (await browser.runtime.sendMessage(message)) as Response<K> | undefined;
  } catch {
    return undefined;
  }
}
