/**
 * Restrictions and scopes in plain words, for the inspector and the result summary.
 * Pure: takes the core's data, returns strings.
 */
import type { Restriction, ScopeSummary } from '@/src/core';

const short = (id: string) => `${id.slice(0, 8)}…`;
const list = (xs: readonly string[]) => xs.join(', ');

/** "14:00 25 Nov 2026 UTC": times are always also shown in UTC, PyPI's clock. */
export function utc(seconds: number): string {
  const d = new Date(seconds * 1000);
  const time = d.toISOString().slice(11, 16);
  const day = d.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return `${time} ${day} UTC`;
}

/** The same moment in the user's time zone. */
export function local(seconds: number): string {
  return new Date(seconds * 1000).toLocaleString(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}

/** One embedded restriction, in words. */
export function describeRestriction(r: Restriction): string {
  switch (r.kind) {
    case 'date':
      return `valid from ${utc(r.notBefore)} until ${utc(r.notAfter)}`;
    case 'legacy-date':
      return `valid from ${utc(r.notBefore)} until ${utc(r.notAfter)} (legacy caveat)`;
    case 'project-names':
      return r.projectNames.length
        ? `only projects: ${list(r.projectNames)}`
        : 'no project at all (empty list)';
    case 'legacy-project-names':
      return `only projects: ${list(r.projectNames)} (legacy caveat)`;
    case 'project-ids':
      return r.projectIds.length
        ? `only project IDs: ${list(r.projectIds.map(short))}`
        : 'no project at all (empty ID list)';
    case 'legacy-project-ids':
      return `only project IDs: ${list(r.projectIds.map(short))} (legacy caveat)`;
    case 'user-id':
      return `only user ${short(r.userId)}`;
    case 'legacy-noop':
      return 'the token’s own user (legacy caveat, restricts nothing more)';
    case 'oidc-publisher':
      return `trusted-publishing token (publisher ${short(r.publisherId)})`;
    case 'unknown':
      return `unknown caveat ${r.raw}: PyPI will refuse the token (${r.reason})`;
  }
}

/** What a token may do, from its scope summary: one line per dimension. */
export function describeScope(s: ScopeSummary): string[] {
  const lines = [
    s.projectNames === null ? 'any project by name' : `projects: ${list(s.projectNames) || 'none'}`,
  ];
  if (s.projectIds !== null) lines.push(`project IDs: ${list(s.projectIds.map(short)) || 'none'}`);
  if (s.userIds.length > 0) lines.push(`user: ${list(s.userIds.map(short))}`);
  lines.push(
    s.notAfter === null
      ? 'no expiry embedded'
      : `from ${utc(s.notBefore ?? 0)} until ${utc(s.notAfter)}`,
  );
  return lines;
}
