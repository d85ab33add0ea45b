/**
 * Macaroon codec: pymacaroons' V2 binary and V1 packet formats. Stricter than pymacaroons where laxness
 * only hides damage: trailing bytes, third-party caveats and signatures that are not 32 bytes are refused.
 * @module
 */
import { base64Size, decodeBase64, FormatError, withScratch } from './bytes.ts';
import { type LoadErrorCode, TokenError } from './errors.ts';

/** A decoded macaroon; its fields are views of the bytes it was decoded from. */
interface Macaroon {
  readonly version: 1 | 2;
  readonly location: Uint8Array;
  readonly identifier: Uint8Array;
  readonly caveats: readonly Uint8Array[];
  readonly signature: Uint8Array;
}

export const SIGNATURE_LENGTH = 32;

const fail = (code: LoadErrorCode, why: string): never => {
  throw new FormatError(why, code);
};

function decodeMacaroon(bytes: Uint8Array): Macaroon {
  if (bytes.length === 0) fail('empty', 'it is empty');
  if (bytes[0] === 2) return decodeV2(bytes);
  if (isAsciiHex(bytes[0] as number)) return decodeV1(bytes);
  return fail('not-macaroon', 'it is not in a macaroon format (neither V2 binary nor V1)');
}

/**
 * Decodes `body` (a token's base64 text) into the scratch and calls `use` with its macaroon and bytes,
 * then `extra` more zeroed bytes for the caller's own work. All are views of the scratch, zeroed when
 * `use` returns: it must keep none. Throws `FormatError` when `body` is not a macaroon.
 */
export function withMacaroon<T>(
  body: string,
  use: (m: Macaroon, bytes: Uint8Array, extra: Uint8Array) => T,
  extra = 0,
): T {
  const size = base64Size(body);
  return withScratch(size + extra, (scratch) => {
    const bytes = scratch.subarray(0, size);
    decodeBase64(body, bytes);
    return use(decodeMacaroon(bytes), bytes, scratch.subarray(size));
  });
}

/** The size of `m`'s serialization (the signature's is fixed). */
export function macaroonSize(m: Omit<Macaroon, 'signature'>): number {
  const v = m.version;
  let size =
    v === 2
      ? 1 + fieldSize(m.location.length) + fieldSize(m.identifier.length) + 1
      : packetSize('location', m.location.length) + packetSize('identifier', m.identifier.length);
  for (const c of m.caveats) size += caveatSize(v, c.length);
  return size + signatureSize(v);
}

/** Serializes `m` into `out`, which holds `macaroonSize(m)` bytes. */
export function encodeMacaroon(m: Macaroon, out: Uint8Array): void {
  const v = m.version;
  let pos: number;
  if (v === 2) {
    out[0] = 2;
    pos = writeField(out, writeField(out, 1, LOCATION, m.location), IDENTIFIER, m.identifier);
    out[pos++] = 0;
  } else {
    pos = writePacket(out, writePacket(out, 0, 'location', m.location), 'identifier', m.identifier);
  }
  for (const c of m.caveats) pos = writeCaveat(out, pos, v, c);
  writeSignature(out, pos, v, m.signature);
}

/** Bytes or ASCII text (the caveats `restrict` writes are ASCII): what a field holds. */
type Data = Uint8Array | string;

function put(out: Uint8Array, pos: number, data: Data): number {
  if (typeof data !== 'string') {
    out.set(data, pos);
    return pos + data.length;
  }
  for (let i = 0; i < data.length; i++) out[pos++] = data.charCodeAt(i);
  return pos;
}

/** The bytes a first-party caveat of `length` bytes takes in a `version` serialization. */
export const caveatSize = (version: 1 | 2, length: number): number =>
  version === 2 ? fieldSize(length) + 1 : packetSize('cid', length);

/**
 * Writes a first-party caveat at `pos` and returns where it ends. In both formats the caveat's own bytes
 * end one byte before that (a V2 end-of-section, a V1 newline).
 */
export function writeCaveat(out: Uint8Array, pos: number, version: 1 | 2, caveat: Data): number {
  if (version === 1) return writePacket(out, pos, 'cid', caveat);
  const end = writeField(out, pos, IDENTIFIER, caveat);
  out[end] = 0;
  return end + 1;
}

/** The bytes of the signature field, which ends every serialization: its size is fixed. */
export const signatureSize = (version: 1 | 2): number =>
  version === 2 ? 1 + fieldSize(SIGNATURE_LENGTH) : packetSize('signature', SIGNATURE_LENGTH);

/** Writes the signature field (after the caveats) at `pos` and returns where it ends. */
export function writeSignature(
  out: Uint8Array,
  pos: number,
  version: 1 | 2,
  signature: Uint8Array,
): number {
  if (version === 1) return writePacket(out, pos, 'signature', signature);
  out[pos] = 0; // the end of the caveats
  return writeField(out, pos + 1, SIGNATURE, signature);
}

