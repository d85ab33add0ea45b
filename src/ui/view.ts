/**
 * The `view` selector: everything the components show (the working token, what the form derives,
 * what Copy would copy and why it cannot), computed from the state at a moment. Pure.
 */
import { type ScopeSummary, summarizeScope, type Token } from '@/src/core';
import { t } from '@/src/shared/i18n';
import type { SeenProjects } from '@/src/shared/model';
import { formatPerProject, formatToken, type ProjectToken, tokensPerProject } from './copy-formats';
import { errorText, findingText } from './core-text';
import { type Derivation, derive } from './form';
import { type Action, heldTexts, type ViewState } from './state';

/** Why a token per project cannot be copied yet. */

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
  /** A token per project, when that is the format: what the result shows instead of one token. */
  perProject: ProjectToken[] | null;
  /** What Copy would put on the clipboard, and why it cannot, if it cannot. */
  copyText: string | null;
  copyBlocked: string | null;
  /** The clipboard holds exactly what Copy would copy now. */
  copiedFresh: boolean;
}

export function view(state: ViewState, now: number): View {
  const token = state.source?.token ?? null;
  const held = heldTexts(state);
  const derivation = derive(state.form, held);
  let derived: Token | null = null;
  let deriveError: string | null = null;
  if (token && !derivation.empty && Object.keys(derivation.errors).length === 0) {
    try {
      derived = token.restrict(derivation.params, { secrets: held });
    } catch (e) {
      deriveError = errorText(e);
    }
  }
  const derivedScope = derived ? summarizeScope(derived, now) : null;
  const site = state.source?.site;
  const derivedError = derivedScope?.findings.find((f) => f.severity === 'error');
  let blocker = derivedError && findingText(derivedError);
  let copyText: string | null = null;
  let perProject: ProjectToken[] | null = null;
  const format = state.format;
  if (token && derived && site && format !== 'pypirc-projects')
    copyText = formatToken(derived.dump(), format, site);
  else if (token && derived && site) {
    // Each project's token is judged on its own: the parent may allow only some picked projects.
    perProject = tokensPerProject(token, derivation.params);
    for (const p of perProject) {
      const error = summarizeScope(p.token, now).findings.find((f) => f.severity === 'error');
      if (error)
        blocker ??= t('error_project_token', { project: p.project, reason: findingText(error) });
    }
    if (perProject.length === 0) blocker ??= t('error_pick_projects');
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
    perProject,
    copyText,
    copyBlocked: blocker ?? null,
    copiedFresh: copyText !== null && state.copied?.text === copyText,
  };
}

/** What each part of the view renders from: the state, what `view` makes of it at `now`, and where actions go. */
export interface ViewProps {
  state: ViewState;
  view: View;
  now: number;
  dispatch(a: Action): void;
}
