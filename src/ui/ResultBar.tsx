/**
 * The result, always in view at the bottom: what the narrower token can do in one line, the token
 * (hidden until asked), Copy in the chosen format with a live confirmation, and Restrict further.
 */
import { redact, type Token } from '@/src/core';
import { t } from '@/src/shared/i18n';
import { COPY_FORMATS, type CopyFormat, formatLabel, formatName } from './copy-formats';
import { perProjectLine, summaryLine } from './describe';
import type { ViewState } from './state';
import type { View, ViewProps } from './view';

interface Props extends ViewProps {
  onCopy(): void;
}

function copyLabel(state: ViewState, view: View, now: number): string {
  const c = state.copied;
  if (!view.copiedFresh || !c) return t('copy');
  const what = formatLabel(c.format);
  if (c.clearAt === null) return t('copy_done', { what });
  const seconds = Math.floor(c.clearAt / 1000 - now);
  return seconds > 0 ? t('copy_done_clears', { what, seconds }) : t('copy');
}

/** What the narrower token can do, in one line; for a token per project, what each one can. */
function summary({ state, view, now }: Props): string | null {
  const scope = view.derivedScope;
  const perProject = view.derivation.params.projectNames ?? [];
  if (!scope) return null;
  return state.format === 'pypirc-projects' && perProject.length > 0
    ? perProjectLine(perProject, scope, now, state.settings.utc)
    : summaryLine(scope, now, state.settings.utc);
}

/** The copy format, by the catalogue's name for each. */
function FormatMenu({ state, dispatch }: Props) {
  return (
    <select
      aria-label={t('copy_as')}
      value={state.format}
      onChange={(e) => dispatch({ type: 'format', format: e.currentTarget.value as CopyFormat })}
    >
      {COPY_FORMATS.map((f) => (
        <option key={f} value={f}>
          {formatName(f)}
        </option>
      ))}
    </select>
  );
}

/** The narrower token: what it can do, its text (hidden until asked), the format, Copy. */
function Derived(p: Props & { derived: Token }) {
  const { state, view, dispatch, derived } = p;
  const blocked = view.copyBlocked;
  const shown = (token: Token) => (state.reveal ? token.dump() : redact(token.dump()));
  // A token per project shows each project's token, not the one with all of them.
  const text = view.perProject
    ? view.perProject.map((p) => `${p.project}: ${shown(p.token)}`).join('\n')
    : shown(derived);
  return (
    <>
      <p class="line" data-testid="summary">
        {summary(p)}
      </p>
      <div class="row">
        <code class="token-text" data-testid="derived">
          {text}
        </code>
        <button
          type="button"
          aria-pressed={state.reveal}
          onClick={() => dispatch({ type: 'reveal', on: !state.reveal })}
        >
          {t(state.reveal ? 'hide' : 'show')}
        </button>
      </div>
      <div class="row">
        <FormatMenu {...p} />
        <button
          type="button"
          disabled={blocked !== null}
          onClick={() => dispatch({ type: 'further', token: derived })}
        >
          {t('restrict_further')}
        </button>
      </div>
      <button
        type="button"
        class="primary copy"
        disabled={blocked !== null}
        aria-describedby={blocked ? 'copy-blocked' : undefined}
        onClick={p.onCopy}
      >
        {copyLabel(state, view, p.now)}
      </button>
      {blocked && (
        <p id="copy-blocked" class="finding error">
          {t('copy_off', { reason: blocked })}
        </p>
      )}
    </>
  );
}

export function ResultBar(p: Props) {
  const { state, view } = p;
  const fresh = view.copiedFresh ? state.copied : null;
  const failed = view.deriveError;
  return (
    <section class="result" aria-labelledby="result-title">
      <h2 id="result-title" class="sr-only">
        {t('result_title')}
      </h2>
      {view.derived ? (
        <Derived {...p} derived={view.derived} />
      ) : (
        <p class={failed ? 'error' : 'muted'} role={failed ? 'alert' : undefined}>
          {failed ??
            (Object.keys(view.derivation.errors).length > 0
              ? t('result_fix_field')
              : t('result_empty'))}
        </p>
      )}
      <p class="sr-only" role="status">
        {fresh ? t('copy_done_status', { what: formatLabel(fresh.format) }) : ''}
      </p>
      {state.copyError && (
        <p class="error" role="alert">
          {state.copyError}
        </p>
      )}
      {fresh?.clearFailed && (
        <p class="finding warning" role="status">
          {t('copy_clear_not_scheduled')}
        </p>
      )}
    </section>
  );
}
