/**
 * Every runtime message, as one map from its `type` to what it carries and what it is answered with.
 * Senders type their messages and read their answers from here; the background's router has one
 * handler per entry (src/extension/router.ts), each checking what arrives with src/extension/messages.ts.
 */
import type { CapturedToken, SeenProjects } from './model';

export interface MessageMap {
  /** From the content script on a result page: the token PyPI just showed. */
  capture: {
    message: { type: 'capture'; token: string; name: string | null; scope: string | null };
    /** `panel`: the background put the narrowing panel on the page (else the content script shows the notice, with why). */
    response:
      | { ok: true; held: number; panel: boolean; panelError?: string }
      | { ok: false; error: string };
  };
  /** From the content script on the creation form: the user's projects (normalized names; may be empty). */
  projects: {
    message: { type: 'projects'; names: string[] };
    response: { ok: true } | { ok: false; error: string };
  };
  /** From the panel: which token it is for (by identifier) and its site's project list, if one was read. */
  'panel-projects': {
    message: { type: 'panel-projects' };
    response:
      | { ok: true; projects: SeenProjects | null; identifier: string | null }
      | { ok: false; error: string };
  };
  /** From the panel: open the full view with this captured token (by its identifier) selected. */
  'open-view': {
    message: { type: 'open-view'; identifier: string };
    response: { ok: boolean };
  };
  /** From the view or the panel after a copy: empty the clipboard in `delaySeconds`. */
  'schedule-clipboard-clear': {
    message: { type: 'schedule-clipboard-clear'; delaySeconds: number };
    response: { ok: boolean };
  };
  /** From the view: forget one held token, or all (the background is the only writer of the tokens). */
  forget: {
    message: { type: 'forget'; identifier: string | null };
    response: { ok: boolean };
  };
  /** From the view's Undo: put these forgotten tokens back. */
  restore: {
    message: { type: 'restore'; tokens: CapturedToken[] };
    response: { ok: boolean };
  };
}

export type MessageType = keyof MessageMap;
export type Message<K extends MessageType> = MessageMap[K]['message'];
export type Response<K extends MessageType> = MessageMap[K]['response'];

/** From Chrome's background to its offscreen document (answered there, not by the router): clear now. */
export interface ClearNowMessage {
  type: 'clear-clipboard';
  target: 'offscreen';
}
