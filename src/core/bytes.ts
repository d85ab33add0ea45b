/**
 * Byte helpers: base64 in both alphabets, strict UTF-8, ASCII, constant-time comparison.
 * The base64 codec is ours because it sits on the hot path of every derivation (a table codec is 3-4x
 * faster than a generic radix one here); it is property-tested against @scure/base and Node's Buffer.
 * @module
 */

/** A malformed encoding; its message completes "This is not a PyPI token: …" and never quotes the input. */
export class FormatError extends Error {}

const encoder = new TextEncoder();
/**
 * `ignoreBOM` keeps a leading U+FEFF, as Python's `bytes.decode('utf-8')` does (pymacaroons decodes caveats,
 * locations and identifiers so): by default a TextDecoder drops it, and `\ufeff[1,["a"]]`, which
 * `json.loads` refuses, would read as a valid caveat.
 */
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export const utf8 = (s: string): Uint8Array => encoder.encode(s);

/**
 * A zeroed byte array carved from a shared 8 KiB slab, as Node's Buffer pool does. A typed array over
 * 64 bytes otherwise gets a backing store of its own outside V8's heap, which costs more to allocate
 * and collect than the two HMACs of a derivation: a token's bytes are about 200.
 */
const SLAB = 8 * 1024;
let slab = new ArrayBuffer(SLAB);
let used = 0;
export function alloc(size: number): Uint8Array {
  if (size > SLAB / 4) return new Uint8Array(size);
  if (used + size > SLAB) {
    slab = new ArrayBuffer(SLAB);
    used = 0;
  }
  const out = new Uint8Array(slab, used, size);
  used += size;
  return out;
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

/**
 * Decodes base64url or standard base64, with or without `=` padding, as pymacaroons accepts.
 * Refuses any other character, an impossible length, and non-zero padding bits (so that no two
 * texts decode to the same token).
 */
export function fromBase64(input: string): Uint8Array {
  const text = input.endsWith('=') ? input.replace(/={1,2}$/, '') : input;
  const rest = text.length % 4;
  if (rest === 1) throw new FormatError('its length is not possible for base64');
  const out = alloc(((text.length - rest) / 4) * 3 + (rest === 0 ? 0 : rest - 1));
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
      throw new FormatError('its base64 is malformed');
    out[j++] = n >> 16;
    if (rest === 3) out[j] = n >> 8;
  }
  if (bad < 0) throw new FormatError('it contains characters that are not base64');
  return out;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}
