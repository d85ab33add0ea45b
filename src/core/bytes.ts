/**
 * Byte helpers: the scratch token bytes pass through, base64 in both alphabets, strict UTF-8,
 * constant-time comparison.
 * The base64 codec is ours because it sits on the hot path of every derivation (a table codec is 3-4x
 * faster than a generic radix one here); it is property-tested against @scure/base and Node's Buffer.
 * @module
 */
import type { LoadErrorCode } from './errors.ts';

/**
 * A malformed encoding; its message completes "This is not a PyPI token: …" and never quotes the input.
 * `code` names it (the `LoadError` that `readToken` makes of it takes it over).
 */
export class FormatError extends Error {
  constructor(
    message: string,
    readonly code: LoadErrorCode,
  ) {
    super(message);
  }
}

const encoder = new TextEncoder();
/**
 * `ignoreBOM` keeps a leading U+FEFF, as Python's `bytes.decode('utf-8')` does (pymacaroons decodes caveats,
 * locations and identifiers so): by default a TextDecoder drops it, and `\ufeff[1,["a"]]`, which
 * `json.loads` refuses, would read as a valid caveat.
 */
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export const utf8 = (s: string): Uint8Array => encoder.encode(s);

/**
 * The one buffer token bytes pass through. Decoding a token's text, attenuating it or checking its
 * signature needs its bytes only while the call runs: they are written here and zeroed before it returns
 * (or throws), so no module state keeps a byte of any token. One buffer reused rather than an array per
 * call: a typed array over 64 bytes gets a backing store of its own outside V8's heap, which costs more
 * to allocate and collect than the two HMACs of a derivation (a token's bytes are about 130).
 */
const SCRATCH = new Uint8Array(8 * 1024);
let scratchInUse = false;

/**
 * Calls `use` with `size` zeroed bytes and zeroes them again once it returns or throws. `use` must not
 * return or keep a view of them. A nested call, or one larger than the shared buffer, gets bytes of its
 * own, zeroed all the same.
 */
export function withScratch<T>(size: number, use: (scratch: Uint8Array) => T): T {
  const shared = !scratchInUse && size <= SCRATCH.length;
  const scratch = shared ? SCRATCH.subarray(0, size) : new Uint8Array(size);
  if (shared) scratchInUse = true;
  try {
    return use(scratch);
  } finally {
    scratch.fill(0);
    if (shared) scratchInUse = false;
  }
}

/** Decodes UTF-8, or returns undefined when the bytes are not valid UTF-8. */
export function fromUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return undefined;
  }
}

const URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** Every 12-bit value as its two characters: one lookup per 1.5 bytes. */
const PAIRS = Array.from(
  { length: 4096 },
  (_, i) => `${URL_ALPHABET[i >> 6]}${URL_ALPHABET[i & 63]}`,
);
/** Character code -> 6-bit value, -1 where not base64. Both alphabets decode. */
const VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) VALUES[URL_ALPHABET.charCodeAt(i)] = i;
VALUES[43] = 62; // '+'
VALUES[47] = 63; // '/'

/** Encodes as PyPI does: base64url without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  const whole = bytes.length - (bytes.length % 3);
  for (let i = 0; i < whole; i += 3) {
    const n =
      ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out += (PAIRS[n >> 12] as string) + (PAIRS[n & 4095] as string);
  }
  const rest = bytes.length - whole;
  if (rest > 0) {
    const n =
      ((bytes[whole] as number) << 16) | (rest === 2 ? (bytes[whole + 1] as number) << 8 : 0);
    out += (PAIRS[n >> 12] as string) + (rest === 2 ? URL_ALPHABET[(n >> 6) & 63] : '');
  }
  return out;
}

const value = (text: string, i: number): number => {
  const code = text.charCodeAt(i);
  return code < 128 ? (VALUES[code] as number) : -1;
};

const unpadded = (input: string): string =>
  input.endsWith('=') ? input.replace(/={1,2}$/, '') : input;

/** How many bytes base64 text decodes to (see `decodeBase64`); throws `FormatError` if no text that long is base64. */
export function base64Size(input: string): number {
  const length = unpadded(input).length;
  if (length % 4 === 1)
    throw new FormatError('its length is not possible for base64', 'base64-length');
  return Math.floor((length * 3) / 4);
}

/**
 * Decodes base64url or standard base64, with or without `=` padding, as pymacaroons accepts, into the
 * first `base64Size(input)` bytes of `out` (that call refuses an impossible length). Refuses any other
 * character, and non-zero padding bits (so that no two texts decode to the same token).
 */
export function decodeBase64(input: string, out: Uint8Array): void {
  const text = unpadded(input);
  const rest = text.length % 4;
  let bad = 0;
  let j = 0;
  const whole = text.length - rest;
  for (let i = 0; i < whole; i += 4) {
    const a = value(text, i);
    const b = value(text, i + 1);
    const c = value(text, i + 2);
    const d = value(text, i + 3);
    bad |= a | b | c | d;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[j++] = n >> 16;
    out[j++] = n >> 8;
    out[j++] = n;
  }
  if (rest > 0) {
    const a = value(text, whole);
    const b = value(text, whole + 1);
    const c = rest === 3 ? value(text, whole + 2) : 0;
    bad |= a | b | c;
    const n = (a << 18) | (b << 12) | (c << 6);
    if (bad >= 0 && (n & (rest === 3 ? 0xff : 0xffff)) !== 0)
      throw new FormatError('its base64 is malformed', 'base64-malformed');
    out[j++] = n >> 16;
    if (rest === 3) out[j] = n >> 8;
  }
  if (bad < 0)
    throw new FormatError('it contains characters that are not base64', 'base64-characters');
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}
