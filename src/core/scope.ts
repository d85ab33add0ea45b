/**
 * Folds a token's restrictions into its effective scope, with findings a UI can show.
 * @module
 */
import { type TextParams, withData } from './coded.ts';
import type { CaveatReasonCode, Restriction } from './restrictions.ts';
import { Token } from './token.ts';

/** What a finding is about; its params (see `Finding.params`). */
export const FINDING_CODES = [
  'wrong-prefix',
  'unknown-site',
  'v1-format',
  'damaged',
  'expired',
  'not-yet-valid',
  'empty-window',
  'no-project',
  'conflicting-users',
  'unknown-caveat',
  'unreadable-caveat',
  'legacy-noop',
  'trusted-publisher',
  'lower-bound',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

/** A moment too far off for a date, written as a number: `seconds` (as text), before or after. */
export const TIME_CODES = ['time-far-future', 'time-far-past'] as const;
export type TimeCode = (typeof TIME_CODES)[number];

export interface Finding {
  code: FindingCode;
  severity: 'error' | 'warning' | 'info';
  message: string;
  /**
   * The values `message` interpolates (see `coded.ts`). `wrong-prefix`: `prefix` (clipped to 20
   * characters); `unknown-site`: `site` (clipped to 40, quoted), or none when the token names no site,
   * a message of its own; `expired` and `not-yet-valid`: `time` (ISO 8601, UTC; a far-off one is a
   * clause, `timeCode`); `damaged`, `unknown-caveat`, `unreadable-caveat`: the caveat's `reason` (a
   * clause, `reasonCode`). The others: none.
   */
  readonly params: TextParams;
  /** The `reason` param's own code and params, when the caveat's restriction has them. */
  readonly reasonCode?: CaveatReasonCode;
  readonly reasonParams?: TextParams;
  /** The `time` param's own code and params, for a moment too far off to be a date. */
  readonly timeCode?: TimeCode;
  readonly timeParams?: TextParams;
}

export interface ScopeSummary {
  /** Intersection of every project-name list; `null` when no caveat restricts names. */
  projectNames: string[] | null;
  /** Intersection of every project-ID list; `null` when no caveat restricts IDs. */
  projectIds: string[] | null;
  /** Distinct users the token is bound to (two or more: no request can satisfy all). */
  userIds: string[];
  /** The tightest window, in Unix seconds: latest start, earliest end; `null` where unbounded. */
  notBefore: number | null;
  notAfter: number | null;
  unknown: { raw: string; reason: string }[];
  trustedPublisher: boolean;
  findings: Finding[];
}

const intersect = (a: string[] | null, b: readonly string[]): string[] =>
  a === null ? [...new Set(b)] : a.filter((x) => b.includes(x));
/** The furthest moments a `Date` can hold either side of 1970, in Unix seconds (years -271821 and 275760). */
const DATE_LIMIT = 8.64e12;
/**
 * A moment in UTC, as the `time` param of a finding; a caveat's integers have no size limit, so far-off
 * ones are written as numbers.
 */
function when(s: number): Pick<Finding, 'timeCode' | 'timeParams'> & { time: string } {
  if (Math.abs(s) <= DATE_LIMIT)
    return { time: new Date(s * 1000).toISOString().replace('.000Z', 'Z') };
  const seconds = String(s);
  const later = s > 0;
  return {
    time: `Unix time ${seconds} (${later ? 'the year 275760 or later' : 'before the year -271821'})`,
    timeCode: later ? 'time-far-future' : 'time-far-past',
    timeParams: { seconds },
  };
}
/** Untrusted token text, shortened for a message. */
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);
const SITES = new Set(['pypi.org', 'test.pypi.org']);

/**
 * `now` is Unix seconds. Accepts a `Token` or its `restrictions`; given a `Token`, also finds what makes
 * PyPI refuse it outright (its prefix, site or format). Never throws.
 */
export function summarizeScope(
  source: { readonly restrictions: readonly Restriction[] } | readonly Restriction[],
  now: number = Math.floor(Date.now() / 1000),
): ScopeSummary {
  const restrictions = 'restrictions' in source ? source.restrictions : source;
  const { summary: s, legacyNoop } = fold(restrictions);
  const add: Add = (code, severity, message, params = {}, data = {}) =>
    s.findings.push(withData({ code, severity, message }, { params, ...data }) as Finding);
  if (source instanceof Token) findFormat(source, add);
  findWindow(s, now, add);
  findConflicts(s, add);
  for (const r of restrictions) findCaveat(r, add);
  addNotes(s.trustedPublisher, legacyNoop, add);
  return s;
}

/** Appends a finding to the summary, in the order they are found; `data`: its params' own codes. */
type Add = (
  code: FindingCode,
  severity: Finding['severity'],
  message: string,
  params?: TextParams,
  data?: Pick<Finding, 'reasonCode' | 'reasonParams' | 'timeCode' | 'timeParams'>,
) => void;

