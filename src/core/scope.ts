/**
 * Folds a token's restrictions into its effective scope, with findings a UI can show.
 * @module
 */
import type { Restriction } from './restrictions.ts';

export interface Finding {
  code:
    | 'expired'
    | 'not-yet-valid'
    | 'empty-window'
    | 'no-project'
    | 'conflicting-users'
    | 'unknown-caveat'
    | 'legacy-noop'
    | 'trusted-publisher'
    | 'lower-bound';
  severity: 'error' | 'warning' | 'info';
  message: string;
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
const iso = (s: number) => new Date(s * 1000).toISOString().replace('.000Z', 'Z');

/** `now` is Unix seconds. Accepts a `Token` or its `restrictions`. */
export function summarizeScope(
  source: { readonly restrictions: readonly Restriction[] } | readonly Restriction[],
  now: number = Math.floor(Date.now() / 1000),
): ScopeSummary {
  const restrictions = 'restrictions' in source ? source.restrictions : source;
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
  const add = (code: Finding['code'], severity: Finding['severity'], message: string) =>
    s.findings.push({ code, severity, message });

  if (s.notBefore !== null && s.notAfter !== null && s.notBefore >= s.notAfter) {
    add(
      'empty-window',
      'error',
      'No moment lies inside every time window embedded in this token: it can never be used.',
    );
  } else if (s.notAfter !== null && now >= s.notAfter) {
    add('expired', 'error', `This token expired at ${iso(s.notAfter)}.`);
  } else if (s.notBefore !== null && now < s.notBefore) {
    add('not-yet-valid', 'warning', `This token is not valid before ${iso(s.notBefore)}.`);
  }
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
  for (const u of s.unknown) {
    add(
      'unknown-caveat',
      'error',
      `PyPI will refuse this token: one embedded caveat is not one it knows (${u.reason}).`,
    );
  }
  if (legacyNoop) {
    add(
      'legacy-noop',
      'info',
      'A legacy "user" caveat is embedded: it restricts nothing beyond the token\'s own user.',
    );
  }
  if (s.trustedPublisher) {
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
  return s;
}
