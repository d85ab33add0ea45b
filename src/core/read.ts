/**
 * Reading a token's text into its parts, and telling whether a value is (or carries) a token. Apart
 * from `Token` so that code which only reads tokens (the content script) does not carry HMAC and the
 * caveat parser.
 * @module
 */
import { FormatError, fromUtf8, toBase64Url } from './bytes.ts';
import { LoadError } from './errors.ts';
import { withMacaroon } from './macaroon.ts';

/** Inputs longer than this are refused before any decoding: no real token comes close. */
export const MAX_TOKEN_LENGTH = 64 * 1024;
/** Shorter text never loads: the smallest macaroon is 39 bytes, 52 base64 characters after the prefix. */
export const MIN_TOKEN_LENGTH = 40;

/** A token's text read into its parts: text only, its bytes were zeroed once read. */
export interface TokenParts {
  prefix: string;
  domain: string;
  identifier: string;
  version: 1 | 2;
  /** The base64 text in its canonical form: URL alphabet, no padding. */
  body: string;
  caveats: Caveats;
}

/** Each caveat's text (bytes that are not UTF-8 show as U+FFFD), and whether its bytes are UTF-8 at all. */
export interface Caveats {
  texts: readonly string[];
  utf8: readonly boolean[];
}

/** Reads a token string (surrounding whitespace ignored). Throws `LoadError` with a user-readable reason. */
export function readToken(raw: string): TokenParts {
  if (typeof raw !== 'string')
    throw new LoadError('A token must be given as text.', 'it is not text', 'not-text');
  if (raw.length > MAX_TOKEN_LENGTH)
    throw new LoadError(
      'This text is far too long to be a PyPI token.',
      'it is far too long',
      'too-long',
    );
  const text = raw.trim();
  const dash = text.indexOf('-');
  if (dash < 0)
    throw new LoadError(
      'This is not a PyPI token: it has no prefix such as "pypi-".',
      'it has no prefix such as "pypi-"',
      'no-prefix',
    );
  const body = text.slice(dash + 1);
  if (body === '')
    throw new LoadError(
      'This token is empty after its prefix.',
      'it is empty after its prefix',
      'empty-body',
    );
  try {
    return withMacaroon(body, (m, bytes) => {
      const domain = fromUtf8(m.location);
      const identifier = fromUtf8(m.identifier);
      if (domain === undefined || identifier === undefined) {
        throw new LoadError(
          'This is not a valid PyPI token: its site or identifier is not text.',
          'its site or identifier is not text',
          'fields-not-text',
        );
      }
      // Decoding refuses non-zero padding bits, so text in the URL alphabet without padding is canonical.
      const canonical = /^[\w-]*$/.test(body) ? body : toBase64Url(bytes);
      return {
        prefix: text.slice(0, dash),
        domain,
        identifier,
        version: m.version,
        body: canonical,
        // Read while the bytes are at hand: far cheaper than decoding them again when asked for.
        caveats: caveatsOf(m.caveats),
      };
    });
  } catch (e) {
    if (e instanceof FormatError)
      throw new LoadError(`This is not a valid PyPI token: ${e.message}.`, e.message, e.code);
    throw e;
  }
}

/** The token's canonical text, as `Token.dump` writes it: prefix, `-`, base64url without padding. */
export const tokenText = (t: TokenParts): string => `${t.prefix}-${t.body}`;

/** Keeps a leading BOM as Python does (see `fromUtf8`), so a caveat shows the text PyPI parses. */
const lenientUtf8 = new TextDecoder('utf-8', { ignoreBOM: true });

function caveatsOf(bytes: readonly Uint8Array[]): Caveats {
  const texts: string[] = [];
  const utf8: boolean[] = [];
  for (const c of bytes) {
    const text = fromUtf8(c);
    texts.push(text ?? lenientUtf8.decode(c));
    utf8.push(text !== undefined);
  }
  return { texts, utf8 };
}

/** The caveats of the macaroon whose canonical text is `body` (a `TokenParts` body). */
export const readCaveats = (body: string): Caveats =>
  withMacaroon(body, (m) => caveatsOf(m.caveats));

/**
 * PyPI's leak scanner pattern (`pypi-[A-Za-z0-9-_]{85,}`), widened to the standard base64 alphabet
 * that `load` also accepts. Linear: one character class, no nesting.
 */
const LEAK = /pypi-[\w+/=-]{85,}/i;

/**
 * Whether `value` is, or carries, an API token: it is one (see `isTokenText`), or holds what PyPI's
 * leak scanner would flag. A token must never become a caveat value: anyone reading the derived token
 * would hold it.
 */
export function looksLikeToken(value: string): boolean {
  if (typeof value !== 'string') return false;
  return LEAK.test(value) || isTokenText(value);
}

/** Whether `value` loads as a token with any prefix, or none: the body alone is the secret. */
export function isTokenText(value: string): boolean {
  // Most names are shorter than any token: no need to try.
  if (value.trim().length < MIN_TOKEN_LENGTH) return false;
  return reads(value) || reads(`pypi-${value.trim()}`);
}

function reads(text: string): boolean {
  try {
    readToken(text);
    return true;
  } catch {
    return false;
  }
}
