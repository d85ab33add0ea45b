/**
 * The restrict view's state: loading, the working token and its choice, paste, the draft, derivation,
 * copy, forget with undo, settings. Pure (a reducer and selectors, no browser, no DOM); the components
 * only render what `view` returns and dispatch actions; App runs the effects through `Services`.
 */
import { extractTokens, type ScopeSummary, summarizeScope, Token } from '@/src/core';
import type { CapturedToken, Pending, ProjectsBySite, SeenProjects } from '@/src/shared/model';
import { SITES, type Site } from '@/src/shared/pypi';
import { DEFAULT_SETTINGS, type Settings } from '@/src/shared/settings';
import {
  type CopyFormat,
  formatPerProject,
  formatToken,
  siteFor,
  tokensPerProject,
} from './copy-formats';
import {
  chooseWindow,
  type Derivation,
  derive,
  EMPTY_FORM,
  type FormState,
  holdsSecret,
  parseForm,
  parseProjectNames,
  TOKEN_IN_FIELD,
  type WindowChoice,
} from './form';

/** A token the view works on. */
export interface Source {
  raw: string;
  identifier: string;
  label: string;
  kind: 'captured' | 'pasted' | 'menu' | 'derived';
  /** The page it came from (captured), else where its location points. */
  site: Site;
}

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

export const UNDO_SECONDS = 10;

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
  | { type: 'further'; raw: string }
  | { type: 'settings'; patch: Partial<Settings> }
  | { type: 'clear-failure-seen' };

function toSource(raw: string, label: string, kind: Source['kind'], site?: Site): Source | null {
  try {
    const t = Token.load(raw);
    return { raw: t.dump(), identifier: t.identifier, label, kind, site: siteFor(t.domain, site) };
  } catch {
    return null;
  }
}

const captured = (t: CapturedToken) =>
  toSource(t.token, t.name ?? 'Unnamed token', 'captured', t.site);

/** A stored draft, if it is still one the view can use: its token loads, a captured one is still held. */
export function parseDraft(
  v: unknown,
  tokens: CapturedToken[],
  now: number,
): { source: Source; form: FormState; query: string } | null {
  const o = v as { source?: Partial<Source>; form?: unknown; query?: unknown } | null;
  const s = o?.source;
  const form = parseForm(o?.form);
  if (!s || !form || typeof s.raw !== 'string' || typeof s.label !== 'string') return null;
  const kinds: Source['kind'][] = ['captured', 'pasted', 'menu', 'derived'];
  if (!kinds.includes(s.kind as Source['kind'])) return null;
  const site = SITES.find((x) => x === s.site);
  const source = toSource(s.raw, s.label.slice(0, 200), s.kind as Source['kind'], site);
  if (!source) return null;
  if (source.kind === 'captured' && !tokens.some((t) => t.identifier === source.identifier))
    return null;
  // A preset means "from now": it starts again when the view reopens.
  const anchored = form.anchor === null ? form : { ...form, anchor: now };
  const query = typeof o?.query === 'string' ? o.query.slice(0, 4000) : '';
  return { source, form: anchored, query };
}

