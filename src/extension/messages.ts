/**
 * The checks the background runs on whatever arrives, one per message of src/shared/messages.ts: own
 * properties only, every field's type and size, and no token where a name or an identifier goes.
 */

import {
  isValidProjectName,
  looksLikeToken,
  MAX_TOKEN_LENGTH,
  normalizeProjectName,
} from '@/src/core';
import type { Message } from '@/src/shared/messages';
import type { CapturedToken } from '@/src/shared/model';

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

export function isCaptureMessage(m: unknown): m is Message<'capture'> {
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

/**
 * A list as our content script sends it: every name already valid and normalized (`projectName` is how
 * the form is read). One name that is not (a token, markup, an unnormalized name) means the list did not
 * come from reading PyPI's form, so the whole list is refused and the one held stays.
 */
export function isProjectsMessage(m: unknown): m is Message<'projects'> {
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

/** The longest delay a schedule may ask for, in seconds. */
const MAX_DELAY = 600;

export function isScheduleClear(m: unknown): m is Message<'schedule-clipboard-clear'> {
  const o = fields(m);
  const delay = o?.delaySeconds;
  return (
    o?.type === 'schedule-clipboard-clear' &&
    typeof delay === 'number' &&
    Number.isInteger(delay) &&
    delay > 0 &&
    delay <= MAX_DELAY
  );
}

export function isPanelProjectsMessage(m: unknown): m is Message<'panel-projects'> {
  return fields(m)?.type === 'panel-projects';
}

export function isOpenViewMessage(m: unknown): m is Message<'open-view'> {
  const o = fields(m);
  return o?.type === 'open-view' && isIdentifier(o.identifier);
}

/** An identifier as a message may carry it: short text, never token-like. */
const isIdentifier = (v: unknown): v is string =>
  typeof v === 'string' && v.length <= MAX_TEXT && !looksLikeToken(v);

export function isForgetMessage(m: unknown): m is Message<'forget'> {
  const o = fields(m);
  return o?.type === 'forget' && (o.identifier === null || isIdentifier(o.identifier));
}

export function isRestoreMessage(
  m: unknown,
  isToken: (t: unknown) => t is CapturedToken,
): m is Message<'restore'> {
  const o = fields(m);
  return o?.type === 'restore' && Array.isArray(o.tokens) && Array.from(o.tokens).every(isToken);
}
