/**
 * Whether a value carries a piece of a token: a run of characters it shares with the token's text, as
 * PyPI would store the value (lowercase, runs of `-`, `_`, `.` as one `-`). A token split by a space, a
 * line break or a comma must never reach a caveat piece by piece.
 * @module
 */
import { normalizeProjectName } from './names.ts';

/**
 * The shortest shared run that counts as a piece. Measured (`scripts/token-runs.ts`) over all 886,323
 * project names on PyPI against 3,000 random pypi.org and test.pypi.org tokens: no name shares a run of
 * 10 with any token, except one name that is itself made of a token's text (it shares 13). 12 leaves
 * a margin (37 symbols: a chance match of 12 is 1,369 times rarer than one of 10), and a value can then
 * carry at most 11 characters of a token: at most 66 of a signature's 256 bits, with their case lost.
 */
export const PIECE_LENGTH = 12;

/**
 * Whether `value` (its separators `\s` and `,` removed, so that pieces written apart are read together)
 * shares a run of `PIECE_LENGTH` characters with any of `tokens` (their texts).
 */
export const holdsPieceOf = (value: string, tokens: readonly string[]): boolean =>
  sharesPiece(value, () => tokens.map(normalizeProjectName));

/**
 * The same, with the tokens' texts already normalized (`normalizeProjectName`), asked for only when `value` is long enough to
 * hold a piece (most names are not): `restrict` keeps its own token's normalized text.
 */
export function sharesPiece(value: string, tokens: () => readonly string[]): boolean {
  // Compared as PyPI stores names, so a piece matches however it was written.
  const v = normalizeProjectName(value.replace(/[\s,]+/g, ''));
  if (v.length < PIECE_LENGTH) return false;
  const texts = tokens();
  for (let i = 0; i + PIECE_LENGTH <= v.length; i++) {
    const run = v.slice(i, i + PIECE_LENGTH);
    if (texts.some((t) => t.includes(run))) return true;
  }
  return false;
}
