/**
 * What `Token.restrict` accepts, validated into caveat texts: refuses what would make a useless token,
 * and any value that is, or holds a piece of, a token. Messages never quote a secret.
 * @module
 */
import type { TextParams } from './coded.ts';
import { InvalidRestrictionError, type RestrictionErrorCode } from './errors.ts';
import { isUuid, isValidProjectName, normalizeProjectName } from './names.ts';
import { sharesPiece } from './pieces.ts';
import { looksLikeToken } from './read.ts';
import { caveatText, type WritableRestriction } from './restrictions.ts';

/** What `restrict` may add; times are Unix seconds or `Date`s. At most one caveat of each kind per call. */
export interface RestrictParams {
  notBefore?: number | Date;
  notAfter?: number | Date;
  projectNames?: string[];
  projectIds?: string[];
  userId?: string;
  legacyNoop?: boolean;
  legacyProjectNames?: string[];
  legacyNotBefore?: number | Date;
  legacyNotAfter?: number | Date;
}

export interface RestrictOptions {
  /** `compact` (default) writes caveats as PyPI's serializer does; `pypitoken` byte for byte as pypitoken. */
  encoding?: 'compact' | 'pypitoken';
  /** Other tokens (their texts) no piece of which may reach a caveat, as none of this one's may. */
  secrets?: readonly string[];
}

const PARAMS = new Set<string>([
  'notBefore',
  'notAfter',
  'projectNames',
  'projectIds',
  'userId',
  'legacyNoop',
  'legacyProjectNames',
  'legacyNotBefore',
  'legacyNotAfter',
]);

/** A user-supplied value, shortened so an error message can never carry a pasted token. */
const shown = (v: unknown): string => {
  const s = typeof v === 'string' ? JSON.stringify(v) : String(v);
  return s.length > 40 ? `${s.slice(0, 30)}…` : s;
};

const invalid = (message: string, code: RestrictionErrorCode, params?: TextParams): never => {
  throw new InvalidRestrictionError(message, code, params);
};

/** The `time-not-seconds` refusal: a restriction's; `check` makes a `RangeError` of its `now`. */
const notSeconds = (message: string, params: TextParams): Error =>
  new InvalidRestrictionError(message, 'time-not-seconds', params);

/** A moment as Unix seconds; `refuse` makes what to throw (`check`'s `now` is not a restriction). */
export function seconds(
  v: number | Date,
  name: string,
  refuse: (message: string, params: TextParams) => Error = notSeconds,
): number {
  const s = v instanceof Date ? Math.floor(v.getTime() / 1000) : v;
  if (typeof s !== 'number' || !Number.isSafeInteger(s) || s < 0) {
    const value = shown(v);
    throw refuse(
      `${name} must be a whole number of seconds since 1970 (or a valid Date); received ${value}.`,
      { name, value },
    );
  }
  return s;
}

function window(
  p: RestrictParams,
  before: 'notBefore' | 'legacyNotBefore',
  after: 'notAfter' | 'legacyNotAfter',
) {
  const [nb, na] = [p[before], p[after]];
  if (nb === undefined && na === undefined) return undefined;
  if (nb === undefined || na === undefined) {
    const [beforeValue, afterValue] = [shown(nb), shown(na)];
    return invalid(
      `\`${before}\` and \`${after}\` must be used together. Either define both or neither. ` +
        `Received ${before}=${beforeValue} and ${after}=${afterValue}.`,
      'window-half',
      { before, after, beforeValue, afterValue },
    );
  }
  const [from, to] = [seconds(nb, before), seconds(na, after)];
  if (from >= to) {
    invalid(
      `${before} must be earlier than ${after}: this window contains no moment at all.`,
      'window-empty',
      { before, after },
    );
  }
  return [from, to] as const;
}

function list(v: unknown, name: string, check: (s: string) => string): string[] {
  if (typeof v === 'string')
    invalid(
      `${name} should be an array of strings. Received a single string not wrapped in an array.`,
      'list-single-string',
      { name },
    );
  if (!Array.isArray(v)) {
    const value = shown(v);
    return invalid(`${name} should be an array of strings; received ${value}.`, 'list-not-array', {
      name,
      value,
    });
  }
  if (v.length === 0)
    invalid(`${name} is empty: a token restricted to no project can never be used.`, 'list-empty', {
      name,
    });
  return [
    ...new Set(
      v.map((s) => {
        if (typeof s === 'string') return check(s);
        const value = shown(s);
        return invalid(`${name} may only hold strings; received ${value}.`, 'list-not-string', {
          name,
          value,
        });
      }),
    ),
  ];
}

