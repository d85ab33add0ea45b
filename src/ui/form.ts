/**
 * The restrict form's state and its translation into `RestrictParams`, with an inline error per field.
 * Pure: the component renders this; tests check it directly.
 */
import { isUuid, isValidProjectName, normalizeProjectName, type RestrictParams } from '@/src/core';

export type WindowChoice = 'none' | '15m' | '1h' | '1d' | '7d' | '30d' | 'custom';

export const WINDOW_CHOICES: { id: WindowChoice; label: string; seconds?: number }[] = [
  { id: 'none', label: 'No time limit' },
  { id: '15m', label: '15 minutes', seconds: 15 * 60 },
  { id: '1h', label: '1 hour', seconds: 3600 },
  { id: '1d', label: '1 day', seconds: 86_400 },
  { id: '7d', label: '7 days', seconds: 7 * 86_400 },
  { id: '30d', label: '30 days', seconds: 30 * 86_400 },
  { id: 'custom', label: 'Custom…' },
];

/** Presets start this far in the past, so a clock a little ahead of PyPI's does not refuse the token. */
export const CLOCK_SKEW_SECONDS = 60;

export interface FormState {
  projectNames: string;
  projectIds: string;
  userId: string;
  window: WindowChoice;
  /** `datetime-local` values, in the user's time zone. */
  customStart: string;
  customEnd: string;
}

export const EMPTY_FORM: FormState = {
  projectNames: '',
  projectIds: '',
  userId: '',
  window: 'none',
  customStart: '',
  customEnd: '',
};

export type Field = 'projectNames' | 'projectIds' | 'userId' | 'window';

export interface Derivation {
  params: RestrictParams;
  /** The normalized project names, as they will be written. */
  names: string[];
  errors: Partial<Record<Field, string>>;
  /** True when the form asks for nothing yet. */
  empty: boolean;
}

/** Comma, space or newline separated entries. */
export const entries = (text: string) => text.split(/[\s,]+/).filter(Boolean);

export function derive(form: FormState, now: number): Derivation {
  const errors: Derivation['errors'] = {};
  const params: RestrictParams = {};
  const rawNames = entries(form.projectNames);
  const badNames = rawNames.filter((n) => !isValidProjectName(n));
  if (badNames.length) errors.projectNames = `Not a valid project name: ${badNames.join(', ')}`;
  const names = [...new Set(rawNames.filter(isValidProjectName).map(normalizeProjectName))];
  if (rawNames.length) params.projectNames = names;

  const ids = entries(form.projectIds);
  const badIds = ids.filter((i) => !isUuid(i));
  if (badIds.length) errors.projectIds = `Not a project ID (a UUID): ${badIds.join(', ')}`;
  if (ids.length) params.projectIds = ids;

  const user = form.userId.trim();
  if (user && !isUuid(user)) errors.userId = 'Not a user ID (a UUID)';
  if (user) params.userId = user;

  const choice = WINDOW_CHOICES.find((c) => c.id === form.window);
  if (choice?.seconds) {
    params.notBefore = now - CLOCK_SKEW_SECONDS;
    params.notAfter = now + choice.seconds;
  } else if (form.window === 'custom') {
    const start = Date.parse(form.customStart);
    const end = Date.parse(form.customEnd);
    if (Number.isNaN(start) || Number.isNaN(end)) errors.window = 'Choose a start and an end';
    else if (start >= end) errors.window = 'The end must come after the start';
    else {
      params.notBefore = Math.floor(start / 1000);
      params.notAfter = Math.floor(end / 1000);
    }
  }
  return {
    params,
    names,
    errors,
    empty: Object.keys(params).length === 0 && Object.keys(errors).length === 0,
  };
}
