/**
 * Caveats as PyPI reads and enforces them (Warehouse is the authority), and as `restrict` writes them.
 * @module
 */
import { type TextParams, withData } from './coded.ts';
import { MAX_JSON_DEPTH, PyFloat, type PyJson, PyJsonError, parsePyJson } from './json.ts';
import { normalizeProjectName } from './names.ts';
import { pyString } from './python-text.ts';

export type Restriction =
  | { kind: 'date'; notBefore: number; notAfter: number }
  | { kind: 'project-names'; projectNames: string[] }
  | { kind: 'project-ids'; projectIds: string[] }
  | { kind: 'user-id'; userId: string }
  | { kind: 'legacy-noop' }
  | { kind: 'legacy-project-names'; projectNames: string[] }
  | { kind: 'legacy-date'; notBefore: number; notAfter: number }
  | { kind: 'legacy-project-ids'; projectIds: string[] }
  | { kind: 'oidc-publisher'; publisherId: string }
  | {
      kind: 'unknown';
      raw: string;
      reason: string;
      /** Set when the caveat cannot even be read (not UTF-8, not JSON): the token was likely cut or altered. */
      damaged?: true;
      /**
       * Set when this library could not read the caveat (nested deeper than `MAX_JSON_DEPTH`) though PyPI
       * might: whether PyPI accepts it is not known, only that it is not known here.
       */
      unreadable?: true;
      /**
       * `reason` as data (see `coded.ts`): set on every unknown restriction the core makes;
       * absent from one made by hand.
       */
      readonly reasonCode?: CaveatReasonCode;
      readonly reasonParams?: TextParams;
    };

/**
 * Why a caveat is `unknown`. `json-*`: its text does not parse (params `position`, and `limit` for
 * `json-int-limit`); `too-deep` (`levels`): this library stops reading; `unknown-tag` (`tag`, as Python
 * writes it); the others interpolate nothing.
 */
export const CAVEAT_REASON_CODES = [
  'not-utf8',
  'too-deep',
  'json-bom',
  'json-extra-data',
  'json-expecting-delimiter',
  'json-expecting-property-name',
  'json-expecting-colon',
  'json-unterminated-string',
  'json-invalid-control-character',
  'json-invalid-unicode-escape',
  'json-invalid-escape',
  'json-expecting-value',
  'json-int-limit',
  'not-array',
  'empty-array',
  'not-enough-values',
  'invalid-values',
  'unknown-tag',
  'unknown-tag-list',
  'unknown-tag-object',
] as const;
export type CaveatReasonCode = (typeof CAVEAT_REASON_CODES)[number];

/** What a token is being used for, as `Token.check` sees it. `now` is in Unix seconds. */
export interface CheckContext {
  projectName?: string;
  projectId?: string;
  userId?: string;
  now?: number | Date;
}

const isInt = (v: PyJson | undefined): v is number | bigint =>
  typeof v === 'number' || typeof v === 'bigint';
/**
 * A date field as a number. Past 2^53 it rounds, but monotonically, so every comparison with a moment a clock
 * can give (a safe integer) keeps PyPI's verdict; past 2^1024 it is +-Infinity, still on the right side.
 */
const seconds = (v: number | bigint): number => Number(v);
const isStr = (v: PyJson | undefined): v is string => typeof v === 'string';
const isStrList = (v: PyJson | undefined): v is string[] => Array.isArray(v) && v.every(isStr);

/** Python equality of a parsed tag with an integer: `True == 1` and `1.0 == 1` there. */
function tagNumber(tag: PyJson): number | undefined {
  if (typeof tag === 'boolean') return Number(tag);
  if (tag instanceof PyFloat) return tag.value;
  return typeof tag === 'number' ? tag : undefined; // a bigint tag is past 2^53: never a known one
}

const INVALID = 'invalid values for fields';

/** Parses one caveat's text as PyPI does; anything PyPI would refuse is `unknown` with the reason. */
export function parseCaveat(raw: string): Restriction {
  let value: PyJson;
  try {
    value = parsePyJson(raw);
  } catch (e) {
    return unparsed(raw, e);
  }
  // Caveats from before August 2022 were objects; PyPI adapts them to the array form first.
  return value instanceof Map ? fromLegacy(raw, value) : fromArray(raw, value);
}

/**
 * An `unknown` restriction and its reason, as text and as data. `reasonCode` is the reason's identity
 * (undefined only for an error that is not the parser's own, which has none).
 */
