/**
 * `Token`: load, inspect, restrict, dump, create and check PyPI API tokens, byte for byte as pypitoken does.
 * @module
 */
import { utf8 } from './bytes.ts';
import { TokenError, ValidationError } from './errors.ts';
import { normalizeProjectName } from './names.ts';
import { type Caveats, readCaveats, readToken } from './read.ts';
import {
  caveatTexts,
  type RestrictOptions,
  type RestrictParams,
  seconds,
} from './restrict-params.ts';
import {
  type CheckContext,
  checkRestriction,
  parseCaveat,
  type Restriction,
  unknownCaveat,
} from './restrictions.ts';
import { attenuate, mint, verify } from './signature.ts';

export class Token {
  readonly #version: 1 | 2;
  /**
   * The base64url text after the prefix, canonical: all the token keeps of its macaroon. Each call that
   * needs bytes decodes them from it into the scratch, which is zeroed before the call returns.
   */
  readonly #body: string;
  /** Read on load; a token made by `create` or `restrict` decodes them from `#body` when first asked. */
  #caveats?: Caveats;
  #restrictions?: readonly Restriction[];
  /** Its text as names compare, for the check that no restriction holds a piece of it. */
  #pieceText?: string;

  private constructor(
    readonly prefix: string,
    readonly domain: string,
    readonly identifier: string,
    version: 1 | 2,
    body: string,
    caveats?: Caveats,
  ) {
    this.#version = version;
    this.#body = body;
    this.#caveats = caveats;
  }

  /** Reads a token string (surrounding whitespace ignored). Throws `LoadError` with a user-readable reason. */
  static load(raw: string): Token {
    const t = readToken(raw);
    return new Token(t.prefix, t.domain, t.identifier, t.version, t.body, t.caveats);
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
    if (version !== 1 && version !== 2)
      throw new TokenError('version must be 1 or 2.', 'invalid-version');
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
        : unknownCaveat({ raw, reason: 'caveat is not valid UTF-8', damaged: true }, 'not-utf8'),
    );
    return this.#restrictions;
  }

  /** A new, narrower token: the caveats for `p` appended in pypitoken's order. This token is unchanged. */
  restrict(p: RestrictParams, o: RestrictOptions = {}): Token {
    const own = () => (this.#pieceText ??= normalizeProjectName(this.dump()));
    const body = attenuate(this.#body, this.#version, caveatTexts(p, o, own));
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
      ctx.now === undefined
        ? Math.floor(Date.now() / 1000)
        : seconds(ctx.now, 'now', (message) => new RangeError(message));
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
