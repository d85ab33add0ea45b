/**
 * The core's error hierarchy. Messages are written for users and never contain a whole token. Each
 * error also carries a stable `code` and the `params` its message interpolates (see `coded.ts`).
 * @module
 */
import type { TextParams } from './coded.ts';

/**
 * Why a text is not a token the core can read (`LoadError`). The first five are `readToken`'s own; the
 * others are the malformed encodings `bytes.ts` and `macaroon.ts` find. None interpolates a value.
 */
export const LOAD_ERROR_CODES = [
  'not-text',
  'too-long',
  'no-prefix',
  'empty-body',
  'fields-not-text',
  'base64-length',
  'base64-malformed',
  'base64-characters',
  'empty',
  'not-macaroon',
  'field-truncated',
  'length-not-canonical',
  'length-too-large',
  'section-past-end',
  'fields-out-of-order',
  'field-past-end',
  'invalid-header',
  'third-party-caveat',
  'invalid-caveat',
  'signature-missing',
  'signature-length',
  'trailing-data',
  'v1-header',
  'v1-length',
  'v1-packet',
  'v1-no-identifier',
] as const;
export type LoadErrorCode = (typeof LOAD_ERROR_CODES)[number];

/** Why `restrict` refuses its restrictions (`InvalidRestrictionError`). */
export const RESTRICTION_ERROR_CODES = [
  'not-an-object',
  'unknown-restriction',
  'window-half',
  'window-empty',
  'time-not-seconds',
  'list-single-string',
  'list-not-array',
  'list-empty',
  'list-not-string',
  'secret-in-value',
  'invalid-project-name',
  'invalid-project-id',
  'invalid-user-id',
  'user-id-not-string',
  'legacy-noop-not-boolean',
  'no-restriction',
  'invalid-encoding',
] as const;
export type RestrictionErrorCode = (typeof RESTRICTION_ERROR_CODES)[number];

/** The other codes: a token `create` or `restrict` cannot write (a plain `TokenError`), a failed `check`. */
export const OTHER_ERROR_CODES = [
  'invalid-version',
  'v1-field-too-large',
  'validation-failed',
] as const;

/**
 * Every code a `TokenError` (of any class) can carry: the three lists' (kept apart, and no list of them
 * all, so that a bundle keeps none it does not use).
 */
export type ErrorCode = LoadErrorCode | RestrictionErrorCode | (typeof OTHER_ERROR_CODES)[number];

/** Base class of every error the core throws on purpose. */
export class TokenError extends Error {
  override name = 'TokenError';
  constructor(
    message: string,
    /** What went wrong, stable across versions and wordings. */
    readonly code: ErrorCode,
    /** The values `message` interpolates, by placeholder name (see `coded.ts`). */
    readonly params: TextParams = {},
  ) {
    super(message);
  }
}

/** The input is not a token the core can read. */
export class LoadError extends TokenError {
  override name = 'LoadError';
  declare readonly code: LoadErrorCode;
  /** Why, as a clause another sentence can embed (e.g. "its base64 is malformed"); never quotes the input. */
  readonly reason: string;
  constructor(message: string, reason: string, code: LoadErrorCode) {
    super(message, code);
    this.reason = reason;
  }
}

/** The restriction asked for is invalid, or would make a token that can never be used. */
export class InvalidRestrictionError extends TokenError {
  override name = 'InvalidRestrictionError';
  declare readonly code: RestrictionErrorCode;
  constructor(message: string, code: RestrictionErrorCode, params?: TextParams) {
    super(message, code, params);
  }
}

/**
 * `Token.check` failed; `failures` lists every reason, in caveat order, the signature last. Its code
 * is `validation-failed`, its one param `failures` (the reasons joined by `; `, pypitoken's English).
 */
export class ValidationError extends TokenError {
  override name = 'ValidationError';
  declare readonly code: 'validation-failed';
  readonly failures: readonly string[];
  constructor(failures: readonly string[]) {
    const joined = failures.join('; ');
    super(`Error while validating token: ${joined}`, 'validation-failed', { failures: joined });
    this.failures = failures;
  }
}

/** A token shortened to its first 12 and last 4 characters: enough to recognise, useless to an attacker. */
export function redact(token: string): string {
  const t = token.trim();
  return t.length <= 20 ? `${t.slice(0, 4)}…` : `${t.slice(0, 12)}…${t.slice(-4)}`;
}
