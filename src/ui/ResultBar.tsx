/**
 * The result, always in view at the bottom: what the narrower token can do in one line, the token
 * (hidden until asked), Copy in the chosen format with a live confirmation, and Restrict further.
 */
import { redact, type Token } from '@/src/core';
import { COPY_FORMATS, type CopyFormat, formatLabel } from './copy-formats';
import { perProjectLine, summaryLine } from './describe';
import type { ViewState } from './state';
import type { View, ViewProps } from './view';

interface Props extends ViewProps {
  onCopy(): void;
}

function copyLabel(state: ViewState, view: View, now: number): string {
  const c = state.copied;
  if (!view.copiedFresh || !c) return 'Copy';
  const copied = `Copied ${formatLabel(c.format)}`;
  if (c.clearAt === null) return copied;
  const left = Math.floor(c.clearAt / 1000 - now);
  return left > 0 ? `${copied} · clears in ${left} s` : 'Copy';
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

/** The narrower token: what it can do, its text (hidden until asked), the format, Copy. */
function Derived(p: Props & { derived: Token }) {
  const { state, view, dispatch, derived } = p;
  const blocked = view.copyBlocked;
  const shown = (t: Token) => (state.reveal ? t.dump() : redact(t.dump()));
  // A token per project shows each project's token, not the one with all of them.
  const text = view.perProject
    ? view.perProject.map((t) => `${t.project}: ${shown(t.token)}`).join('\n')
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
          {state.reveal ? 'Hide' : 'Show'}
        </button>
      </div>
      <div class="row">
        <select
          aria-label="Copy as"
          value={state.format}
          onChange={(e) =>
            dispatch({ type: 'format', format: e.currentTarget.value as CopyFormat })
          }
        >
          {COPY_FORMATS.map((f) => (
            <option key={f.id} value={f.id}>
              {f.label}
            </option>
          ))}
        </select>
        <button
          type="button"
          disabled={blocked !== null}
          onClick={() => dispatch({ type: 'further', token: derived })}
        >
          Restrict further
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
          Copy is off: {blocked}
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
        Narrower token
      </h2>
      {view.derived ? (
        <Derived {...p} derived={view.derived} />
      ) : (
        <p class={failed ? 'error' : 'muted'} role={failed ? 'alert' : undefined}>
          {failed ??
            (Object.keys(view.derivation.errors).length > 0
              ? 'Correct the marked field to get a narrower token.'
              : 'Pick projects or a time window: the narrower token appears here.')}
        </p>
      )}
      <p class="sr-only" role="status">
        {fresh ? `Copied ${formatLabel(fresh.format)}.` : ''}
      </p>
      {state.copyError && (
        <p class="error" role="alert">
          {state.copyError}
        </p>
      )}
      {fresh?.clearFailed && (
        <p class="finding warning" role="status">
          Copied, but the clipboard will not be emptied automatically: the extension’s background
          did not take the request. Clear it yourself after pasting.
        </p>
      )}
    </section>
  );
}
