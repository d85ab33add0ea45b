/**
 * The restrict form's state and its translation into `RestrictParams`, with an inline error per field.
 * Pure: the view renders this; tests check it directly.
 */
import {
  holdsPieceOf,
  isTokenText,
  isUuid,
  isValidProjectName,
  looksLikeToken,
  normalizeProjectName,
  type RestrictParams,
} from '@/src/core';
import { t } from '@/src/shared/i18n';

export type WindowChoice = 'none' | '15m' | '1h' | '1d' | '7d' | '30d' | 'custom';

/** The window presets; each choice's words are the catalogue's `window_<id>`. */
export const WINDOW_CHOICES: { id: WindowChoice; seconds?: number }[] = [
  { id: 'none' },
  { id: '15m', seconds: 15 * 60 },
  { id: '1h', seconds: 3600 },
  { id: '1d', seconds: 86_400 },
  { id: '7d', seconds: 7 * 86_400 },
  { id: '30d', seconds: 30 * 86_400 },
  { id: 'custom' },
];

/** Windows start this far in the past, so a clock a little ahead of PyPI's does not refuse the token. */
const CLOCK_SKEW_SECONDS = 60;

export interface FormState {
  /** Chosen project names, PEP 503-normalized, in the order they were added. */
  projectNames: string[];
  projectIds: string;
  userId: string;
  window: WindowChoice;
  /** Unix seconds the preset window was chosen at: the token stays the same while the view is open. */
  anchor: number | null;
  /** `datetime-local` values, in the user's time zone. */
  customStart: string;
  customEnd: string;
}

export const EMPTY_FORM: FormState = {
  projectNames: [],
  projectIds: '',
  userId: '',
  window: 'none',
  anchor: null,
  customStart: '',
  customEnd: '',
};

export type Field = 'projectIds' | 'userId' | 'window';

export interface Derivation {
  params: RestrictParams;
  errors: Partial<Record<Field, string>>;
  /** True when the form asks for nothing yet. */
  empty: boolean;
}

/** Comma, space or newline separated entries. */
export const entries = (text: string) => text.split(/[\s,]+/).filter(Boolean);

/** Said instead of the value: a token typed into a field is never echoed, stored or written. */
export const tokenInField = () => t('error_token_in_field');

/**
 * Whether `text` is a token, whole or split (by spaces, line breaks or commas), or holds a piece of one
 * of the `held` tokens (their texts). Checked before anything could echo the text.
 */
export function holdsSecret(text: string, held: readonly string[]): boolean {
  return (
    looksLikeToken(text) || isTokenText(text.replace(/[\s,]+/g, '')) || holdsPieceOf(text, held)
  );
}

/** What typing `text` into the Projects box adds: valid names, normalized, and what was refused. */
export function parseProjectNames(
  text: string,
  held: readonly string[] = [],
): { names: string[]; error: string | null; secret?: true } {
  if (holdsSecret(text, held)) return { names: [], error: tokenInField(), secret: true };
  const raw = entries(text);
  const bad = raw.filter((n) => !isValidProjectName(n));
  return {
    names: [...new Set(raw.filter(isValidProjectName).map(normalizeProjectName))],
    error: bad.length ? t('error_project_name', { names: bad.join(', ') }) : null,
  };
}

/** `datetime-local` text for Unix seconds, in the user's time zone. */
function localInput(seconds: number): string {
  const d = new Date(seconds * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The form after choosing a window at `now`: presets anchor there, Custom starts filled in. */
export function chooseWindow(form: FormState, window: WindowChoice, now: number): FormState {
  if (window !== 'custom') return { ...form, window, anchor: window === 'none' ? null : now };
  return {
    ...form,
    window,
    anchor: null,
    customStart: form.customStart || localInput(now - CLOCK_SKEW_SECONDS),
    customEnd: form.customEnd || localInput(now + 3600),
  };
}

/** The form's restrictions; `held` are the texts of the tokens no field may hold a piece of. */
export function derive(form: FormState, held: readonly string[] = []): Derivation {
  const errors: Derivation['errors'] = {};
  const params: RestrictParams = {};
  if (form.projectNames.length) params.projectNames = form.projectNames;

  const ids = entries(form.projectIds);
  const notIds = ids.filter((i) => !isUuid(i));
  if (holdsSecret(form.projectIds, held)) errors.projectIds = tokenInField();
  else if (notIds.length) errors.projectIds = t('error_project_id', { ids: notIds.join(', ') });
  if (ids.length) params.projectIds = ids;

  const user = form.userId.trim();
  if (holdsSecret(user, held)) errors.userId = tokenInField();
  else if (user && !isUuid(user)) errors.userId = t('error_user_id');
  if (user) params.userId = user;

  const choice = WINDOW_CHOICES.find((c) => c.id === form.window);
  if (choice?.seconds && form.anchor !== null) {
    params.notBefore = form.anchor - CLOCK_SKEW_SECONDS;
    params.notAfter = params.notBefore + choice.seconds;
  } else if (form.window === 'custom') {
    const start = Date.parse(form.customStart);
    const end = Date.parse(form.customEnd);
    if (Number.isNaN(start) || Number.isNaN(end)) errors.window = t('error_window_missing');
    else if (start >= end) errors.window = t('error_window_order');
    else {
      params.notBefore = Math.floor(start / 1000);
      params.notAfter = Math.floor(end / 1000);
    }
  }
  return {
    params,
    errors,
    empty: Object.keys(params).length === 0 && Object.keys(errors).length === 0,
  };
}

/** A stored draft's form, or null when it is not one this version wrote. */
export function parseForm(v: unknown): FormState | null {
  const o = v as Partial<FormState> | null;
  const str = (x: unknown) => typeof x === 'string' && x.length <= 4000;
  const ok =
    typeof o === 'object' &&
    o !== null &&
    Array.isArray(o.projectNames) &&
    o.projectNames.length <= 5000 &&
    o.projectNames.every((n) => str(n) && isValidProjectName(n) && !looksLikeToken(n)) &&
    str(o.projectIds) &&
    str(o.userId) &&
    WINDOW_CHOICES.some((c) => c.id === o.window) &&
    (o.anchor === null || Number.isSafeInteger(o.anchor)) &&
    str(o.customStart) &&
    str(o.customEnd);
  return ok ? (o as FormState) : null;
}
