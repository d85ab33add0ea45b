// Cross-check with the real pymacaroons (Debian's python3-pymacaroons): 200+ random tokens each way.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Token } from '@/src/core';
import { failuresOf } from './vectors';

const PYTHON = '/usr/bin/python3';
const SCRIPT = 'scripts/pymacaroons_crosscheck.py';
const required = process.env.REQUIRE_E2E === '1';
const available =
  existsSync(PYTHON) &&
  (() => {
    try {
      execFileSync(PYTHON, ['-c', 'import pymacaroons']);
      return true;
    } catch {
      return false;
    }
  })();
if (!available) {
  const say = required
    ? 'is required (CI) but missing'
    : 'is missing: SKIPPING the pymacaroons cross-check';
  process.stderr.write(
    `\n*** python3-pymacaroons ${say} (apt-get install -y python3-pymacaroons) ***\n\n`,
  );
}
const run = (args: string[], input?: string) =>
  execFileSync(PYTHON, [SCRIPT, ...args], { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const N = 250;

describe.skipIf(!available && !required)('pymacaroons cross-check', () => {
  it(`${N} tokens made by our core verify under pymacaroons, and not with a wrong key`, () => {
    const uuid = fc.uuid().map((u) => u.toLowerCase());
    const restrictParams = fc.record(
      {
        window: fc.tuple(fc.nat(2 ** 31), fc.integer({ min: 1, max: 10 ** 7 })),
        projectNames: fc.array(fc.stringMatching(/^[a-z0-9]([a-z0-9._-]{0,20}[a-z0-9])?$/), {
          minLength: 1,
          maxLength: 4,
        }),
        projectIds: fc.array(uuid, { minLength: 1, maxLength: 3 }),
        userId: uuid,
      },
      { requiredKeys: [] },
    );
    const cases = fc.sample(
      fc.record({
        key: fc.uint8Array({ minLength: 1, maxLength: 64 }),
        domain: fc.constantFrom('pypi.org', 'test.pypi.org', 'example.com', ''),
        identifier: fc.oneof(uuid, fc.string({ minLength: 1, maxLength: 40 })),
        version: fc.constantFrom(1 as const, 2 as const),
        calls: fc.array(restrictParams, { maxLength: 4 }),
        encoding: fc.constantFrom('compact' as const, 'pypitoken' as const),
      }),
      { numRuns: N, seed: 20261124 },
    );
    const tokens = cases.map((c) => {
      let t = Token.create({
        domain: c.domain,
        identifier: c.identifier,
        key: c.key,
        version: c.version,
      });
      for (const { window, ...rest } of c.calls) {
        const p = {
          ...rest,
          ...(window && { notBefore: window[0], notAfter: window[0] + window[1] }),
        };
        if (Object.keys(p).length > 0) t = t.restrict(p, { encoding: c.encoding });
      }
      return t;
    });
    expect(new Set(tokens.map((t) => t.version)).size).toBe(2);
    const input = tokens
      .map((t, i) =>
        JSON.stringify({
          serialized: t.dump().slice(t.prefix.length + 1),
          key_hex: hex((cases[i] as { key: Uint8Array }).key),
          location: t.domain,
          identifier: t.identifier,
          caveats: t.caveats,
        }),
      )
      .join('\n');
    const results = run(['verify'], input)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(results).toHaveLength(N);
    expect(results.filter((r) => !(r.same_fields && r.verifies && !r.wrong_key_verifies))).toEqual(
      [],
    );
  });

  it(`${N} tokens made by pymacaroons load in our core and check with their key only`, () => {
    const lines = run(['mint', String(N), '7'])
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(N);
    expect(new Set(lines.map((l) => l.version)).size).toBe(2);
    for (const l of lines) {
      const token = Token.load(`pypi-${l.serialized}`);
      expect([token.domain, token.identifier, token.caveats, token.version]).toEqual([
        l.location,
        l.identifier,
        l.caveats,
        l.version,
      ]);
      const key = Buffer.from(l.key_hex, 'hex');
      const failures = (k: Uint8Array) => failuresOf(() => token.check(k, {}));
      expect(failures(key)).not.toContain('Signatures do not match');
      expect(failures(Buffer.concat([key, Buffer.from('x')]))).toContain('Signatures do not match');
      expect(Token.load(token.dump()).dump()).toBe(token.dump());
    }
  });
});
