/**
 * Macaroon codec (pymacaroons' V2 binary and V1 packet formats) and the HMAC-SHA256 signature chain.
 * Stricter than pymacaroons where laxness only hides damage: trailing bytes, third-party caveats and
 * signatures that are not 32 bytes are refused.
 * @module
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { alloc, FormatError, utf8 } from './bytes.ts';
import { TokenError } from './errors.ts';

export interface Macaroon {
  readonly version: 1 | 2;
  readonly location: Uint8Array;
  readonly identifier: Uint8Array;
  readonly caveats: readonly Uint8Array[];
  readonly signature: Uint8Array;
}

const fail = (why: string): never => {
  throw new FormatError(why);
};

const KEY_GENERATOR = utf8('macaroons-key-generator');
const SIGNATURE_LENGTH = 32;

/** The first signature: HMAC(HMAC("macaroons-key-generator", rootKey), identifier). */
export function rootSignature(rootKey: Uint8Array, identifier: Uint8Array): Uint8Array {
  return hmac(sha256, hmac(sha256, KEY_GENERATOR, rootKey), identifier);
}

/** Appending a first-party caveat: the new signature is HMAC(previous signature, caveat). */
export function chainSignature(signature: Uint8Array, caveat: Uint8Array): Uint8Array {
  return hmac(sha256, signature, caveat);
}

export function decodeMacaroon(bytes: Uint8Array): Macaroon {
  if (bytes.length === 0) fail('it is empty');
  if (bytes[0] === 2) return decodeV2(bytes);
  if (isAsciiHex(bytes[0] as number)) return decodeV1(bytes);
  return fail('it is not in a macaroon format (neither V2 binary nor V1)');
}

export function encodeMacaroon(m: Macaroon): Uint8Array {
  const w = WRITERS[m.version];
  return join(w.header(m), ...m.caveats.map(w.caveat), w.signature(m.signature));
}

/**
 * Attenuation: `m` with first-party `caveats` (ASCII texts) appended and the signature chained over
 * them, serialized by splicing onto `bytes` (the serialization of `m`). Only the tail is written, in
 * one allocation, the caveats straight into it: restricting costs the new caveats, not the token.
 * `unchanged` is how many leading bytes are shared with `bytes`.
 */
export function attenuate(
  m: Macaroon,
  bytes: Uint8Array,
  caveats: readonly string[],
): { macaroon: Macaroon; bytes: Uint8Array; unchanged: number } {
  const v2 = m.version === 2;
  // The signature field ends every serialization and has a fixed size (32-byte signatures only).
  const head = bytes.length - (v2 ? 3 + SIGNATURE_LENGTH : V1_SIGNATURE_PACKET);
  let size = bytes.length;
  for (const c of caveats) {
    if (!v2 && V1_CAVEAT_FRAMING + c.length > MAX_PACKET) throw new TokenError(V1_TOO_LONG);
    size += (v2 ? 2 + uvarintLength(c.length) : V1_CAVEAT_FRAMING) + c.length;
  }
  const out = alloc(size);
  // All of it (no subarray to allocate): the old signature field is overwritten below.
  out.set(bytes);
  let pos = head;
  const added: Uint8Array[] = [];
  let signature = m.signature;
  for (const c of caveats) {
    if (v2) {
      out[pos++] = IDENTIFIER;
      pos = writeUvarint(out, pos, c.length);
    } else {
      pos = writeAscii(
        out,
        pos,
        `${(V1_CAVEAT_FRAMING + c.length).toString(16).padStart(4, '0')}cid `,
      );
    }
    const start = pos;
    pos = writeAscii(out, pos, c);
    const caveat = out.subarray(start, pos);
    added.push(caveat);
    signature = chainSignature(signature, caveat);
    out[pos++] = v2 ? 0 : NEWLINE;
  }
  if (v2) {
    // The signature field, written in place: EOS, type, length (one byte for 32), signature.
    out[pos] = 0;
    out[pos + 1] = SIGNATURE;
    out[pos + 2] = SIGNATURE_LENGTH;
    out.set(signature, pos + 3);
  } else out.set(WRITERS[1].signature(signature), pos);
  return {
    macaroon: { ...m, caveats: [...m.caveats, ...added], signature },
    bytes: out,
    unchanged: head,
  };
}