/** The signature in the last bytes of a serialization: a V1 one ends with a newline after it. */
export function trailingSignature(bytes: Uint8Array, version: 1 | 2): Uint8Array {
  const end = bytes.length - (version === 2 ? 0 : 1);
  return bytes.subarray(end - SIGNATURE_LENGTH, end);
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
      if (this.pos >= this.bytes.length)
        fail('field-truncated', 'it ends in the middle of a field');
      const b = this.bytes[this.pos++] as number;
      value += (b & 0x7f) * 2 ** shift;
      // A trailing zero group would be a second spelling of the same number: refused, so no two
      // byte strings decode to the same token.
      if (b < 0x80)
        return b === 0 && shift > 0
          ? fail('length-not-canonical', 'it has a field length in a non-canonical form')
          : value;
    }
    return fail('length-too-large', 'it has a field length that is too large');
  }

  /** One section: fields in strictly increasing type order up to an end-of-section marker. */
  section(): Field[] {
    const fields: Field[] = [];
    for (;;) {
      if (this.pos >= this.bytes.length)
        fail('section-past-end', 'a section extends past the end of the token');
      const type = this.uvarint();
      if (type === 0) return fields;
      if (fields.length > 0 && type <= (fields[fields.length - 1] as Field).type) {
        fail('fields-out-of-order', 'its fields are out of order');
      }
      fields.push({ type, data: this.data() });
    }
  }

  data(): Uint8Array {
    const length = this.uvarint();
    if (length > this.bytes.length - this.pos)
      fail('field-past-end', 'a field extends past the end of the token');
    const data = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return data;
  }
}

function decodeV2(bytes: Uint8Array): Macaroon {
  const r = new Reader(bytes);
  const header = r.section();
  const location = header[0]?.type === LOCATION ? (header.shift() as Field).data : new Uint8Array();
  if (header.length !== 1 || header[0]?.type !== IDENTIFIER)
    fail('invalid-header', 'its header is invalid');
  const identifier = (header[0] as Field).data;
  const caveats: Uint8Array[] = [];
  for (let section = r.section(); section.length > 0; section = r.section()) {
    if (section.some((f) => f.type === LOCATION || f.type === VERIFICATION_ID)) {
      fail('third-party-caveat', 'it has a third-party caveat, which PyPI tokens never have');
    }
    if (section.length !== 1 || section[0]?.type !== IDENTIFIER)
      fail('invalid-caveat', 'it has an invalid caveat');
    caveats.push((section[0] as Field).data);
  }
  if (r.pos >= bytes.length || r.uvarint() !== SIGNATURE)
    fail('signature-missing', 'its signature is missing');
  const signature = r.data();
  if (signature.length !== SIGNATURE_LENGTH)
    fail('signature-length', 'its signature does not have 32 bytes');
  if (r.pos !== bytes.length) fail('trailing-data', 'it has unexpected data after the signature');
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

/** A field with a one-byte type, as every field type here is. */
const fieldSize = (length: number): number => 1 + uvarintLength(length) + length;

function writeField(out: Uint8Array, pos: number, type: number, data: Data): number {
  out[pos] = type;
  return put(out, writeUvarint(out, pos + 1, data.length), data);
}

// --- V1: packets of 4 hex digits (the packet's total length) then `key value\n`.

const isLowerHex = (b: number) => (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x66);
const isAsciiHex = (b: number) => isLowerHex(b) || (b >= 0x41 && b <= 0x46);
const SPACE = 0x20;
const NEWLINE = 0x0a;
const MAX_PACKET = 0xffff;

function packetSize(key: string, length: number): number {
  const size = 4 + key.length + 2 + length;
  if (size > MAX_PACKET) {
    throw new TokenError('A V1 token cannot hold a field over 65535 bytes.', 'v1-field-too-large', {
      max: MAX_PACKET,
    });
  }
  return size;
}

function writePacket(out: Uint8Array, pos: number, key: string, data: Data): number {
  const size = packetSize(key, data.length).toString(16).padStart(4, '0');
  const end = put(out, put(out, pos, `${size}${key} `), data);
  out[end] = NEWLINE;
  return end + 1;
}

function decodeV1(bytes: Uint8Array): Macaroon {
  const packets: [string, Uint8Array][] = [];
  for (let pos = 0; pos < bytes.length; ) {
    const header = bytes.subarray(pos, pos + 4);
    // Lowercase only, as every writer does: 'A' and 'a' would be two spellings of one length.
    if (header.length < 4 || !header.every(isLowerHex))
      fail('v1-header', 'it has an invalid V1 packet header');
    const length = Number.parseInt(String.fromCharCode(...header), 16);
    if (length < 7 || pos + length > bytes.length)
      fail('v1-length', 'it has a V1 packet of impossible length');
    const packet = bytes.subarray(pos + 4, pos + length);
    const space = packet.indexOf(SPACE);
    // Keys are short words ('signature' is the longest): anything else is not a V1 packet.
    if (space < 1 || space > 10 || packet[packet.length - 1] !== NEWLINE) {
      fail('v1-packet', 'it has a malformed V1 packet');
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
  const identifier = take('identifier') ?? fail('v1-no-identifier', 'it has no identifier');
  const caveats: Uint8Array[] = [];
  for (let cid = take('cid'); cid !== undefined; cid = take('cid')) {
    if (packets[0]?.[0] === 'vid' || packets[0]?.[0] === 'cl') {
      fail('third-party-caveat', 'it has a third-party caveat, which PyPI tokens never have');
    }
    caveats.push(cid);
  }
  const signature = take('signature') ?? fail('signature-missing', 'its signature is missing');
  if (signature.length !== SIGNATURE_LENGTH)
    fail('signature-length', 'its signature does not have 32 bytes');
  if (packets.length > 0) fail('trailing-data', 'it has unexpected data after the signature');
  return { version: 1, location, identifier, caveats, signature };
}
