/**
 * Byte helpers: base64 in both alphabets, strict UTF-8, comparison.
 * @module
 */
import { base64urlnopad } from '@scure/base';

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

export const utf8 = (s: string): Uint8Array => encoder.encode(s);

/** Decodes UTF-8, or returns undefined when the bytes are not valid UTF-8. */
export function fromUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Encodes as PyPI does: base64url without padding. */
export const toBase64Url = (bytes: Uint8Array): string => base64urlnopad.encode(bytes);

/**
 * Decodes base64url or standard base64, with or without `=` padding, as pymacaroons accepts.
 * Throws on any other character or on a malformed length.
 */
export function fromBase64(text: string): Uint8Array {
  const unpadded = text.replace(/={1,2}$/, '');
  if (/[^A-Za-z0-9+/_-]/.test(unpadded))
    throw new Error('it contains characters that are not base64');
  if (/[+/]/.test(unpadded) && /[-_]/.test(unpadded))
    throw new Error('it mixes two base64 alphabets');
  if (unpadded.length % 4 === 1) throw new Error('its length is not possible for base64');
  const url = unpadded.replace(/\+/g, '-').replace(/\//g, '_');
  return base64urlnopad.decode(url);
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}
