/**
 * The core's error hierarchy. Messages are written for users and never contain a whole token.
 * @module
 */

/** Base class of every error the core throws on purpose. */
export class TokenError extends Error {
  override name = 'TokenError';
}

/** The input is not a token the core can read. */
export class LoadError extends TokenError {
  override name = 'LoadError';
  /** Why, as a clause another sentence can embed (e.g. "its base64 is malformed"); never quotes the input. */
  readonly reason: string;
  constructor(message: string, reason: string) {
    super(message);
    this.reason = reason;
  }
}

/** The restriction asked for is invalid, or would make a token that can never be used. */
export class InvalidRestrictionError extends TokenError {
  override name = 'InvalidRestrictionError';
}

/** `Token.check` failed; `failures` lists every reason, in caveat order, the signature last. */
export class ValidationError extends TokenError {
  override name = 'ValidationError';
  readonly failures: readonly string[];
  constructor(failures: readonly string[]) {
    super(`Error while validating token: ${failures.join('; ')}`);
    this.failures = failures;
  }
}

/** A token shortened to its first 12 and last 4 characters: enough to recognise, useless to an attacker. */
export function redact(token: string): string {
  const t = token.trim();
  return t.length <= 20 ? `${t.slice(0, 4)}…` : `${t.slice(0, 12)}…${t.slice(-4)}`;
}