/** Fixed text: a refused secret is never quoted. */
const SECRET_IN_VALUE =
  'This value is an API token, or holds a piece of one: no part of a token may be written into a restriction.';

/** Refuses a secret before any other check, so that no message can ever quote it. */
function refuseSecret(s: string): void {
  if (looksLikeToken(s)) invalid(SECRET_IN_VALUE, 'secret-in-value');
}

const TEXT_PARAMS = ['projectNames', 'projectIds', 'userId', 'legacyProjectNames'] as const;

/**
 * Refuses, before any check that could quote a value, a restriction holding a piece of `tokens`: in
 * one value, or split over several (each list is read joined, in order).
 */
function refusePieces(p: RestrictParams, tokens: () => readonly string[]): void {
  if (typeof p !== 'object' || p === null) return; // caveatsFor says why
  for (const k of TEXT_PARAMS) {
    const v: unknown = p[k];
    const text = Array.isArray(v) ? v.filter((s) => typeof s === 'string').join('') : v;
    if (typeof text === 'string' && sharesPiece(text, tokens))
      invalid(SECRET_IN_VALUE, 'secret-in-value');
  }
}

function projectName(s: string): string {
  refuseSecret(s);
  if (isValidProjectName(s)) return normalizeProjectName(s);
  const value = shown(s);
  return invalid(`${value} is not a valid project name.`, 'invalid-project-name', { value });
}

const uuid =
  (what: string, code: 'invalid-project-id' | 'invalid-user-id') =>
  (s: string): string => {
    refuseSecret(s);
    if (isUuid(s)) return s.toLowerCase();
    const value = shown(s);
    return invalid(`${value} is not a ${what} (a UUID).`, code, { value });
  };

/** The restrictions for one `restrict` call, validated, in pypitoken's fixed order. */
function caveatsFor(p: RestrictParams): WritableRestriction[] {
  if (typeof p !== 'object' || p === null)
    invalid('restrict expects an object of restrictions.', 'not-an-object');
  for (const k in p) {
    if (PARAMS.has(k)) continue;
    const name = shown(k);
    invalid(`Unknown restriction ${name}.`, 'unknown-restriction', { name });
  }
  const out: WritableRestriction[] = [];
  const date = window(p, 'notBefore', 'notAfter');
  if (date) out.push({ kind: 'date', notBefore: date[0], notAfter: date[1] });
  if (p.projectNames !== undefined) {
    out.push({
      kind: 'project-names',
      projectNames: list(p.projectNames, 'projectNames', projectName),
    });
  }
  if (p.projectIds !== undefined) {
    out.push({
      kind: 'project-ids',
      projectIds: list(p.projectIds, 'projectIds', uuid('project ID', 'invalid-project-id')),
    });
  }
  if (p.userId !== undefined) {
    if (typeof p.userId !== 'string') {
      const value = shown(p.userId);
      invalid(`userId must be a string; received ${value}.`, 'user-id-not-string', { value });
    }
    out.push({ kind: 'user-id', userId: uuid('user ID', 'invalid-user-id')(p.userId) });
  }
  if (p.legacyNoop !== undefined && typeof p.legacyNoop !== 'boolean') {
    invalid('legacyNoop must be true or false.', 'legacy-noop-not-boolean');
  }
  if (p.legacyNoop) out.push({ kind: 'legacy-noop' });
  if (p.legacyProjectNames !== undefined) {
    const projectNames = list(p.legacyProjectNames, 'legacyProjectNames', projectName);
    out.push({ kind: 'legacy-project-names', projectNames });
  }
  const legacyDate = window(p, 'legacyNotBefore', 'legacyNotAfter');
  if (legacyDate)
    out.push({ kind: 'legacy-date', notBefore: legacyDate[0], notAfter: legacyDate[1] });
  if (out.length === 0)
    invalid('No restriction given: name projects, IDs, a user or a time window.', 'no-restriction');
  return out;
}

/**
 * The caveats one `restrict(p, o)` call appends to the token whose normalized text (`normalizeProjectName`) `token` gives, as
 * texts in pypitoken's order. Throws `InvalidRestrictionError`.
 */
export function caveatTexts(p: RestrictParams, o: RestrictOptions, token: () => string): string[] {
  refusePieces(p, () => [token(), ...(o.secrets ?? []).map(normalizeProjectName)]);
  const caveats = caveatsFor(p);
  const compact = (o.encoding ?? 'compact') === 'compact';
  if (!compact && o.encoding !== 'pypitoken') {
    invalid('encoding must be "compact" or "pypitoken".', 'invalid-encoding');
  }
  return caveats.map((c) => caveatText(c, compact));
}
