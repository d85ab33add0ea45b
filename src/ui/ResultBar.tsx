/**
 * The result, always in view at the bottom: what the narrower token can do in one line, the token
 * (hidden until asked), Copy in the chosen format with a live confirmation, and Restrict further.
 */
import { redact } from '@/src/core';
import { COPY_FORMATS, type CopyFormat, formatLabel } from './copy-formats';
import { perProjectLine, summaryLine } from './describe';
import type { Action, ViewState } from './state';
import type { View } from './view';

interface Props {
  state: ViewState;
  view: View;
  now: number;
  dispatch(a: Action): void;
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

export function ResultBar({ state, view, now, dispatch, onCopy }: Props) {
  const { derived, derivedScope, derivation } = view;
  const hasErrors = Object.keys(derivation.errors).length > 0;
  const blocked = view.copyBlocked;
  const text = derived?.dump();
  const fresh = view.copiedFresh ? state.copied : null;
  const perProject = derivation.params.projectNames ?? [];
  return (
    <section class="result" aria-labelledby="result-title">
      <h2 id="result-title" class="sr-only">
        Narrower token
      </h2>
      {!derived ? (
        <p
          class={view.deriveError ? 'error' : 'muted'}
          role={view.deriveError ? 'alert' : undefined}
        >
          {view.deriveError ??
            (hasErrors
              ? 'Correct the marked field to get a narrower token.'
              : 'Pick projects or a time window: the narrower token appears here.')}
        </p>
      ) : (
        <>
          <p class="line" data-testid="summary">
            {derivedScope &&
              (state.format === 'pypirc-projects' && perProject.length > 0
                ? perProjectLine(perProject, derivedScope, now, state.settings.utc)
                : summaryLine(derivedScope, now, state.settings.utc))}
          </p>
          <div class="row">
            <code class="token-text" data-testid="derived">
              {state.reveal ? text : redact(text ?? '')}
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
              onClick={() => derived && dispatch({ type: 'further', token: derived })}
            >
              Restrict further
            </button>
          </div>
          <button
            type="button"
            class="primary copy"
            disabled={blocked !== null}
            aria-describedby={blocked ? 'copy-blocked' : undefined}
            onClick={onCopy}
          >
            {copyLabel(state, view, now)}
          </button>
          {blocked && (
            <p id="copy-blocked" class="finding error">
              Copy is off: {blocked}
            </p>
          )}
        </>
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