/** The working token after a paste or a menu hand-over: one token, several to choose from, or why none. */
function fromText(
  state: ViewState,
  found: { tokens: Token[]; error: string | null },
  kind: Source['kind'],
): ViewState {
  const label = kind === 'menu' ? 'Selected text' : 'Pasted token';
  const sources = found.tokens.flatMap((t) => toSource(t.dump(), label, kind) ?? []);
  if (sources.length === 1) return working(state, sources[0] as Source);
  if (sources.length > 1) return { ...state, choices: sources, pasteError: null };
  return { ...state, pasteError: found.error, choices: [] };
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

export function reduce(state: ViewState, a: Action): ViewState {
  switch (a.type) {
    case 'loaded': {
      const base: ViewState = {
        ...state,
        phase: 'ready',
        tokens: a.tokens,
        projects: a.projects,
        settings: a.settings,
        clearFailedAt: a.clearFailedAt,
      };
      if (a.pending && 'tokens' in a.pending) {
        const tokens = a.pending.tokens.flatMap((raw) => {
          try {
            return [Token.load(raw)];
          } catch {
            return [];
          }
        });
        return fromText(base, { tokens, error: 'The selected text holds no PyPI token.' }, 'menu');
      }
      if (a.pending && 'select' in a.pending) {
        const id = a.pending.select;
        const t = a.tokens.find((x) => x.identifier === id);
        if (t) return working(base, captured(t));
      } else if (a.pending) return { ...base, pasteError: a.pending.error };
      const draft = parseDraft(a.draft, a.tokens, a.now);
      if (draft) return { ...base, ...draft };
      const first = a.tokens[0];
      return first ? working(base, captured(first)) : base;
    }
    case 'failed':
      return { ...state, phase: 'failed', failure: a.error };
    case 'select': {
      const t = state.tokens.find((x) => x.identifier === a.identifier);
      return t ? working(state, captured(t)) : state;
    }
    case 'paste':
      return fromText(state, extractTokens(a.text), 'pasted');
    case 'choose': {
      const s = state.choices.find((c) => c.identifier === a.identifier);
      return s ? working(state, s) : state;
    }
    case 'form':
      return { ...state, form: { ...state.form, ...a.patch } };
    case 'window':
      return { ...state, form: chooseWindow(state.form, a.window, a.now) };
    case 'query':
      // Refused and cleared the moment the box holds a token or a piece of one: never shown, kept or saved.
      return holdsSecret(a.text, heldTexts(state))
        ? { ...state, query: '', queryError: TOKEN_IN_FIELD }
        : { ...state, query: a.text, queryError: null };
    case 'add-names': {
      if (a.text.trim() === '') return state; // Enter on an empty box: keep what it said last
      const { names, error } = parseProjectNames(a.text, heldTexts(state));
      // All or nothing: a refused entry stays in the box to be corrected, unless it is a token.
      if (error)
        return { ...state, query: error === TOKEN_IN_FIELD ? '' : a.text, queryError: error };
      const all = [...new Set([...state.form.projectNames, ...names])];
      return { ...state, form: { ...state.form, projectNames: all }, query: '', queryError: null };
    }
    case 'set-names':
      return { ...state, form: { ...state.form, projectNames: a.names } };
    case 'new-project':
      return { ...state, form: chooseWindow(state.form, '1h', a.now) };
    case 'format':
      return { ...state, format: a.format };
    case 'reveal':
      return { ...state, reveal: a.on };
    case 'copied':
      return { ...state, copied: a.copied, copyError: null };
    case 'copy-failed':
      return { ...state, copied: null, copyError: a.error };
    case 'forgot': {
      const current = state.source;
      const all = a.which === 'all';
      // Forgetting a pasted or derived token leaves the captured one it shares an identifier with.
      const gone = (t: CapturedToken) =>
        all || (current?.kind === 'captured' && t.identifier === current.identifier);
      const tokens = state.tokens.filter((t) => !gone(t));
      const name = current?.label ?? 'the token';
      const undo: Undo = {
        message: all ? 'Forgot every token.' : `Forgot “${name}”.`,
        tokens: state.tokens,
        source: current,
        form: state.form,
        until: a.now + UNDO_SECONDS,
      };
      const next = tokens[0];
      return { ...working(state, next ? captured(next) : null), tokens, undo, copied: null };
    }
    case 'undone': {
      const u = state.undo;
      if (!u) return state;
      return { ...working(state, u.source), tokens: u.tokens, form: u.form, undo: null };
    }
    case 'tick':
      return state.undo && a.now >= state.undo.until ? { ...state, undo: null } : state;
    case 'further': {
      const s = state.source;
      return working(state, s && toSource(a.raw, 'Restricted token', 'derived', s.site));
    }
    case 'settings':
      return { ...state, settings: { ...state.settings, ...a.patch } };
    case 'clear-failure-seen':
      return { ...state, clearFailedAt: null };
  }
}

/** The texts of every token the view holds: no piece of any of them may reach a field or a caveat. */
export function heldTexts(state: ViewState): string[] {
  const texts = state.tokens.map((t) => t.token);
  return state.source ? [state.source.raw, ...texts] : texts;
}

/** Why a token per project cannot be copied yet. */
export const PICK_PROJECTS =
  'A token per project needs projects: pick the ones to upload to, or choose another format.';

/** Everything the components show, computed from the state at `now` (Unix seconds). */
export interface View {
  token: Token | null;
  scope: ScopeSummary | null;
  derivation: Derivation;
  derived: Token | null;
  deriveError: string | null;
  derivedScope: ScopeSummary | null;
  /** The user's projects on the working token's site, as last seen on PyPI's form. */
  known: SeenProjects | null;
  /** What Copy would put on the clipboard, and why it cannot, if it cannot. */
  copyText: string | null;
  copyBlocked: string | null;
  /** The clipboard holds exactly what Copy would copy now. */
  copiedFresh: boolean;
}

export function view(state: ViewState, now: number): View {
  const token = state.source ? Token.load(state.source.raw) : null;
  const held = heldTexts(state);
  const derivation = derive(state.form, held);
  let derived: Token | null = null;
  let deriveError: string | null = null;
  if (token && !derivation.empty && Object.keys(derivation.errors).length === 0) {
    try {
      derived = token.restrict(derivation.params, { secrets: held });
    } catch (e) {
      deriveError = (e as Error).message;
    }
  }
  const derivedScope = derived ? summarizeScope(derived, now) : null;
  const site = state.source?.site;
  let blocker = derivedScope?.findings.find((f) => f.severity === 'error')?.message;
  let copyText: string | null = null;
  const format = state.format;
  if (token && derived && site && format !== 'pypirc-projects')
    copyText = formatToken(derived.dump(), format, site);
  else if (token && derived && site) {
    // Each project's token is judged on its own: the parent may allow only some picked projects.
    const perProject = tokensPerProject(token, derivation.params);
    for (const p of perProject) {
      const error = summarizeScope(p.token, now).findings.find((f) => f.severity === 'error');
      if (error) blocker ??= `The token for ${p.project}: ${error.message}`;
    }
    if (perProject.length === 0) blocker ??= PICK_PROJECTS;
    else copyText = formatPerProject(perProject, site);
  }
  return {
    token,
    scope: token ? summarizeScope(token, now) : null,
    derivation,
    derived,
    deriveError,
    derivedScope,
    known: (site && state.projects[site]) || null,
    copyText,
    copyBlocked: blocker ?? null,
    copiedFresh: copyText !== null && state.copied?.text === copyText,
  };
}
