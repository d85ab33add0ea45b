/**
 * Tokens, restrictions and times in plain words, for the view. Pure: takes the core's data, returns strings.
 * One date style everywhere: the user's local time with its zone, or UTC when asked.
 */
import type { Restriction, ScopeSummary } from '@/src/core';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;

/** A list in words: "a", "a and b", "a, b and c", "5 projects: a, b, c, …". */
export function words(xs: readonly string[], noun = 'projects'): string {
  if (xs.length <= 3)
    return xs.length < 2 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`;
  return `${xs.length} ${noun}: ${xs.slice(0, 2).join(', ')}, …`;
}

/**
 * A moment in the user's zone (or UTC), shortened where `now` makes it clear: "14:33 CET" today,
 * "26 Nov, 09:00 CET" this year, "3 Jan 2027, 09:00 CET" otherwise. Never throws, even past year 275760.
 */
export function formatTime(seconds: number, now: number, utc = false): string {
  if (!Number.isFinite(new Date(seconds * 1000).getTime()))
    return seconds > 0 ? 'after the year 275760' : 'before the year 271821 BC';
  const timeZone = utc ? 'UTC' : undefined;
  const fmt = (s: number, o: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat('en-GB', { timeZone, ...o }).format(new Date(s * 1000));
  const time = fmt(seconds, { hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
  const day = (s: number) => fmt(s, { dateStyle: 'short' });
  if (day(seconds) === day(now)) return time;
  const year = (s: number) => fmt(s, { year: 'numeric' });
  const date = fmt(seconds, {
    day: 'numeric',
    month: 'short',
    ...(year(seconds) === year(now) ? {} : { year: 'numeric' }),
  });
  return `${date}, ${time}`;
}

/** "in 1 h", "in 59 min", "in 3 days", "2 h ago", "now". */
export function relative(seconds: number, now: number): string {
  const diff = seconds - now;
  const a = Math.abs(diff);
  const amount =
    a < MINUTE
      ? null
      : a < HOUR
        ? `${Math.round(a / MINUTE)} min`
        : a < 2 * DAY
          ? `${Math.round(a / HOUR)} h`
          : `${Math.round(a / DAY)} days`;
  if (amount === null) return 'now';
  return diff > 0 ? `in ${amount}` : `${amount} ago`;
}

/** Who and what a token may upload to, from its scope. */
function projectsPhrase(s: ScopeSummary): string {
  if (s.trustedPublisher) return 'Upload as its trusted publisher only';
  if (s.projectNames?.length === 0 || s.projectIds?.length === 0)
    return 'Upload to no project at all';
  if (s.projectNames) {
    const byId = s.projectIds ? ' (also bound by project ID)' : '';
    return `Upload to ${words(s.projectNames)}${byId}`;
  }
  if (s.projectIds) {
    const n = s.projectIds.length;
    return `Upload to ${n === 1 ? 'one project' : `${n} projects`}, by project ID`;
  }
  return s.userIds.length > 0
    ? 'Upload to every project of your account'
    : 'Upload to every project its owner can upload to';
}

function windowPhrase(s: ScopeSummary, now: number, utc: boolean): string {
  const t = (x: number) => formatTime(x, now, utc);
  if (s.notAfter === null) return 'no expiry';
  if (s.notBefore !== null && s.notBefore >= s.notAfter)
    return 'never valid (its time windows do not overlap)';
  if (now >= s.notAfter) return `expired ${t(s.notAfter)} (${relative(s.notAfter, now)})`;
  if (s.notBefore !== null && now < s.notBefore)
    return `from ${t(s.notBefore)} until ${t(s.notAfter)}`;
  return `until ${t(s.notAfter)} (${relative(s.notAfter, now)})`;
}

/** `what`, then when: "… until 14:33 CET (in 1 h)", "…, no expiry". */
function withWindow(what: string, s: ScopeSummary, now: number, utc: boolean): string {
  const when = windowPhrase(s, now, utc);
  return /^(until|from) /.test(when) ? `${what} ${when}` : `${what}, ${when}`;
}

/** One line: "Upload to requests and urllib3 until 14:33 CET (in 1 h)". */
export function summaryLine(s: ScopeSummary, now: number, utc = false): string {
  return withWindow(projectsPhrase(s), s, now, utc);
}

/**
 * The line for a token per project, `s` being the scope they share but the project:
 * "3 tokens, one per project: each uploads only its own (a, b and c) until 14:33 CET (in 1 h)".
 */
export function perProjectLine(
  projects: readonly string[],
  s: ScopeSummary,
  now: number,
  utc = false,
): string {
  const n = projects.length;
  // The count is said first, so a long list needs no second count.
  const list = n <= 3 ? words(projects) : `${projects.slice(0, 2).join(', ')}, …`;
  const byId = s.projectIds ? ', also bound by project ID' : '';
  const what =
    n === 1
      ? `1 token: uploads only to ${list}${byId}`
      : `${n} tokens, one per project: each uploads only its own (${list}${byId})`;
  return withWindow(what, s, now, utc);
}

/** One embedded restriction, in words, with full values (the inspector lets them be selected). */
export function describeRestriction(r: Restriction, now: number, utc = false): string {
  const t = (x: number) => formatTime(x, now, utc);
  switch (r.kind) {
    case 'date':
    case 'legacy-date':
      return `Valid from ${t(r.notBefore)} until ${t(r.notAfter)}`;
    case 'project-names':
    case 'legacy-project-names':
      return r.projectNames.length
        ? `Only projects named ${r.projectNames.join(', ')}`
        : 'No project at all (an empty list)';
    case 'project-ids':
    case 'legacy-project-ids':
      return r.projectIds.length
        ? `Only projects with ID ${r.projectIds.join(', ')}`
        : 'No project at all (an empty ID list)';
    case 'user-id':
      return `Only the user with ID ${r.userId} (the account the token was made for)`;
    case 'legacy-noop':
      return 'The token’s own user (restricts nothing more)';
    case 'oidc-publisher':
      return `Only trusted publisher ${r.publisherId}`;
    case 'unknown':
      return r.unreadable
        ? `Not readable by this extension (PyPI may accept it): ${r.reason}`
        : `Not accepted by PyPI: ${r.reason}`;
  }
}
