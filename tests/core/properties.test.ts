// Property tests: round-trips, attenuation, tamper evidence, and that hostile input only ever raises LoadError.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LoadError, Token, ValidationError } from '@/src/core';

const key = fc.uint8Array({ minLength: 1, maxLength: 64 });
const token = fc
  .record({
    key,
    domain: fc.constantFrom('pypi.org', 'test.pypi.org', ''),
    identifier: fc.oneof(fc.uuid(), fc.string({ minLength: 1, maxLength: 30 })),
    version: fc.constantFrom(1 as const, 2 as const),
    projects: fc.array(fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/), { maxLength: 3 }),
  })
  .map((o) => {
    const base = Token.create(o);
    return { ...o, token: o.projects.length ? base.restrict({ projectNames: o.projects }) : base };
  });

describe('properties', () => {
  it('load(dump(t)) round-trips for V1 and V2', () => {
    fc.assert(
      fc.property(token, ({ token: t, version }) => {
        const again = Token.load(t.dump());
        expect(again.dump()).toBe(t.dump());
        expect([again.version, again.domain, again.identifier, again.caveats]).toEqual([
          version,
          t.domain,
          t.identifier,
          t.caveats,
        ]);
      }),
      { numRuns: 300 },
    );
  });

  it('a restricted token checks with the right key and context, and fails with a wrong key', () => {
    const names = fc.array(fc.stringMatching(/^[A-Za-z0-9]([A-Za-z0-9._-]{0,10}[A-Za-z0-9])?$/), {
      minLength: 1,
      maxLength: 4,
    });
    fc.assert(
      fc.property(
        key,
        names,
        fc.nat(2 ** 31),
        fc.integer({ min: 1, max: 10 ** 6 }),
        fc.uuid(),
        (k, ns, from, span, user) => {
          const t = Token.create({ domain: 'pypi.org', identifier: 'id', key: k }).restrict({
            projectNames: ns,
            notBefore: from,
            notAfter: from + span,
            userId: user,
          });
          const ctx = { projectName: ns[0], userId: user.toLowerCase(), now: from + span - 1 };
          expect(() => t.check(k, ctx)).not.toThrow();
          expect(() => t.check(Uint8Array.of(...k, 1), ctx)).toThrow(/Signatures do not match/);
          expect(() => t.check(k, { ...ctx, now: from + span })).toThrow(ValidationError);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('changing any one character of a token makes check fail or load throw LoadError', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    fc.assert(
      fc.property(token, fc.nat(), fc.nat(), ({ token: t, key: k, projects }, pos, pick) => {
        const s = t.dump();
        const i = t.prefix.length + 1 + (pos % (s.length - t.prefix.length - 1));
        const c = alphabet[(alphabet.indexOf(s[i] as string) + 1 + (pick % 63)) % 64] as string;
        const tampered = `${s.slice(0, i)}${c}${s.slice(i + 1)}`;
        let loaded: Token;
        try {
          loaded = Token.load(tampered);
        } catch (e) {
          expect(e).toBeInstanceOf(LoadError);
          return;
        }
        // The location is not signed (as in pymacaroons): a changed site still loads and checks.
        if (loaded.domain !== t.domain) return;
        expect(() => loaded.check(k, { projectName: projects[0] })).toThrow(ValidationError);
      }),
      { numRuns: 1000 },
    );
  });

  it('changing any one byte of the serialized macaroon makes check fail or load throw LoadError', () => {
    fc.assert(
      fc.property(
        token,
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        ({ token: t, key: k, projects }, pos, delta) => {
          const bytes = Buffer.from(t.dump().slice(t.prefix.length + 1), 'base64url');
          const i = pos % bytes.length;
          bytes[i] = ((bytes[i] as number) + delta) % 256;
          let loaded: Token;
          try {
            loaded = Token.load(`pypi-${bytes.toString('base64url')}`);
          } catch (e) {
            expect(e).toBeInstanceOf(LoadError);
            return;
          }
          if (loaded.domain !== t.domain) return; // unsigned location, see above
          expect(() => loaded.check(k, { projectName: projects[0] })).toThrow(ValidationError);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('random strings and random bytes never throw anything but LoadError', () => {
    const attempt = (s: string) => {
      try {
        const t = Token.load(s);
        void t.restrictions;
        t.dump();
      } catch (e) {
        expect(e).toBeInstanceOf(LoadError);
      }
    };
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), attempt), {
      numRuns: 2000,
    });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (b) =>
        attempt(`pypi-${Buffer.from(b).toString('base64url')}`),
      ),
      { numRuns: 2000 },
    );
    // Bytes that start like a macaroon get past the format sniffing and exercise the parsers.
    fc.assert(
      fc.property(fc.constantFrom(2, 0x30, 0x61), fc.uint8Array({ maxLength: 400 }), (first, b) =>
        attempt(`pypi-${Buffer.from([first, ...b]).toString('base64url')}`),
      ),
      { numRuns: 3000 },
    );
  });
});