function writeAscii(out: Uint8Array, pos: number, text: string): number {
  for (let i = 0; i < text.length; i++) out[pos++] = text.charCodeAt(i);
  return pos;
}

/** Concatenates byte arrays and single bytes (numbers) in one allocation. */
function join(...parts: (number | readonly number[] | Uint8Array)[]): Uint8Array {
  let size = 0;
  for (const p of parts) size += typeof p === 'number' ? 1 : p.length;
  const out = new Uint8Array(size);
  let pos = 0;
  for (const p of parts) {
    if (typeof p === 'number') out[pos++] = p;
    else {
      out.set(p, pos);
      pos += p.length;
    }
  }
  return out;
}

// --- V2: 0x02, [loc] id EOS, (cid EOS)*, EOS, sig. A field is uvarint(type) uvarint(len) bytes.

const LOCATION = 1;
const IDENTIFIER = 2;
const VERIFICATION_ID = 4;
const SIGNATURE = 6;

interface Field {
  type: number;
  data: Uint8Array;
}

class Reader {
  pos = 1; // past the version byte
  constructor(readonly bytes: Uint8Array) {}

  uvarint(): number {
    let value = 0;
    for (let shift = 0; shift < 32; shift += 7) {
      if (this.pos >= this.bytes.length) fail('it ends in the middle of a field');
      const b = this.bytes[this.pos++] as number;
      value += (b & 0x7f) * 2 ** shift;
      // A trailing zero group would be a second spelling of the same number: refused, so no two
      // byte strings decode to the same token.
      if (b < 0x80)
        return b === 0 && shift > 0 ? fail('it has a field length in a non-canonical form') : value;
    }
    return fail('it has a field length that is too large');
  }

  /** One section: fields in strictly increasing type order up to an end-of-section marker. */
  section(): Field[] {
    const fields: Field[] = [];
    for (;;) {
      if (this.pos >= this.bytes.length) fail('a section extends past the end of the token');
      const type = this.uvarint();
      if (type === 0) return fields;
      if (fields.length > 0 && type <= (fields[fields.length - 1] as Field).type) {
        fail('its fields are out of order');
      }
      fields.push({ type, data: this.data() });
    }
  }

  data(): Uint8Array {
    const length = this.uvarint();
    if (length > this.bytes.length - this.pos) fail('a field extends past the end of the token');
    const data = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return data;
  }
}

function decodeV2(bytes: Uint8Array): Macaroon {
  const r = new Reader(bytes);
  const header = r.section();
  const location = header[0]?.type === LOCATION ? (header.shift() as Field).data : new Uint8Array();
  if (header.length !== 1 || header[0]?.type !== IDENTIFIER) fail('its header is invalid');
  const identifier = (header[0] as Field).data;
  const caveats: Uint8Array[] = [];
  for (let section = r.section(); section.length > 0; section = r.section()) {
    if (section.some((f) => f.type === LOCATION || f.type === VERIFICATION_ID)) {
      fail('it has a third-party caveat, which PyPI tokens never have');
    }
    if (section.length !== 1 || section[0]?.type !== IDENTIFIER) fail('it has an invalid caveat');
    caveats.push((section[0] as Field).data);
  }
  if (r.pos >= bytes.length || r.uvarint() !== SIGNATURE) fail('its signature is missing');
  const signature = r.data();
  if (signature.length !== SIGNATURE_LENGTH) fail('its signature does not have 32 bytes');
  if (r.pos !== bytes.length) fail('it has unexpected data after the signature');
  return { version: 2, location, identifier, caveats, signature };
}

function uvarintLength(n: number): number {
  let length = 1;
  for (; n >= 0x80; n = Math.floor(n / 128)) length++;
  return length;
}

function writeUvarint(out: Uint8Array, pos: number, n: number): number {
  for (; n >= 0x80; n = Math.floor(n / 128)) out[pos++] = (n & 0x7f) | 0x80;
  out[pos++] = n;
  return pos;
}

