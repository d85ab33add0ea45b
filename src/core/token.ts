/**
 * `Token`: load, inspect, restrict, dump, create and check PyPI API tokens, byte for byte as pypitoken does.
 * @module
 */
import { utf8 } from './bytes.ts';
import { InvalidRestrictionError, TokenError, ValidationError } from './errors.ts';
import { isUuid, isValidProjectName, normalizeProjectName } from './names.ts';
import { holdsPieceOf } from './pieces.ts';
import { looksLikeToken, readCaveats, readToken } from './read.ts';
import {
  type CheckContext,
  caveatText,
  checkRestriction,
  parseCaveat,
  type Restriction,
  type WritableRestriction,
} from './restrictions.ts';
import { attenuate, mint, verify } from './signature.ts';

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
export class Token {
  readonly #version: 1 | 2;
  /**
   * The base64url text after the prefix, canonical: all the token keeps of its macaroon. Each call that
   * needs bytes decodes them from it into the scratch, which is zeroed before the call returns.
   */
  readonly #body: string;
  #caveats?: { texts: readonly string[]; utf8: readonly boolean[] };
  #restrictions?: readonly Restriction[];

  private constructor(
    readonly prefix: string,
    readonly domain: string,
    readonly identifier: string,
    version: 1 | 2,
    body: string,
  ) {
    this.#version = version;
    this.#body = body;
  }

  /** Reads a token string (surrounding whitespace ignored). Throws `LoadError` with a user-readable reason. */
  static load(raw: string): Token {
    const t = readToken(raw);
    return new Token(t.prefix, t.domain, t.identifier, t.version, t.body);
  }

  /** Mints a token as PyPI does (the root key is PyPI's secret). `version: 1` writes the older V1 format. */
  static create(o: {
    domain: string;
    identifier: string;
    key: string | Uint8Array;
    prefix?: string;
    version?: 1 | 2;
  }): Token {
    const version = o.version ?? 2;
    if (version !== 1 && version !== 2) throw new TokenError('version must be 1 or 2.');
    const body = mint(version, utf8(o.domain), utf8(o.identifier), keyBytes(o.key));
    return new Token(o.prefix ?? 'pypi', o.domain, o.identifier, version, body);
  }

  /** The macaroon format the token was read or made in. */
  get version(): 1 | 2 {
    return this.#version;
  }

  /** The raw text of each caveat, in order (bytes that are not UTF-8 show as U+FFFD). */
  get caveats(): readonly string[] {
    this.#caveats ??= readCaveats(this.#body);
    return this.#caveats.texts;
  }

