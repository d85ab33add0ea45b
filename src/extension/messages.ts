/**
 * Every runtime message between the content script, the extension's pages and the background: one
 * module used by both sides, with guards the receiving side runs on whatever arrives.
 */
import {
  isValidProjectName,
  looksLikeToken,
  MAX_TOKEN_LENGTH,
  normalizeProjectName,
} from '@/src/core';
import type { SeenProjects } from '@/src/shared/model';

export interface CaptureMessage {
  type: 'capture';
  token: string;
  name: string | null;
  scope: string | null;
}

/** `panel`: the background put the narrowing panel on the page (else the content script shows the notice). */
export type CaptureResponse =
  | { ok: true; held: number; panel: boolean; panelError?: string }
  | { ok: false; error: string };

/** The longest label or project name a message may carry. */
export const MAX_TEXT = 200;
/** The most project names one message may carry. */
export const MAX_PROJECT_NAMES = 5_000;

const isLabel = (v: unknown) => v === null || (typeof v === 'string' && v.length <= MAX_TEXT);

/**
 * The guards read own properties only: whatever arrives was built by someone else, and an inherited
 * `type` or `token` (from a `__proto__` key that became a prototype) is no part of the message.
 */
function fields(m: unknown): Record<string, unknown> | null {
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return null;
  const own: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(m)) own[key] = (m as Record<string, unknown>)[key];
  return own;
}

/** A message's own `type`, when it is a string: what the background dispatches on. */
export function messageType(m: unknown): string | undefined {
  const type = fields(m)?.type;
  return typeof type === 'string' ? type : undefined;
}

export function isCaptureMessage(m: unknown): m is CaptureMessage {
  const o = fields(m);
  return (
    o !== null &&
    o.type === 'capture' &&
    typeof o.token === 'string' &&
    o.token.length <= MAX_TOKEN_LENGTH &&
    isLabel(o.name) &&
    isLabel(o.scope)
  );
}

/** The projects the creation form lists for the signed-in user (normalized names; may be empty). */
export interface ProjectsMessage {
  type: 'projects';
  names: string[];
}

export type ProjectsResponse = { ok: true } | { ok: false; error: string };

/**
 * A list as our content script sends it: every name already valid and normalized (`projectName` is how
 * the form is read). One name that is not (a token, markup, an unnormalized name) means the list did not
 * come from reading PyPI's form, so the whole list is refused and the one held stays.
 */
export function isProjectsMessage(m: unknown): m is ProjectsMessage {
  const o = fields(m);
  return (
    o !== null &&
    o.type === 'projects' &&
    Array.isArray(o.names) &&
    o.names.length <= MAX_PROJECT_NAMES &&
    // Array.from turns the holes of a sparse array (which `every` would skip) into undefined.
    Array.from(o.names).every((n) => typeof n === 'string' && projectName(n) === n)
  );
}

/**
 * A project name as a projects message may carry it: valid (PEP 508), normalized (PEP 503), and never
 * token-like, so no token can become a project name (and later a caveat value). Null for anything else.
 */
export function projectName(raw: string): string | null {
  if (raw.length > MAX_TEXT || !isValidProjectName(raw) || looksLikeToken(raw)) return null;
  return normalizeProjectName(raw);
}

/** From the view after a copy: empty the clipboard in `delaySeconds`. */
export interface ScheduleClearMessage {
  type: 'schedule-clipboard-clear';
  delaySeconds: number;
}

/** From Chrome's background to its offscreen document: empty the clipboard now. */
export interface ClearNowMessage {
  type: 'clear-clipboard';
  target: 'offscreen';
}

/** The longest delay a schedule may ask for, in seconds. */
const MAX_DELAY = 600;

export function isScheduleClear(m: unknown): m is ScheduleClearMessage {
  const o = fields(m) as Partial<ScheduleClearMessage> | null;
  return (
    o?.type === 'schedule-clipboard-clear' &&
    Number.isInteger(o.delaySeconds) &&
    (o.delaySeconds as number) > 0 &&
    (o.delaySeconds as number) <= MAX_DELAY
  );
}

/** From the panel on PyPI's result page: the project list its site's form showed, if one was read. */
export interface PanelProjectsMessage {
  type: 'panel-projects';
}

export type PanelProjectsResponse =
  | { ok: true; projects: SeenProjects | null; identifier: string | null }
  | { ok: false; error: string };

export function isPanelProjectsMessage(m: unknown): m is PanelProjectsMessage {
  return fields(m)?.type === 'panel-projects';
}

/** From the panel: open the full view with this captured token (by its identifier) selected. */
export interface OpenViewMessage {
  type: 'open-view';
  identifier: string;
}

export type OpenViewResponse = { ok: boolean };

export function isOpenViewMessage(m: unknown): m is OpenViewMessage {
  const o = fields(m);
  return (
    o?.type === 'open-view' &&
    typeof o.identifier === 'string' &&
    o.identifier.length <= MAX_TEXT &&
    !looksLikeToken(o.identifier)
  );
}
