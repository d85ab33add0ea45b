/**
 * The HMAC-SHA256 signature chain of a token's text: minting, attenuating (appending caveats) and
 * verifying. Token bytes and signatures live only in the scratch, zeroed before each call returns.
 * @module
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { base64Size, decodeBase64, equalBytes, toBase64Url, utf8, withScratch } from './bytes.ts';
import {
  caveatSize,
  encodeMacaroon,
  macaroonSize,
  SIGNATURE_LENGTH,
  signatureSize,
  trailingSignature,
  withMacaroon,
  writeCaveat,
  writeSignature,
} from './macaroon.ts';

const KEY_GENERATOR = utf8('macaroons-key-generator');

/**
 * HMAC-SHA256 written into `out` (which may be `key`: the key is consumed first), so that no signature
 * gets an array of its own that would outlive the call.
 */
function mac(key: Uint8Array, message: Uint8Array, out: Uint8Array): void {
  hmac.create(sha256, key).update(message).digestInto(out);
}

/** The first signature, into `out`: HMAC(HMAC("macaroons-key-generator", rootKey), identifier). */
function rootSignature(rootKey: Uint8Array, identifier: Uint8Array, out: Uint8Array): void {
  mac(KEY_GENERATOR, rootKey, out);
  mac(out, identifier, out);
}

/** The base64url text of a new macaroon without caveats, signed with `rootKey`. */
export function mint(
  version: 1 | 2,
  location: Uint8Array,
  identifier: Uint8Array,
  rootKey: Uint8Array,
): string {
  const unsigned = { version, location, identifier, caveats: [] };
  const size = macaroonSize(unsigned);
  return withScratch(size + SIGNATURE_LENGTH, (scratch) => {
    const bytes = scratch.subarray(0, size);
    const signature = scratch.subarray(size);
    rootSignature(rootKey, identifier, signature);
    encodeMacaroon({ ...unsigned, signature }, bytes);
    return toBase64Url(bytes);
  });
}

/**
 * Attenuation on the text: `body` (a `version` macaroon's canonical base64url, as `readToken` and `mint`
 * give it) with first-party `caveats` (ASCII) appended and the signature chained over them. Base64 maps
 * each 3 bytes to 4 characters, so the text of the whole groups before the signature field is kept as it
 * is: only the tail (0-2 bytes before that field, the old signature, then the new caveats) is decoded
 * and written.
 */
export function attenuate(body: string, version: 1 | 2, caveats: readonly string[]): string {
  const total = base64Size(body);
  const head = total - signatureSize(version);
  const shared = head - (head % 3);
  const kept = (shared / 3) * 4;
  let size = total - shared;
  for (const c of caveats) size += caveatSize(version, c.length);
  return withScratch(size + SIGNATURE_LENGTH, (scratch) => {
    const tail = scratch.subarray(0, total - shared);
    decodeBase64(body.slice(kept), tail);
    // The caveats overwrite the old signature field: the chain starts from a copy of its signature.
    const signature = scratch.subarray(size);
    signature.set(trailingSignature(tail, version));
    let pos = head - shared;
    for (const c of caveats) {
      pos = writeCaveat(scratch, pos, version, c);
      mac(signature, scratch.subarray(pos - 1 - c.length, pos - 1), signature);
    }
    pos = writeSignature(scratch, pos, version, signature);
    return body.slice(0, kept) + toBase64Url(scratch.subarray(0, pos));
  });
}

/** Whether the macaroon that `body` (base64) holds is signed with `rootKey`. */
export function verify(body: string, rootKey: Uint8Array): boolean {
  return withMacaroon(
    body,
    (m, _, signature) => {
      rootSignature(rootKey, m.identifier, signature);
      for (const c of m.caveats) mac(signature, c, signature);
      return equalBytes(signature, m.signature);
    },
    SIGNATURE_LENGTH,
  );
}
