/** Where the token comes from: the captured ones, newest first, or a pasted one. */
import { redact } from '@/src/core';
import type { CapturedToken } from '@/src/extension/token-store';

interface Props {
  tokens: CapturedToken[];
  selected: string | null;
  onSelect(t: CapturedToken): void;
  onForget(identifier: string): void;
  onForgetAll(): void;
  paste: string;
  pasteError: string | null;
  onPaste(text: string): void;
  onUsePaste(): void;
}

const when = (ms: number) =>
  new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

export function TokenSource(p: Props) {
  return (
    <section aria-labelledby="source-title">
      <h2 id="source-title">Token</h2>
      {p.tokens.length > 0 ? (
        <>
          <ul class="tokens" aria-label="Captured tokens">
            {p.tokens.map((t) => (
              <li key={t.identifier} class={p.selected === t.token ? 'selected' : ''}>
                <button
                  type="button"
                  class="token"
                  aria-pressed={p.selected === t.token}
                  onClick={() => p.onSelect(t)}
                >
                  <span class="name">{t.name ?? 'Unnamed token'}</span>
                  <span class="meta">
                    {t.site} · {t.scope ?? 'scope not shown'} · {when(t.capturedAt)}
                  </span>
                  <code>{redact(t.token)}</code>
                  {t.locationMismatch && (
                    <span class="warn">
                      The token names another site than the page it came from.
                    </span>
                  )}
                </button>
                <button
                  type="button"
                  class="link"
                  aria-label={`Forget ${t.name ?? 'this token'}`}
                  onClick={() => p.onForget(t.identifier)}
                >
                  Forget
                </button>
              </li>
            ))}
          </ul>
          <button type="button" class="link" onClick={p.onForgetAll}>
            Forget all captured tokens
          </button>
        </>
      ) : (
        <p class="hint">No token captured yet: create one on pypi.org, or paste one below.</p>
      )}
      <form
        class="paste"
        onSubmit={(e) => {
          e.preventDefault();
          p.onUsePaste();
        }}
      >
        <label for="paste">Paste a token</label>
        <div class="row">
          <input
            id="paste"
            type="password"
            autocomplete="off"
            spellcheck={false}
            placeholder="pypi-…"
            value={p.paste}
            aria-invalid={p.pasteError ? true : undefined}
            aria-describedby={p.pasteError ? 'paste-error' : undefined}
            onInput={(e) => p.onPaste(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && p.paste) {
                e.stopPropagation();
                p.onPaste('');
              }
            }}
          />
          <button type="submit">Use</button>
        </div>
        {p.pasteError && (
          <p id="paste-error" class="error" role="alert">
            {p.pasteError}
          </p>
        )}
      </form>
    </section>
  );
}
