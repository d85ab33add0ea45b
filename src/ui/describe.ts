/**
 * Tokens, restrictions and times in plain words, for the view. Pure: takes the core's data, returns strings.
 * Every word comes from the catalogue (`@/src/shared/i18n`); dates are the user's locale's, with their zone
 * (or in UTC when asked), and relative times the catalogue language's (`Intl`).
 */
import type { Restriction, ScopeSummary } from '@/src/core';
import { list, plural, t, userLocale } from '@/src/shared/i18n';
import { caveatReasonText } from './core-text';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;

/** A list in words: "a", "a and b", "a, b and c", "5 projects: a, b, …". */
export function words(xs: readonly string[]): string {
  if (xs.length <= 3) return list(xs);
  return plural('list_long', xs.length, { first: xs.slice(0, 2).join(', ') });
}

/**
 * A moment in the user's zone (or UTC), in the user's locale, shortened where `now` makes it clear:
 * "14:33 CET" today, "26 Nov, 09:00 CET" this year, "3 Jan 2027, 09:00 CET" otherwise. Never throws,
 * even past year 275760. Without `zone` (where space is short and the moment is only a reminder), no zone.
 */
export function formatTime(seconds: number, now: number, utc = false, zone = true): string {
  if (!Number.isFinite(new Date(seconds * 1000).getTime()))
    return t(seconds > 0 ? 'time_after_max' : 'time_before_min');
  const timeZone = utc ? 'UTC' : undefined;
  const locale = userLocale();
  const fmt = (s: number, o: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(locale, { timeZone, ...o }).format(new Date(s * 1000));
  const day = (s: number) => fmt(s, { dateStyle: 'short' });
  const clock: Intl.DateTimeFormatOptions = {
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: zone ? 'short' : undefined,
  };
  if (day(seconds) === day(now)) return fmt(seconds, clock);
  const year = (s: number) => fmt(s, { year: 'numeric' });
  return fmt(seconds, {
    day: 'numeric',
    month: 'short',
    ...(year(seconds) === year(now) ? {} : { year: 'numeric' }),
    ...clock,
  });
}

/** "in 1 hour", "in 59 minutes", "in 3 days", "2 hours ago", "now" (rounded, as the catalogue's language says it). */
export function relative(seconds: number, now: number): string {
  const diff = seconds - now;
  const a = Math.abs(diff);
  const [amount, unit]: [number, Intl.RelativeTimeFormatUnit] =
    a < MINUTE
      ? [0, 'second']
      : a < HOUR
        ? [Math.round(a / MINUTE), 'minute']
        : a < 2 * DAY
          ? [Math.round(a / HOUR), 'hour']
          : [Math.round(a / DAY), 'day'];
  return new Intl.RelativeTimeFormat(t('lang'), { numeric: 'auto' }).format(
    Math.sign(diff) * amount,
    unit,
  );
}

/** Who and what a token may upload to, from its scope. */
function projectsPhrase(s: ScopeSummary): string {
  if (s.trustedPublisher) return t('scope_publisher');
  if (s.projectNames?.length === 0 || s.projectIds?.length === 0) return t('scope_none');
  if (s.projectNames) {
    const names = words(s.projectNames);
    return t(s.projectIds ? 'scope_names_and_ids' : 'scope_names', { names });
  }
  if (s.projectIds) return plural('scope_ids', s.projectIds.length);
  return t(s.userIds.length > 0 ? 'scope_account' : 'scope_owner');
}

/** `what` and when, in one sentence: "… until 14:33 CET (in 1 hour)", "…, no expiry". */
function withWindow(what: string, s: ScopeSummary, now: number, utc: boolean): string {
  const at = (x: number) => formatTime(x, now, utc);
  if (s.notAfter === null) return t('window_no_expiry', { what });
  if (s.notBefore !== null && s.notBefore >= s.notAfter) return t('window_never', { what });
  const end = at(s.notAfter);
  const left = relative(s.notAfter, now);
  if (now >= s.notAfter) return t('window_expired', { what, end, left });
  if (s.notBefore !== null && now < s.notBefore)
    return t('window_future', { what, start: at(s.notBefore), end });
  return t('window_until', { what, end, left });
}

/** One line: "Upload to requests and urllib3 until 14:33 CET (in 1 hour)". */
export function summaryLine(s: ScopeSummary, now: number, utc = false): string {
  return withWindow(projectsPhrase(s), s, now, utc);
}

/**
 * The line for a token per project, `s` being the scope they share but the project:
 * "3 tokens, one per project: each uploads only its own (a, b and c) until 14:33 CET (in 1 hour)".
 */
export function perProjectLine(
  projects: readonly string[],
  s: ScopeSummary,
  now: number,
  utc = false,
): string {
  const n = projects.length;
  // The count is said first, so a long list needs no second count.
  const names = n <= 3 ? list(projects) : `${projects.slice(0, 2).join(', ')}, …`;
  const what = plural(s.projectIds ? 'per_project_and_ids' : 'per_project', n, { names });
  return withWindow(what, s, now, utc);
}

/** One embedded restriction, in words, with full values (the inspector lets them be selected). */
export function describeRestriction(r: Restriction, now: number, utc = false): string {
  const at = (x: number) => formatTime(x, now, utc);
  switch (r.kind) {
    case 'date':
    case 'legacy-date':
      return t('caveat_date', { start: at(r.notBefore), end: at(r.notAfter) });
    case 'project-names':
    case 'legacy-project-names':
      return r.projectNames.length
        ? t('caveat_names', { names: r.projectNames.join(', ') })
        : t('caveat_names_empty');
    case 'project-ids':
    case 'legacy-project-ids':
      return r.projectIds.length
        ? t('caveat_ids', { ids: r.projectIds.join(', ') })
        : t('caveat_ids_empty');
    case 'user-id':
      return t('caveat_user', { id: r.userId });
    case 'legacy-noop':
      return t('caveat_noop');
    case 'oidc-publisher':
      return t('caveat_publisher', { id: r.publisherId });
    case 'unknown':
      return t(r.unreadable ? 'caveat_unreadable' : 'caveat_refused', {
        reason: caveatReasonText(r),
      });
  }
}