function fieldV2(type: number, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(1 + uvarintLength(data.length) + data.length);
  out[0] = type;
  out.set(data, writeUvarint(out, 1, data.length));
  return out;
}

// --- V1: packets of 4 hex digits (the packet's total length) then `key value\n`.

const isLowerHex = (b: number) => (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x66);
const isAsciiHex = (b: number) => isLowerHex(b) || (b >= 0x41 && b <= 0x46);
const SPACE = 0x20;
const NEWLINE = 0x0a;
const MAX_PACKET = 0xffff;
const V1_TOO_LONG = 'A V1 token cannot hold a field over 65535 bytes.';
/** `XXXXcid ` before a V1 caveat and `\n` after it. */
const V1_CAVEAT_FRAMING = 4 + 4 + 1;
/** `XXXXsignature ` + 32 bytes + `\n`. */
const V1_SIGNATURE_PACKET = 4 + 10 + SIGNATURE_LENGTH + 1;

function decodeV1(bytes: Uint8Array): Macaroon {
  const packets: [string, Uint8Array][] = [];
  for (let pos = 0; pos < bytes.length; ) {
    const header = bytes.subarray(pos, pos + 4);
    // Lowercase only, as every writer does: 'A' and 'a' would be two spellings of one length.
    if (header.length < 4 || !header.every(isLowerHex)) fail('it has an invalid V1 packet header');
    const length = Number.parseInt(String.fromCharCode(...header), 16);
    if (length < 7 || pos + length > bytes.length) fail('it has a V1 packet of impossible length');
    const packet = bytes.subarray(pos + 4, pos + length);
    const space = packet.indexOf(SPACE);
    // Keys are short words ('signature' is the longest): anything else is not a V1 packet.
    if (space < 1 || space > 10 || packet[packet.length - 1] !== NEWLINE) {
      fail('it has a malformed V1 packet');
    }
    packets.push([
      String.fromCharCode(...packet.subarray(0, space)),
      packet.subarray(space + 1, -1),
    ]);
    pos += length;
  }
  const take = (key: string) =>
    packets[0]?.[0] === key ? (packets.shift() as [string, Uint8Array])[1] : undefined;
  const location = take('location') ?? new Uint8Array();
  const identifier = take('identifier') ?? fail('it has no identifier');
  const caveats: Uint8Array[] = [];
  for (let cid = take('cid'); cid !== undefined; cid = take('cid')) {
    if (packets[0]?.[0] === 'vid' || packets[0]?.[0] === 'cl') {
      fail('it has a third-party caveat, which PyPI tokens never have');
    }
    caveats.push(cid);
  }
  const signature = take('signature') ?? fail('its signature is missing');
  if (signature.length !== SIGNATURE_LENGTH) fail('its signature does not have 32 bytes');
  if (packets.length > 0) fail('it has unexpected data after the signature');
  return { version: 1, location, identifier, caveats, signature };
}

const packetV1 = (key: string, data: Uint8Array) => {
  const length = 4 + key.length + 2 + data.length;
  if (length > MAX_PACKET) throw new TokenError(V1_TOO_LONG);
  return join(utf8(`${length.toString(16).padStart(4, '0')}${key} `), data, NEWLINE);
};

/** Each format as three parts: header, one caveat, and the signature that ends it. */
const WRITERS = {
  2: {
    header: (m: Macaroon) =>
      join(2, fieldV2(LOCATION, m.location), fieldV2(IDENTIFIER, m.identifier), 0),
    caveat: (c: Uint8Array) => join(fieldV2(IDENTIFIER, c), 0),
    signature: (sig: Uint8Array) => join(0, fieldV2(SIGNATURE, sig)),
  },
  1: {
    header: (m: Macaroon) =>
      join(packetV1('location', m.location), packetV1('identifier', m.identifier)),
    caveat: (c: Uint8Array) => packetV1('cid', c),
    signature: (sig: Uint8Array) => packetV1('signature', sig),
  },
} as const;
