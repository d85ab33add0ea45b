/**
 * The restrict view's state: loading, the working token and its choice, paste, the draft, the form,
 * copy, forget with undo, settings. Pure (a reducer, no browser, no DOM); the components render what
 * `view` (view.ts) makes of it and dispatch actions; App runs the effects through `Services`.
 */
import { extractTokens, type Token } from '@/src/core';
import { t } from '@/src/shared/i18n';
import type { CapturedToken, Pending, ProjectsBySite } from '@/src/shared/model';
import { DEFAULT_SETTINGS, type Settings } from '@/src/shared/settings';
import type { CopyFormat } from './copy-formats';
import { extractErrorText, extractReasonText } from './core-text';
import {
  chooseWindow,
  EMPTY_FORM,
  type FormState,
  holdsSecret,
  parseProjectNames,
  tokenInField,
  type WindowChoice,
} from './form';
import { capturedSource, loadAll, parseDraft, type Source, sourceOf } from './sources';

export interface Copied {
  text: string;
  format: CopyFormat;
  /** When the background empties the clipboard (ms), null when it will not. */
  clearAt: number | null;
  clearFailed: boolean;
}

export interface Undo {
  message: string;
  tokens: CapturedToken[];
  source: Source | null;
  form: FormState;
  /** Unix seconds when the offer ends. */
  until: number;
}

export interface ViewState {
  phase: 'loading' | 'ready' | 'failed';
  failure: string | null;
  tokens: CapturedToken[];
  projects: ProjectsBySite;
  source: Source | null;
  pasteError: string | null;
  /** Several different tokens were pasted or selected: the user picks one. */
  choices: Source[];
  form: FormState;
  /** The Projects box's text, not yet added. */
  query: string;
  queryError: string | null;
  format: CopyFormat;
  reveal: boolean;
  settings: Settings;
  copied: Copied | null;
  copyError: string | null;
  undo: Undo | null;
  /** The background could not empty the clipboard at this time (ms): a token may still be there. */
  clearFailedAt: number | null;
}

const UNDO_SECONDS = 10;

export const INITIAL: ViewState = {
  phase: 'loading',
  failure: null,
  tokens: [],
  projects: {},
  source: null,
  pasteError: null,
  choices: [],
  form: EMPTY_FORM,
  query: '',
  queryError: null,
  format: 'token',
  reveal: false,
  settings: DEFAULT_SETTINGS,
  copied: null,
  copyError: null,
  undo: null,
  clearFailedAt: null,
};

export type Action =
  | {
      type: 'loaded';
      tokens: CapturedToken[];
      projects: ProjectsBySite;
      pending: Pending | undefined;
      draft: unknown;
      settings: Settings;
      clearFailedAt: number | null;
      now: number;
    }
  | { type: 'failed'; error: string }
  | { type: 'select'; identifier: string }
  | { type: 'paste'; text: string }
  | { type: 'choose'; identifier: string }
  | { type: 'form'; patch: Partial<Omit<FormState, 'window' | 'anchor' | 'projectNames'>> }
  | { type: 'window'; window: WindowChoice; now: number }
  | { type: 'query'; text: string }
  | { type: 'add-names'; text: string }
  | { type: 'set-names'; names: string[] }
  | { type: 'new-project'; now: number }
  | { type: 'format'; format: CopyFormat }
  | { type: 'reveal'; on: boolean }
  | { type: 'copied'; copied: Copied }
  | { type: 'copy-failed'; error: string }
  | { type: 'forgot'; which: 'current' | 'all'; now: number }
  | { type: 'undone' }
  | { type: 'tick'; now: number }
  | { type: 'further'; token: Token }
  | { type: 'settings'; patch: Partial<Settings> }
  | { type: 'clear-failure-seen' };

/** The panel on PyPI's page: ready at once, on the page's token as the background holds it. */
export function panelState(
  token: CapturedToken,
  projects: ProjectsBySite,
  settings: Settings,
): ViewState {
  const base: ViewState = { ...INITIAL, phase: 'ready', tokens: [token], projects, settings };
  return working(base, capturedSource(token));
}

/**
 * The view as it opens on what the background holds: on the token the menu or the panel handed over,
 * else on the draft, else on the newest captured token.
 */
function loaded(state: ViewState, a: Extract<Action, { type: 'loaded' }>): ViewState {
  const base: ViewState = {
    ...state,
    phase: 'ready',
    tokens: a.tokens,
    projects: a.projects,
    settings: a.settings,
    clearFailedAt: a.clearFailedAt,
  };
  const pending = a.pending;
  if (pending && 'tokens' in pending) {
    return fromText(base, loadAll(pending.tokens), t('error_menu_no_token'), 'menu');
  }
  if (pending && 'noToken' in pending) {
    // The background wrote it from the core's `findTokenTexts`: its codes are the core's.
    const why = extractReasonText(pending.noToken as Parameters<typeof extractReasonText>[0]);
    return { ...base, pasteError: t('error_menu_no_token_why', { reason: why ?? '' }) };
  }
  // A token the panel named but no longer held: as if nothing was handed over.
  const named = pending && a.tokens.find((c) => c.identifier === pending.select);
  if (named) return working(base, capturedSource(named));
  const draft = parseDraft(a.draft, a.tokens, a.now);
  if (draft) return { ...base, ...draft };
  const first = a.tokens[0];
  return first ? working(base, capturedSource(first)) : base;
}

