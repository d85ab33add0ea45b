// No token bytes outlive a call: the one buffer they pass through (`withScratch`) is zeroed before every
// call returns, whether it returns or throws, so no module state keeps any byte of a token that is gone.
import { describe, expect, it } from 'vitest';
import { extractTokens, isTokenText, readToken, Token } from '@/src/core';
import { withScratch } from '@/src/core/bytes';
import { hex, vectors } from './vectors';

const userCase = vectors.cases.find((c) => c.name === 'pypi user-scoped token as issued');
if (!userCase) throw new Error('vector missing');
const USER_TOKEN = userCase.base_token;
const KEY = hex(userCase.create.key_hex);
const USER = '00000000-0000-0000-0000-000000000003';
const PARAMS = { projectNames: ['requests', 'urllib3'], notBefore: 1, notAfter: 2 };

/** The shared buffer itself, as the core leaves it between calls (a call of size 0 reaches it). */
const scratchBuffer = (): Uint8Array => new Uint8Array(withScratch(0, (s) => s.buffer));
const bytesOf = (token: string): Buffer =>
  Buffer.from(token.slice(token.indexOf('-') + 1), 'base64');
const signatureOf = (token: string): Buffer => bytesOf(token).subarray(-32);
/** Where `needle` starts in `haystack`, or -1. */
const find = (haystack: Uint8Array, needle: Uint8Array): number =>
  Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength).indexOf(needle);

describe('withScratch', () => {
  it('hands out zeroed bytes and zeroes them again when the call returns', () => {
    let seen: Uint8Array | undefined;
    withScratch(100, (s) => {
      expect(s).toHaveLength(100);
      expect(s.every((b) => b === 0)).toBe(true);
      s.fill(7);
      seen = s;
    });
    expect(seen?.every((b) => b === 0)).toBe(true);
    expect(scratchBuffer().every((b) => b === 0)).toBe(true);
  });

  it('zeroes them when the call throws', () => {
    let seen: Uint8Array | undefined;
    expect(() =>
      withScratch(10, (s) => {
        seen = s;
        s.fill(7);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(seen?.every((b) => b === 0)).toBe(true);
    expect(scratchBuffer().every((b) => b === 0)).toBe(true);
  });

  it('gives a nested call and a call larger than the shared buffer bytes of their own, zeroed too', () => {
    const shared = scratchBuffer().buffer;
    let inner: Uint8Array | undefined;
    withScratch(8, (outer) => {
      outer.fill(1);
      withScratch(8, (s) => {
        expect(s.buffer).not.toBe(shared);
        expect(s.every((b) => b === 0)).toBe(true);
        s.fill(2);
        inner = s;
      });
      // The nested call did not touch the outer one's bytes.
      expect(outer.every((b) => b === 1)).toBe(true);
    });
    expect(inner?.every((b) => b === 0)).toBe(true);
    let big: Uint8Array | undefined;
    withScratch(64 * 1024, (s) => {
      expect(s.buffer).not.toBe(shared);
      s.fill(3);
      big = s;
    });
    expect(big?.every((b) => b === 0)).toBe(true);
    // After a nested call, the outer call is the shared buffer's again.
    withScratch(1, (s) => expect(s.buffer).toBe(shared));
  });
});

describe('no token bytes outlive a call', () => {
  it('after Token.load(x).restrict(p).dump() returns, the scratch holds no byte of either token', () => {
    const derived = Token.load(USER_TOKEN).restrict(PARAMS).dump();
    const scratch = scratchBuffer();
    expect(find(scratch, signatureOf(derived))).toBe(-1);
    expect(find(scratch, signatureOf(USER_TOKEN))).toBe(-1);
    expect(scratch.every((b) => b === 0)).toBe(true);
  });

  const v1 = Token.create({ domain: 'pypi.org', identifier: 'x', key: KEY, version: 1 });
  it.each<[string, () => unknown]>([
    ['Token.load', () => Token.load(USER_TOKEN)],
    ['restrictions', () => Token.load(USER_TOKEN).restrictions],
    ['check (passing)', () => Token.load(USER_TOKEN).check(KEY, { userId: USER })],
    ['check (failing)', () => Token.load(USER_TOKEN).check(Uint8Array.of(1), {})],
    ['Token.create', () => Token.create({ domain: 'pypi.org', identifier: 'x', key: KEY })],
    ['restrict on V1', () => v1.restrict(PARAMS).dump()],
    ['readToken', () => readToken(USER_TOKEN)],
    [
      'readToken of standard base64',
      () => readToken(`pypi-${bytesOf(USER_TOKEN).toString('base64')}`),
    ],
    ['isTokenText', () => isTokenText(USER_TOKEN.slice(5))],
    ['extractTokens', () => extractTokens(`password = ${USER_TOKEN}`)],
    ['a load that fails after decoding', () => Token.load(`${USER_TOKEN}AA`)],
    [
      'a restrict refused for a V1 caveat over 65535 bytes',
      () => v1.restrict({ projectNames: Array.from({ length: 7000 }, (_, i) => `project-${i}`) }),
    ],
  ])('%s leaves the scratch zeroed, whether it returns or throws', (_, call) => {
    try {
      call();
    } catch {
      // Refusals are tested elsewhere: here only what they leave behind.
    }
    expect(scratchBuffer().every((b) => b === 0)).toBe(true);
  });
});
