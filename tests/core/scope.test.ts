// The scope summary: restrictions folded into what the token can actually do, with findings for the UI.
import { describe, expect, it } from 'vitest';
import { type Finding, type Restriction, summarizeScope, Token } from '@/src/core';

const A = '11111111-1111-1111-1111-111111111111';
const B = '22222222-2222-2222-2222-222222222222';
const codes = (rs: Restriction[], now = 1500) =>
  summarizeScope(rs, now).findings.map((f: Finding) => f.code);

describe('summarizeScope', () => {
  it('is unrestricted by name, ID, user and time when nothing is embedded, yet says it is a lower bound', () => {
    const s = summarizeScope([], 0);
    expect(s).toMatchObject({
      projectNames: null,
      projectIds: null,
      userIds: [],
      notBefore: null,
      notAfter: null,
    });
    expect(s.findings).toEqual([
      expect.objectContaining({ code: 'lower-bound', severity: 'info' }),
    ]);
  });

  it('intersects project lists, legacy ones included, and keeps the tightest window', () => {
    const s = summarizeScope(
      [
        { kind: 'project-names', projectNames: ['a', 'b', 'c'] },
        { kind: 'legacy-project-names', projectNames: ['c', 'b'] },
        { kind: 'project-ids', projectIds: [A, B] },
        { kind: 'legacy-project-ids', projectIds: [B] },
        { kind: 'date', notBefore: 1000, notAfter: 3000 },
        { kind: 'legacy-date', notBefore: 1200, notAfter: 4000 },
      ],
      1500,
    );
    expect(s).toMatchObject({
      projectNames: ['b', 'c'],
      projectIds: [B],
      notBefore: 1200,
      notAfter: 3000,
    });
    expect(s.findings.map((f) => f.code)).toEqual(['lower-bound']);
  });

  it.each<[string, Restriction[], number, Finding['code'][]]>([
    [
      'expired',
      [{ kind: 'date', notBefore: 1000, notAfter: 2000 }],
      2000,
      ['expired', 'lower-bound'],
    ],
    [
      'not yet valid',
      [{ kind: 'date', notBefore: 1000, notAfter: 2000 }],
      999,
      ['not-yet-valid', 'lower-bound'],
    ],
    [
      'disjoint windows',
      [
        { kind: 'date', notBefore: 1000, notAfter: 2000 },
        { kind: 'date', notBefore: 2000, notAfter: 3000 },
      ],
      1500,
      ['empty-window', 'lower-bound'],
    ],
    [
      'no common project name',
      [
        { kind: 'project-names', projectNames: ['a'] },
        { kind: 'project-names', projectNames: ['b'] },
      ],
      0,
      ['no-project', 'lower-bound'],
    ],
    [
      'an empty project list',
      [{ kind: 'project-ids', projectIds: [] }],
      0,
      ['no-project', 'lower-bound'],
    ],
    [
      'contradictory users',
      [
        { kind: 'user-id', userId: A },
        { kind: 'user-id', userId: B },
      ],
      0,
      ['conflicting-users', 'lower-bound'],
    ],
    [
      'an unknown caveat',
      [{ kind: 'unknown', raw: '[9]', reason: 'caveat has unknown tag: 9' }],
      0,
      ['unknown-caveat', 'lower-bound'],
    ],
    ['a legacy no-op', [{ kind: 'legacy-noop' }], 0, ['legacy-noop', 'lower-bound']],
    [
      'a trusted-publisher token',
      [{ kind: 'oidc-publisher', publisherId: 'x' }],
      0,
      ['trusted-publisher', 'lower-bound'],
    ],
  ])('finds %s', (_, rs, now, expected) => {
    expect(codes(rs, now)).toEqual(expected);
  });

  it('gives errors for tokens that can never work and says when in UTC', () => {
    const [expired] = summarizeScope(
      [{ kind: 'date', notBefore: 0, notAfter: 1_700_000_000 }],
      1_800_000_000,
    ).findings;
    expect(expired).toEqual({
      code: 'expired',
      severity: 'error',
      message: 'This token expired at 2023-11-14T22:13:20Z.',
    });
  });

  it('the same user twice is not a contradiction', () => {
    expect(
      codes([
        { kind: 'user-id', userId: A },
        { kind: 'user-id', userId: A },
      ]),
    ).toEqual(['lower-bound']);
  });

  it('takes a Token directly', () => {
    const t = Token.create({ domain: 'pypi.org', identifier: 'x', key: 'k' }).restrict({
      projectNames: ['Requests'],
    });
    expect(summarizeScope(t).projectNames).toEqual(['requests']);
  });
});
