/** Which token to narrow: the captured ones, a pasted one (read out of whatever text holds it), or the menu's. */
import type { Ref } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { redact, summarizeScope } from '@/src/core';
import { plural, t } from '@/src/shared/i18n';
import { findingText } from './core-text';
import { formatTime, summaryLine } from './describe';
import type { ViewProps } from './view';

interface Props extends ViewProps {
  onForget(): void;
  selectRef: Ref<HTMLSelectElement>;
}

/** The held tokens to choose from (and the working one when it is not one of them), Paste…, Forget. */
function TokenRow(p: Props & { pasteShown: boolean; onPaste(): void }) {
  const { tokens, source, settings } = p.state;
  return (
    <div class="row">
      <select
        ref={p.selectRef}
        aria-label={t('token')}
        value={source?.token.identifier ?? ''}
        onChange={(e) => p.dispatch({ type: 'select', identifier: e.currentTarget.value })}
      >
        {source && source.kind !== 'captured' && (
          <option value={source.token.identifier}>{source.label}</option>
        )}
        {!source && <option value="">{t('token_choose')}</option>}
        {tokens.map((c) => (
          <option key={c.identifier} value={c.identifier}>
            {t('token_option', {
              name: c.name ?? t('source_unnamed'),
              site: c.site === 'pypi.org' ? '' : ` · ${c.site}`,
              when: formatTime(c.capturedAt / 1000, p.now, settings.utc, false),
              private: c.fromPrivateWindow ? t('token_from_private') : '',
            })}
          </option>
        ))}
      </select>
      <button type="button" onClick={p.onPaste} aria-expanded={p.pasteShown}>
        {t('paste_open')}
      </button>
      {source && (
        <button
          type="button"
          onClick={p.onForget}
          aria-label={t('forget_label', { name: source.label })}
        >
          {t('forget')}
        </button>
      )}
    </div>
  );
}

/** The paste box; Escape closes it unless it is all there is. */
function PasteForm(p: {
  focus: boolean;
  error: string | null;
  onUse(text: string): void;
  onClose?(): void;
}) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (p.focus) input.current?.focus();
  }, [p.focus]);
  const use = (text: string) => {
    p.onUse(text);
    if (input.current) input.current.value = '';
  };
  return (
    <>
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          use(input.current?.value ?? '');
        }}
      >
        <input
          ref={input}
          type="password"
          aria-label={t('paste_label')}
          autocomplete="off"
          spellcheck={false}
          placeholder={t('paste_hint')}
          aria-invalid={p.error ? true : undefined}
          aria-describedby={p.error ? 'paste-error' : undefined}
          // Read straight from the clipboard: a single-line field would drop a .pypirc block's newlines.
          onPaste={(e) => {
            const text = e.clipboardData?.getData('text/plain');
            if (text === undefined) return;
            e.preventDefault();
            use(text);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && p.onClose) {
              e.preventDefault();
              p.onClose();
            }
          }}
        />
        <button type="submit">{t('paste_use')}</button>
      </form>
      {p.error && (
        <p id="paste-error" class="error" role="alert">
          {p.error}
        </p>
      )}
    </>
  );
}

/** Several different tokens in what was pasted or selected: which one? Shown redacted, with what each can do. */
function Choices({ state, now, dispatch }: ViewProps) {
  return (
    <fieldset class="choices">
      <legend>{plural('choices_legend', state.choices.length)}</legend>
      {state.choices.map((c) => (
        <button
          key={c.token.identifier}
          type="button"
          class="choice"
          onClick={() => dispatch({ type: 'choose', identifier: c.token.identifier })}
        >
          <code>{redact(c.token.dump())}</code>
          <span class="muted">
            {c.site} · {summaryLine(summarizeScope(c.token, now), now, state.settings.utc)}
          </span>
        </button>
      ))}
    </fieldset>
  );
}

export function TokenPicker(p: Props) {
  const { tokens, source, pasteError } = p.state;
  const empty = tokens.length === 0 && !source;
  const [pasting, setPasting] = useState(false);
  const pasteShown = empty || pasting || pasteError !== null;
  const scope = p.view.scope;
  const record =
    source?.kind === 'captured'
      ? tokens.find((c) => c.identifier === source.token.identifier)
      : undefined;
  return (
    <section aria-labelledby="token-title" class="block">
      <h2 id="token-title">{t('token')}</h2>
      {empty ? (
        <p class="hint">{t('token_empty')}</p>
      ) : (
        <TokenRow {...p} pasteShown={pasteShown} onPaste={() => setPasting(!pasting)} />
      )}
      {scope && (
        <p class="line" data-testid="token-summary">
          {summaryLine(scope, p.now, p.state.settings.utc)}
        </p>
      )}
      {scope?.findings
        .filter((f) => f.severity === 'error')
        .map((f) => (
          <p key={f.code} class="finding error">
            {findingText(f)}
          </p>
        ))}
      {record?.locationMismatch && <p class="finding warning">{t('token_location_mismatch')}</p>}
      {pasteShown && (
        <PasteForm
          focus={pasting}
          error={pasteError}
          onUse={(text) => {
            p.dispatch({ type: 'paste', text });
            setPasting(false);
          }}
          onClose={empty ? undefined : () => setPasting(false)}
        />
      )}
      {p.state.choices.length > 0 && <Choices {...p} />}
    </section>
  );
}