  /** Each caveat parsed as PyPI parses it; never throws: what PyPI would refuse is `unknown`. */
  get restrictions(): readonly Restriction[] {
    this.#caveats ??= readCaveats(this.#body);
    const { texts, utf8 } = this.#caveats;
    this.#restrictions ??= texts.map((raw, i) =>
      utf8[i]
        ? parseCaveat(raw)
        : { kind: 'unknown', raw, reason: 'caveat is not valid UTF-8', damaged: true },
    );
    return this.#restrictions;
  }

  /** A new, narrower token: the caveats for `p` appended in pypitoken's order. This token is unchanged. */
  restrict(p: RestrictParams, o: RestrictOptions = {}): Token {
    refusePieces(p, [this.dump(), ...(o.secrets ?? [])]);
    const caveats = caveatsFor(p);
    const compact = (o.encoding ?? 'compact') === 'compact';
    if (!compact && o.encoding !== 'pypitoken') {
      throw new InvalidRestrictionError('encoding must be "compact" or "pypitoken".');
    }
    const texts = caveats.map((c) => caveatText(c, compact));
    const body = attenuate(this.#body, this.#version, texts);
    return new Token(this.prefix, this.domain, this.identifier, this.#version, body);
  }

  /** The token string: prefix, `-`, base64url without padding. */
  dump(): string {
    return `${this.prefix}-${this.#body}`;
  }

  /**
   * Verifies the signature chain with the root `key` and every caveat against `ctx`, as PyPI does.
   * Throws `ValidationError` listing every failure; a single failure reads exactly as pypitoken's.
   */
  check(key: string | Uint8Array, ctx: CheckContext = {}): void {
    const now =
      ctx.now === undefined ? Math.floor(Date.now() / 1000) : seconds(ctx.now, 'now', RangeError);
    const failures = this.restrictions.flatMap((r) => checkRestriction(r, ctx, now));
    if (!verify(this.#body, keyBytes(key))) failures.push('Signatures do not match');
    if (failures.length > 0) throw new ValidationError(failures);
  }

  /** Never the secret: what a log or `JSON.stringify` may show. */
  toJSON(): { prefix: string; domain: string; identifier: string; caveats: readonly string[] } {
    return {
      prefix: this.prefix,
      domain: this.domain,
      identifier: this.identifier,
      caveats: this.caveats,
    };
  }
}

const keyBytes = (key: string | Uint8Array): Uint8Array =>
  typeof key === 'string' ? utf8(key) : key;

/** A user-supplied value, shortened so an error message can never carry a pasted token. */
const shown = (v: unknown): string => {
  const s = typeof v === 'string' ? JSON.stringify(v) : String(v);
  return s.length > 40 ? `${s.slice(0, 30)}…` : s;
};

const invalid = (message: string): never => {
  throw new InvalidRestrictionError(message);
};

function seconds(
  v: number | Date,
  name: string,
  E: new (m: string) => Error = InvalidRestrictionError,
): number {
  const s = v instanceof Date ? Math.floor(v.getTime() / 1000) : v;
  if (typeof s !== 'number' || !Number.isSafeInteger(s) || s < 0) {
    throw new E(
      `${name} must be a whole number of seconds since 1970 (or a valid Date); received ${shown(v)}.`,
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
    return invalid(
      `\`${before}\` and \`${after}\` must be used together. Either define both or neither. ` +
        `Received ${before}=${shown(nb)} and ${after}=${shown(na)}.`,
    );
  }
  const [from, to] = [seconds(nb, before), seconds(na, after)];
  if (from >= to)
    invalid(`${before} must be earlier than ${after}: this window contains no moment at all.`);
  return [from, to] as const;
}

function list(v: unknown, name: string, check: (s: string) => string): string[] {
  if (typeof v === 'string')
    invalid(
      `${name} should be an array of strings. Received a single string not wrapped in an array.`,
    );
  if (!Array.isArray(v))
    return invalid(`${name} should be an array of strings; received ${shown(v)}.`);
  if (v.length === 0)
    invalid(`${name} is empty: a token restricted to no project can never be used.`);
  return [
    ...new Set(
      v.map((s) =>
        typeof s === 'string'
          ? check(s)
          : invalid(`${name} may only hold strings; received ${shown(s)}.`),
      ),
    ),
  ];
}

/** Fixed text: a refused secret is never quoted. */
const SECRET_IN_VALUE =
  'This value is an API token, or holds a piece of one: no part of a token may be written into a restriction.';

/** Refuses a secret before any other check, so that no message can ever quote it. */
function refuseSecret(s: string): void {
  if (looksLikeToken(s)) invalid(SECRET_IN_VALUE);
}

const TEXT_PARAMS = ['projectNames', 'projectIds', 'userId', 'legacyProjectNames'] as const;

/**
 * Refuses, before any check that could quote a value, a restriction holding a piece of `tokens`: in
 * one value, or split over several (each list is read joined, in order).
 */
function refusePieces(p: RestrictParams, tokens: readonly string[]): void {
  if (typeof p !== 'object' || p === null) return; // caveatsFor says why
  for (const k of TEXT_PARAMS) {
    const v: unknown = p[k];
    const text = Array.isArray(v) ? v.filter((s) => typeof s === 'string').join('') : v;
    if (typeof text === 'string' && holdsPieceOf(text, tokens)) invalid(SECRET_IN_VALUE);
  }
}

function projectName(s: string): string {
  refuseSecret(s);
  return isValidProjectName(s)
    ? normalizeProjectName(s)
    : invalid(`${shown(s)} is not a valid project name.`);
}

const uuid =
  (what: string) =>
  (s: string): string => {
    refuseSecret(s);
    return isUuid(s) ? s.toLowerCase() : invalid(`${shown(s)} is not a ${what} (a UUID).`);
  };

/** The restrictions for one `restrict` call, validated, in pypitoken's fixed order. */
function caveatsFor(p: RestrictParams): WritableRestriction[] {
  if (typeof p !== 'object' || p === null) invalid('restrict expects an object of restrictions.');
  for (const k in p) if (!PARAMS.has(k)) invalid(`Unknown restriction ${shown(k)}.`);
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
      projectIds: list(p.projectIds, 'projectIds', uuid('project ID')),
    });
  }
  if (p.userId !== undefined) {
    if (typeof p.userId !== 'string')
      invalid(`userId must be a string; received ${shown(p.userId)}.`);
    out.push({ kind: 'user-id', userId: uuid('user ID')(p.userId) });
  }
  if (p.legacyNoop !== undefined && typeof p.legacyNoop !== 'boolean') {
    invalid('legacyNoop must be true or false.');
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
    invalid('No restriction given: name projects, IDs, a user or a time window.');
  return out;
}