export function unknownCaveat(
  caveat: { raw: string; reason: string; damaged?: true; unreadable?: true },
  reasonCode: CaveatReasonCode | undefined,
  reasonParams: TextParams = {},
): Restriction {
  return withData({ kind: 'unknown' as const, ...caveat }, { reasonCode, reasonParams });
}

const unknown = (
  raw: string,
  code: CaveatReasonCode,
  reason: string,
  params?: TextParams,
): Restriction => unknownCaveat({ raw, reason }, code, params);

/** Why a caveat's text does not parse, as the `unknown` restriction it is. */
function unparsed(raw: string, e: unknown): Restriction {
  const json = e instanceof PyJsonError ? e : undefined;
  const kind = json?.kind ?? 'syntax';
  const message = (e as Error).message;
  if (kind === 'depth') {
    const levels = MAX_JSON_DEPTH.toLocaleString('en');
    const reason = `caveat nests deeper than the ${levels} levels this extension reads; PyPI may accept it`;
    return unknownCaveat({ raw, reason, unreadable: true }, 'too-deep', { levels: MAX_JSON_DEPTH });
  }
  // Each JSON error but `depth` has its reason code: a code missing from the list fails to compile here.
  const code: CaveatReasonCode | undefined =
    json && json.code !== 'depth' ? `json-${json.code}` : undefined;
  // A BOM or a 4,301-digit integer is deliberate, not damage: JSON that CPython's json.loads refuses.
  if (kind !== 'syntax') {
    const reason = `caveat is not JSON that PyPI reads (${message})`;
    return unknownCaveat({ raw, reason }, code, json?.params);
  }
  const reason = `caveat is not valid JSON (${message})`;
  return unknownCaveat({ raw, reason, damaged: true }, code, json?.params);
}

type Legacy = 'legacy-project-names' | 'legacy-date' | 'legacy-project-ids';

/** A legacy object caveat, adapted to its array form as PyPI adapts it. */
function fromLegacy(raw: string, value: Map<string, PyJson>): Restriction {
  const version = value.get('version');
  if (version !== undefined && tagNumber(version) === 1) {
    const permissions = value.get('permissions');
    if (permissions === 'user') return { kind: 'legacy-noop' };
    if (!(permissions instanceof Map && permissions.has('projects')))
      return unknown(raw, 'not-array', 'caveat must be an array');
    return fromArray(raw, [1, permissions.get('projects') as PyJson], 'legacy-project-names');
  }
  if (value.has('exp') && value.has('nbf')) {
    const adapted = [0, value.get('exp') as PyJson, value.get('nbf') as PyJson];
    return fromArray(raw, adapted, 'legacy-date');
  }
  if (value.has('project_ids'))
    return fromArray(raw, [2, value.get('project_ids') as PyJson], 'legacy-project-ids');
  return unknown(raw, 'not-array', 'caveat must be an array');
}

/** An array caveat `[tag, ...fields]`; `legacy` names the object form it was adapted from. */
function fromArray(raw: string, value: PyJson, legacy?: Legacy): Restriction {
  if (!Array.isArray(value)) return unknown(raw, 'not-array', 'caveat must be an array');
  if (value.length === 0) return unknown(raw, 'empty-array', 'caveat array cannot be empty');
  const [tag, a, b] = value as [PyJson, PyJson | undefined, PyJson | undefined];
  const fields = value.length - 1;
  const fail = (code: CaveatReasonCode, reason: string, params?: TextParams) =>
    unknown(raw, code, reason, params);
  // Extra trailing fields are ignored, missing ones refused, types checked strictly (pydantic StrictInt/StrictStr).
  switch (tagNumber(tag)) {
    case 0:
      if (fields < 2) return fail('not-enough-values', 'Not enough values');
      if (!isInt(a) || !isInt(b)) return fail('invalid-values', INVALID);
      return {
        kind: legacy === 'legacy-date' ? 'legacy-date' : 'date',
        notBefore: seconds(b),
        notAfter: seconds(a),
      };
    case 1:
      if (fields < 1) return fail('not-enough-values', 'Not enough values');
      if (!isStrList(a)) return fail('invalid-values', INVALID);
      return {
        kind: legacy === 'legacy-project-names' ? legacy : 'project-names',
        projectNames: a,
      };
    case 2:
      if (fields < 1) return fail('not-enough-values', 'Not enough values');
      if (!isStrList(a)) return fail('invalid-values', INVALID);
      return { kind: legacy === 'legacy-project-ids' ? legacy : 'project-ids', projectIds: a };
    case 3:
      if (fields < 1) return fail('not-enough-values', 'Not enough values');
      return isStr(a) ? { kind: 'user-id', userId: a } : fail('invalid-values', INVALID);
    case 4:
      // OIDCPublisher(oidc_publisher_id: StrictStr, oidc_claims: SignedClaims | None = None), where
      // SignedClaims is a dict[str, Any]: a second field, when present, must be an object or null.
      if (fields < 1) return fail('not-enough-values', 'Not enough values');
      if (!isStr(a) || (fields >= 2 && b !== null && !(b instanceof Map)))
        return fail('invalid-values', INVALID);
      return { kind: 'oidc-publisher', publisherId: a };
    default:
      return unknownTag(raw, tag);
  }
}