/** Every caveat must pass: lists intersect, windows narrow, users add up. */
function fold(restrictions: readonly Restriction[]): {
  summary: ScopeSummary;
  legacyNoop: boolean;
} {
  const s: ScopeSummary = {
    projectNames: null,
    projectIds: null,
    userIds: [],
    notBefore: null,
    notAfter: null,
    unknown: [],
    trustedPublisher: false,
    findings: [],
  };
  let legacyNoop = false;
  for (const r of restrictions) {
    switch (r.kind) {
      case 'date':
      case 'legacy-date':
        s.notBefore = Math.max(s.notBefore ?? r.notBefore, r.notBefore);
        s.notAfter = Math.min(s.notAfter ?? r.notAfter, r.notAfter);
        break;
      case 'project-names':
      case 'legacy-project-names':
        s.projectNames = intersect(s.projectNames, r.projectNames);
        break;
      case 'project-ids':
      case 'legacy-project-ids':
        s.projectIds = intersect(s.projectIds, r.projectIds);
        break;
      case 'user-id':
        if (!s.userIds.includes(r.userId)) s.userIds.push(r.userId);
        break;
      case 'legacy-noop':
        legacyNoop = true;
        break;
      case 'oidc-publisher':
        s.trustedPublisher = true;
        break;
      case 'unknown':
        s.unknown.push({ raw: r.raw, reason: r.reason });
        break;
    }
  }
  return { summary: s, legacyNoop };
}

/** What PyPI refuses before reading any caveat: the prefix, the site, the format. */
function findFormat(token: Token, add: Add): void {
  if (token.prefix !== 'pypi') {
    const prefix = clip(token.prefix, 20);
    add(
      'wrong-prefix',
      'error',
      `PyPI only accepts tokens that start with pypi-; this one starts with ${prefix}-.`,
      { prefix },
    );
  }
  if (token.domain === '') {
    add(
      'unknown-site',
      'error',
      'This token names no site: PyPI issues tokens only for pypi.org or test.pypi.org.',
    );
  } else if (!SITES.has(token.domain)) {
    const site = JSON.stringify(clip(token.domain, 40));
    add(
      'unknown-site',
      'error',
      `This token was made for ${site}, not for pypi.org or test.pypi.org: PyPI never issues such a token.`,
      { site },
    );
  }
  if (token.version === 1) {
    add(
      'v1-format',
      'error',
      'This token is in the older V1 macaroon format, which PyPI cannot read: it will be refused.',
    );
  }
}

/** At most one: a window that holds no moment, else one that `now` is past, else one not yet open. */
function findWindow(s: ScopeSummary, now: number, add: Add): void {
  if (s.notBefore !== null && s.notAfter !== null && s.notBefore >= s.notAfter) {
    add(
      'empty-window',
      'error',
      'No moment lies inside every time window embedded in this token: it can never be used.',
    );
  } else if (s.notAfter !== null && now >= s.notAfter) {
    const { time, ...data } = when(s.notAfter);
    add('expired', 'error', `This token expired at ${time}.`, { time }, data);
  } else if (s.notBefore !== null && now < s.notBefore) {
    const { time, ...data } = when(s.notBefore);
    add('not-yet-valid', 'warning', `This token is not valid before ${time}.`, { time }, data);
  }
}

/** Caveats that no request can satisfy together. */
function findConflicts(s: ScopeSummary, add: Add): void {
  if (s.projectNames?.length === 0 || s.projectIds?.length === 0) {
    add(
      'no-project',
      'error',
      'No project can ever match: the project restrictions embedded in this token have nothing in common.',
    );
  }
  if (s.userIds.length > 1) {
    add(
      'conflicting-users',
      'error',
      'This token is bound to several different users at once: no upload can satisfy them all.',
    );
  }
}

/** A caveat this library or PyPI cannot use: unread here, damaged, or one PyPI does not know. */
function findCaveat(r: Restriction, add: Add): void {
  if (r.kind !== 'unknown') return;
  const { reason, reasonCode, reasonParams } = r;
  const params = { reason };
  const data = { reasonCode, reasonParams };
  if (r.unreadable) {
    // Not PyPI's verdict: only that this extension stops reading where CPython may go on.
    add(
      'unreadable-caveat',
      'warning',
      `This extension cannot read one embedded caveat (${reason}): what this token allows is not known here.`,
      params,
      data,
    );
  } else if (r.damaged) {
    add(
      'damaged',
      'error',
      `This token looks damaged: one of its caveats is not readable (${reason}). Was it copied whole?`,
      params,
      data,
    );
  } else {
    add(
      'unknown-caveat',
      'error',
      `PyPI will refuse this token: one embedded caveat is not one it knows (${reason}).`,
      params,
      data,
    );
  }
}

/** What is worth knowing but refuses nothing; the last always holds. */
function addNotes(trustedPublisher: boolean, legacyNoop: boolean, add: Add): void {
  if (legacyNoop) {
    add(
      'legacy-noop',
      'info',
      'A legacy "user" caveat is embedded: it restricts nothing beyond the token\'s own user.',
    );
  }
  if (trustedPublisher) {
    add(
      'trusted-publisher',
      'info',
      'This is a short-lived trusted-publishing token: only its OIDC publisher can use it.',
    );
  }
  add(
    'lower-bound',
    'info',
    'PyPI also enforces the restrictions it recorded when it issued this token: the ones embedded here are a lower bound.',
  );
}
