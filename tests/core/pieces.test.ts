// No piece of a token in a caveat: `restrict` refuses a value sharing a run with the token it narrows
// (or any token it is told of), however the token was split, and never quotes it; real names pass.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holdsPieceOf, InvalidRestrictionError, PIECE_LENGTH, type Token } from '@/src/core';
import { entries } from '@/src/ui/form';
import { everySplit, splitTokenArb, tokenArb } from '../fixtures/split';

/** `restrict`'s refusal, asserted to quote no piece of the token. */
function refusal(token: Token, run: () => unknown): string {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidRestrictionError);
    const message = (e as Error).message.toLowerCase();
    const text = token.dump().toLowerCase();
    for (let i = 0; i + 8 <= text.length; i++) expect(message).not.toContain(text.slice(i, i + 8));
    return (e as Error).message;
  }
  throw new Error('restrict accepted a piece of the token');
}

describe('a token split into restriction values', () => {
  const [sample] = fc.sample(tokenArb, { seed: 13, numRuns: 1 }) as Token[];

  it('is refused at every single split position, with every separator', () => {
    const t = sample as Token;
    for (const text of everySplit(t.dump())) {
      refusal(t, () => t.restrict({ projectNames: entries(text) }));
    }
  });

  it('is refused however it is split, in names, project IDs, user IDs and legacy names', () => {
    fc.assert(
      fc.property(
        splitTokenArb,
        fc.constantFrom('projectNames', 'projectIds', 'legacyProjectNames', 'userId'),
        ({ token, text }, field) => {
          const pieces = entries(text);
          const value = field === 'userId' ? (pieces[0] as string) : pieces;
          if (field === 'userId' && value.length < PIECE_LENGTH) return; // too short to be a piece
          expect(refusal(token, () => token.restrict({ [field]: value }))).toMatch(
            /holds a piece of one/,
          );
        },
      ),
      { numRuns: 400 },
    );
  });

  it('is refused when it is a piece of another token the caller holds', () => {
    fc.assert(
      fc.property(tokenArb, splitTokenArb, (parent, { token, text }) => {
        const pieces = entries(text);
        expect(() =>
          parent.restrict({ projectNames: pieces }, { secrets: [token.dump()] }),
        ).toThrow(InvalidRestrictionError);
      }),
      { numRuns: 200 },
    );
  });

  it('compares as PyPI stores names: any case, `_` and `.` as `-`', () => {
    const t = sample as Token;
    const piece = t.dump().slice(60, 60 + PIECE_LENGTH);
    for (const v of [piece, piece.toUpperCase(), piece.replaceAll('-', '_'), `my-${piece}-tool`]) {
      expect(holdsPieceOf(v, [t.dump()])).toBe(true);
    }
    expect(holdsPieceOf(piece.slice(1), [t.dump()])).toBe(false); // one short of a piece
  });
});

describe('real names are not pieces', () => {
  // Long real names, and a family picked whole (read joined, so the joins are checked too).
  const NAMES = [
    'apache-airflow-providers-microsoft-azure',
    'apache-airflow-providers-google',
    'opentelemetry-instrumentation-asyncio',
    'types-python-dateutil',
    'backports-zoneinfo',
    'google-cloud-bigquery-datatransfer',
    'sampleproject',
  ];

  it('restricts to them for any token', () => {
    fc.assert(
      fc.property(tokenArb, (t) => {
        expect(() => t.restrict({ projectNames: NAMES })).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});