/** A tag PyPI does not know, written as Python's `str` writes it (a list or an object in words). */
function unknownTag(raw: string, tag: PyJson): Restriction {
  const reason = (what: string) => `caveat has unknown tag: ${what}`;
  if (Array.isArray(tag)) return unknown(raw, 'unknown-tag-list', reason('a list'));
  if (tag instanceof Map) return unknown(raw, 'unknown-tag-object', reason('an object'));
  const written =
    tag === null ? 'None' : typeof tag === 'boolean' ? (tag ? 'True' : 'False') : String(tag);
  return unknown(raw, 'unknown-tag', reason(written), { tag: written });
}

/** The reasons this restriction refuses `ctx` (empty when it passes). Messages are pypitoken's. */
export function checkRestriction(r: Restriction, ctx: CheckContext, now: number): string[] {
  const missing =
    "The restriction couldn't be checked because the context is missing required values";
  switch (r.kind) {
    case 'date':
    case 'legacy-date':
      return r.notBefore <= now && now < r.notAfter
        ? []
        : [
            `This token can only be used between timestamps ${r.notBefore} (incl) and ${r.notAfter} (excl). Received: ${now}`,
          ];
    case 'project-names':
    case 'legacy-project-names': {
      if (ctx.projectName === undefined) return [missing];
      const name = normalizeProjectName(ctx.projectName);
      return r.projectNames.includes(name)
        ? []
        : [
            `This token can only be used for project(s): ${r.projectNames.join(', ')}. Received: ${name}`,
          ];
    }
    case 'project-ids':
    case 'legacy-project-ids': {
      if (ctx.projectId === undefined) return [missing];
      const id = ctx.projectId.toLowerCase();
      return r.projectIds.includes(id)
        ? []
        : [
            `This token can only be used for project(s): ${r.projectIds.join(', ')}. Received: ${id}`,
          ];
    }
    case 'user-id':
      if (ctx.userId === undefined) return [missing];
      return r.userId === ctx.userId.toLowerCase()
        ? []
        : [`This token can only be used by user with id: ${r.userId}. Received: ${ctx.userId}`];
    case 'legacy-noop':
      return [];
    case 'oidc-publisher':
      return ['This token can only be used by its trusted publisher (an OIDC-identified request)'];
    case 'unknown':
      return r.unreadable
        ? [`This token cannot be checked here: ${r.reason}`]
        : [`PyPI cannot use this token: ${r.reason}`];
  }
}

/** The restrictions `Token.restrict` can add. */
export type WritableRestriction = Exclude<
  Restriction,
  { kind: 'legacy-project-ids' | 'oidc-publisher' | 'unknown' }
>;

/**
 * A caveat's text: `compact` as PyPI's serializer writes it (`,` `:`), otherwise byte for byte as
 * pypitoken does (Python's default `, ` `: `). Keys stay in pypitoken's order, not sorted.
 */
export function caveatText(r: WritableRestriction, compact: boolean): string {
  const sep = compact ? ',' : ', ';
  const colon = compact ? ':' : ': ';
  const list = (xs: readonly string[]) => `[${xs.map(pyString).join(sep)}]`;
  switch (r.kind) {
    case 'date':
      return `[0${sep}${r.notAfter}${sep}${r.notBefore}]`;
    case 'project-names':
      return `[1${sep}${list(r.projectNames)}]`;
    case 'project-ids':
      return `[2${sep}${list(r.projectIds)}]`;
    case 'user-id':
      return `[3${sep}${pyString(r.userId)}]`;
    case 'legacy-noop':
      return `{"version"${colon}1${sep}"permissions"${colon}"user"}`;
    case 'legacy-project-names':
      return `{"version"${colon}1${sep}"permissions"${colon}{"projects"${colon}${list(r.projectNames)}}}`;
    case 'legacy-date':
      return `{"nbf"${colon}${r.notBefore}${sep}"exp"${colon}${r.notAfter}}`;
  }
}
