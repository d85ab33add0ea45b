// Every pypitoken conformance vector: tokens byte-identical in both encodings, caveats, restrictions, checks, errors.
import { describe, expect, it } from 'vitest';
import {
  InvalidRestrictionError,
  LoadError,
  type Restriction,
  Token,
  ValidationError,
} from '@/src/core';
import { defined, hex, toParams, type VectorCase, vectors } from './vectors';

/** The base token as the vector made it: created, then the issuer's raw caveats appended verbatim. */
function build(c: VectorCase): Token {
  return Token.load(c.base_token);
}

function derive(c: VectorCase, encoding: 'compact' | 'pypitoken'): Token {
  return c.restrict_calls.reduce(
    (t, call) => t.restrict(defined(toParams(call)), { encoding }),
    build(c),
  );
}

/** pypitoken's restriction classes in our vocabulary. */
function fromPypitoken(r: { type: string } & Record<string, unknown>): Restriction {
  switch (r.type) {
    case 'DateRestriction':
      return { kind: 'date', notBefore: r.not_before as number, notAfter: r.not_after as number };
    case 'LegacyDateRestriction':
      return {
        kind: 'legacy-date',
        notBefore: r.not_before as number,
        notAfter: r.not_after as number,
      };
    case 'ProjectNamesRestriction':
      return { kind: 'project-names', projectNames: r.project_names as string[] };
    case 'LegacyProjectNamesRestriction':
      return { kind: 'legacy-project-names', projectNames: r.project_names as string[] };
    case 'ProjectIDsRestriction':
      return { kind: 'project-ids', projectIds: r.project_ids as string[] };
    case 'UserIDRestriction':
      return { kind: 'user-id', userId: r.user_id as string };
    case 'LegacyNoopRestriction':
      return { kind: 'legacy-noop' };
    default:
      throw new Error(`unmapped pypitoken type ${r.type}`);
  }
}

/**
 * Where pypitoken lists nothing (it raises on the first caveat it cannot map), what PyPI reads, caveat by
 * caveat: Warehouse knows tag 4 (a Trusted Publisher) and refuses an unknown tag or a caveat that is not JSON.
 */
const WHERE_PYPITOKEN_LISTS_NOTHING: Record<string, unknown[]> = {
  'trusted publisher token (tag 4), unknown to pypitoken': [
    { kind: 'oidc-publisher', publisherId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' },
    { kind: 'project-ids', projectIds: ['00000000-0000-0000-0000-000000000000'] },
    { kind: 'date', notBefore: 1700000000, notAfter: 1700000900 },
  ],
  'unknown future tag': [
    {
      kind: 'unknown',
      raw: '[9,"whatever"]',
      reason: expect.stringMatching(/unknown tag/),
      reasonCode: 'unknown-tag',
      reasonParams: { tag: '9' },
    },
    { kind: 'project-names', projectNames: ['x'] },
  ],
  'non-json caveat': [
    {
      kind: 'unknown',
      raw: 'not json at all',
      reason: expect.stringMatching(/not valid JSON/),
      damaged: true,
      reasonCode: 'json-expecting-value',
      reasonParams: { position: 0 },
    },
  ],
};

describe.each(vectors.cases)('vector: $name', (c) => {
  it('creating from the key reproduces the base token', () => {
    const created = Token.create({
      domain: c.create.domain,
      identifier: c.create.identifier,
      key: hex(c.create.key_hex),
      prefix: c.create.prefix,
    });
    // The issuer's own caveats are raw bytes, so only caveat-free bases can be re-minted through restrict.
    if (c.raw_caveats.length === 0) expect(created.dump()).toBe(c.base_token);
    const base = build(c);
    expect(base.caveats).toEqual(c.raw_caveats);
    expect([base.prefix, base.domain, base.identifier]).toEqual([
      c.expected.prefix,
      c.expected.domain,
      c.expected.identifier,
    ]);
    expect(() => base.check(hex(c.create.key_hex), { now: 0 })).not.toThrow(/Signatures/);
  });

  it.each(['compact', 'pypitoken'] as const)(
    'restrict with %s encoding is byte-identical',
    (encoding) => {
      const token = derive(c, encoding);
      const style = encoding === 'compact' ? 'compact' : 'pypitoken_style';
      expect(token.dump()).toBe(c.expected[`token_${style}`]);
      expect(token.caveats).toEqual(c.expected[`caveats_${style}`]);
      expect(Token.load(token.dump()).dump()).toBe(token.dump());
    },
  );

  it('parses restrictions as pypitoken does where pypitoken can', () => {
    const token = derive(c, 'pypitoken');
    if (c.expected.restrictions) {
      expect(token.restrictions).toEqual(c.expected.restrictions.map(fromPypitoken));
    } else {
      // pypitoken refuses to list anything; we list every caveat as PyPI reads it, and mark what PyPI
      // would refuse. A new vector of this kind needs its entry in the table above.
      expect(c.expected.pypitoken_restrictions_error).toBeTruthy();
      expect(token.restrictions).toEqual(WHERE_PYPITOKEN_LISTS_NOTHING[c.name]);
    }
  });

  it.each(c.checks.map((k, i) => ({ ...k, i })))('check #$i gives pypitoken verdict', (k) => {
    for (const encoding of ['compact', 'pypitoken'] as const) {
      const style = encoding === 'compact' ? 'compact' : 'pypitoken_style';
      const token = derive(c, encoding);
      const ctx = {
        projectName: k.context.project_name,
        projectId: k.context.project_id,
        userId: k.context.user_id,
        now: k.context.now,
      };
      const run = () => token.check(hex(k.key_hex), defined(ctx));
      if (k[`valid_${style}`]) {
        expect(run).not.toThrow();
        continue;
      }
      expect(run).toThrow(ValidationError);
      const error = (() => {
        try {
          run();
        } catch (e) {
          return e as ValidationError;
        }
      })() as ValidationError;
      const expected = k[`error_${style}`] as string;
      if (expected.startsWith('ValueError: too many values')) {
        // pypitoken crashes when two caveats fail at once; we report both.
        expect(error.failures.length).toBeGreaterThanOrEqual(2);
      } else {
        expect(error.failures).toHaveLength(1);
        expect(error.message).toBe(expected);
      }
    }
  });
});

describe('pypitoken load errors', () => {
  it.each(vectors.load_errors)('$raw is refused with a LoadError ($pypitoken_error)', ({ raw }) => {
    expect(() => Token.load(raw)).toThrow(LoadError);
  });
});

describe('pypitoken restrict errors', () => {
  const base = Token.load(vectors.cases[0]?.base_token as string);
  it.each(vectors.restrict_errors)('$params is refused', ({ params, pypitoken_error }) => {
    const run = () => base.restrict(defined(toParams(params)));
    expect(run).toThrow(InvalidRestrictionError);
    // Our wording follows pypitoken's, with our parameter names.
    const lead = pypitoken_error.startsWith('`')
      ? /must be used together\. Either define both or neither/
      : /Received a single string not wrapped in an array/;
    expect(run).toThrow(lead);
  });
});