/** The working token after a paste or a menu hand-over: one token, several to choose from, or why none. */
function fromText(
  state: ViewState,
  tokens: Token[],
  error: string | null,
  kind: Source['kind'],
): ViewState {
  const label = t(kind === 'menu' ? 'source_selected' : 'source_pasted');
  const sources = tokens.map((token) => sourceOf(token, label, kind));
  if (sources.length > 1) return { ...state, choices: sources, pasteError: null };
  const [only] = sources;
  return only ? working(state, only) : { ...state, pasteError: error, choices: [] };
}

/** A new working token: the form starts empty, nothing copied from it yet. */
function working(state: ViewState, source: Source | null): ViewState {
  return {
    ...state,
    source,
    choices: [],
    pasteError: null,
    form: EMPTY_FORM,
    query: '',
    queryError: null,
    reveal: false,
  };
}

/** Adds what the Projects box holds, all or nothing: a refused entry stays to be corrected, unless it is a token. */
function addNames(state: ViewState, text: string): ViewState {
  if (text.trim() === '') return state; // Enter on an empty box: keep what it said last
  const { names, error, secret } = parseProjectNames(text, heldTexts(state));
  if (error) return { ...state, query: secret ? '' : text, queryError: error };
  const projectNames = [...new Set([...state.form.projectNames, ...names])];
  return { ...state, form: { ...state.form, projectNames }, query: '', queryError: null };
}

/** Forgets the working token or every token, and offers to undo it for a few seconds. */
function forgot(state: ViewState, which: 'current' | 'all', now: number): ViewState {
  const current = state.source;
  const all = which === 'all';
  // Forgetting a pasted or derived token leaves the captured one it shares an identifier with.
  const gone = (c: CapturedToken) =>
    all || (current?.kind === 'captured' && c.identifier === current.token.identifier);
  const tokens = state.tokens.filter((c) => !gone(c));
  const name = current?.label ?? t('undo_the_token');
  const undo: Undo = {
    message: all ? t('undo_forgot_all') : t('undo_forgot_named', { name }),
    tokens: state.tokens,
    source: current,
    form: state.form,
    until: now + UNDO_SECONDS,
  };
  const next = tokens[0];
  return { ...working(state, next ? capturedSource(next) : null), tokens, undo, copied: null };
}

export function reduce(state: ViewState, a: Action): ViewState {
  switch (a.type) {
    case 'loaded':
      return loaded(state, a);
    case 'failed':
      return { ...state, phase: 'failed', failure: a.error };
    case 'select': {
      const chosen = state.tokens.find((c) => c.identifier === a.identifier);
      return chosen ? working(state, capturedSource(chosen)) : state;
    }
    case 'paste': {
      const found = extractTokens(a.text);
      return fromText(state, found.tokens, extractErrorText(found), 'pasted');
    }
    case 'choose': {
      const s = state.choices.find((c) => c.token.identifier === a.identifier);
      return s ? working(state, s) : state;
    }
    case 'form':
      return { ...state, form: { ...state.form, ...a.patch } };
    case 'window':
      return { ...state, form: chooseWindow(state.form, a.window, a.now) };
    case 'new-project':
      return { ...state, form: chooseWindow(state.form, '1h', a.now) };
    case 'set-names':
      return { ...state, form: { ...state.form, projectNames: a.names } };
    case 'query':
      // Refused and cleared the moment the box holds a token or a piece of one: never shown, kept or saved.
      return holdsSecret(a.text, heldTexts(state))
        ? { ...state, query: '', queryError: tokenInField() }
        : { ...state, query: a.text, queryError: null };
    case 'add-names':
      return addNames(state, a.text);
    case 'format':
      return { ...state, format: a.format };
    case 'reveal':
      return { ...state, reveal: a.on };
    case 'copied':
      return { ...state, copied: a.copied, copyError: null };
    case 'copy-failed':
      return { ...state, copied: null, copyError: a.error };
    case 'forgot':
      return forgot(state, a.which, a.now);
    case 'undone': {
      const u = state.undo;
      if (!u) return state;
      return { ...working(state, u.source), tokens: u.tokens, form: u.form, undo: null };
    }
    case 'tick':
      return state.undo && a.now >= state.undo.until ? { ...state, undo: null } : state;
    case 'further': {
      const s = state.source;
      return working(state, s && sourceOf(a.token, t('source_derived'), 'derived', s.site));
    }
    case 'settings':
      return { ...state, settings: { ...state.settings, ...a.patch } };
    case 'clear-failure-seen':
      return { ...state, clearFailedAt: null };
  }
}

/** The texts of every token the view holds: no piece of any of them may reach a field or a caveat. */
export function heldTexts(state: ViewState): string[] {
  const texts = state.tokens.map((c) => c.token);
  return state.source ? [state.source.token.dump(), ...texts] : texts;
}
