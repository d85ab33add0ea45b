/** Which token to narrow: the captured ones, a pasted one (read out of whatever text holds it), or the menu's. */
import type { Ref } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { redact, summarizeScope } from '@/src/core';
import { formatTime, summaryLine } from './describe';
import type { Action, ViewState } from './state';
import type { View } from './view';

interface Props {
  state: ViewState;
  view: View;
  now: number;
  dispatch(a: Action): void;
  onForget(): void;
  selectRef: Ref<HTMLSelectElement>;
}

export function TokenPicker({ state, view, now, dispatch, onForget, selectRef }: Props) {
  const { tokens, source, choices, pasteError, settings } = state;
  const empty = tokens.length === 0 && !source;
  const [pasting, setPasting] = useState(false);
  const pasteInput = useRef<HTMLInputElement>(null);
  const showPaste = empty || pasting || pasteError !== null;
  useEffect(() => {
    if (pasting) pasteInput.current?.focus();
  }, [pasting]);
  const use = (text: string) => {
    dispatch({ type: 'paste', text });
    if (pasteInput.current) pasteInput.current.value = '';
    setPasting(false);
  };
  const errors = view.scope?.findings.filter((f) => f.severity === 'error') ?? [];
  const captured = source?.kind === 'captured';

  return (
    <section aria-labelledby="token-title" class="block">
      <h2 id="token-title">Token</h2>
      {empty ? (
        <p class="hint">
          No token yet. Create one on PyPI (Account settings → API tokens) and it appears here, or
          paste one below: a bare token, a <code>.pypirc</code> section or an environment line.
        </p>
      ) : (
        <div class="row">
          <select
            ref={selectRef}
            aria-label="Token"
            value={source?.token.identifier ?? ''}
            onChange={(e) => dispatch({ type: 'select', identifier: e.currentTarget.value })}
          >
            {source && !captured && <option value={source.token.identifier}>{source.label}</option>}
            {!source && <option value="">Choose a token</option>}
            {tokens.map((t) => (
              <option key={t.identifier} value={t.identifier}>
                {t.name ?? 'Unnamed token'}
                {t.site === 'pypi.org' ? '' : ` · ${t.site}`} ·{' '}
                {formatTime(t.capturedAt / 1000, now, settings.utc)}
                {t.fromPrivateWindow ? ' · from a private window' : ''}
              </option>
            ))}
          </select>
          <button type="button" onClick={() => setPasting(!pasting)} aria-expanded={showPaste}>
            Paste…
          </button>
          {source && (
            <button type="button" onClick={onForget} aria-label={`Forget ${source.label}`}>
              Forget
            </button>
          )}
        </div>
      )}
      {view.scope && (
        <p class="line" data-testid="token-summary">
          {summaryLine(view.scope, now, settings.utc)}
        </p>
      )}
      {errors.map((f) => (
        <p key={f.code} class="finding error">
          {f.message}
        </p>
      ))}
      {captured &&
        tokens.find((t) => t.identifier === source.token.identifier)?.locationMismatch && (
          <p class="finding warning">
            This token names another site than the page it came from; the page is trusted.
          </p>
        )}
      {showPaste && (
        <form
          class="row"
          onSubmit={(e) => {
            e.preventDefault();
            use(pasteInput.current?.value ?? '');
          }}
        >
          <input
            ref={pasteInput}
            type="password"
            aria-label="Paste a token"
            autocomplete="off"
            spellcheck={false}
            placeholder="Paste a token, .pypirc or env line"
            aria-invalid={pasteError ? true : undefined}
            aria-describedby={pasteError ? 'paste-error' : undefined}
            // Read straight from the clipboard: a single-line field would drop a .pypirc block's newlines.
            onPaste={(e) => {
              const text = e.clipboardData?.getData('text/plain');
              if (text === undefined) return;
              e.preventDefault();
              use(text);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && !empty) {
                e.preventDefault();
                setPasting(false);
              }
            }}
          />
          <button type="submit">Use</button>
        </form>
      )}
      {pasteError && (
        <p id="paste-error" class="error" role="alert">
          {pasteError}
        </p>
      )}
      {choices.length > 0 && (
        <fieldset class="choices">
          <legend>This text holds {choices.length} different tokens. Which one?</legend>
          {choices.map((c) => (
            <button
              key={c.token.identifier}
              type="button"
              class="choice"
              onClick={() => dispatch({ type: 'choose', identifier: c.token.identifier })}
            >
              <code>{redact(c.token.dump())}</code>
              <span class="muted">
                {c.site} · {summaryLine(summarizeScope(c.token, now), now, settings.utc)}
              </span>
            </button>
          ))}
        </fieldset>
      )}
    </section>
  );
}
