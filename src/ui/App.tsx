/** The restrict view, shared by the toolbar popup and the context-menu window. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { summarizeScope, Token } from '@/src/core';
import { AUTO_CLEAR_CHOICES, type AutoClear } from '@/src/extension/settings';
import type { CapturedToken } from '@/src/extension/token-store';
import { siteFor } from './copy-formats';
import { derive, EMPTY_FORM, type FormState } from './form';
import { Inspector } from './Inspector';
import { RestrictForm } from './RestrictForm';
import { Result } from './Result';
import type { Services, Source } from './services';
import { TokenSource } from './TokenSource';

function load(raw: string): { token?: Token; error?: string } {
  try {
    return { token: Token.load(raw) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

const clearLabel = (s: number) =>
  s === 0 ? 'Never' : s < 60 ? `After ${s} s` : `After ${s / 60} min`;

export function App({ services }: { services: Services }) {
  const [tokens, setTokens] = useState<CapturedToken[] | null>(null);
  const [source, setSource] = useState<Source | null>(null);
  const [paste, setPaste] = useState('');
  const [pasteError, setPasteError] = useState<string | null>(null);
  const [form, setForm] = useState<FormState>(EMPTY_FORM);
  const [autoClear, setAutoClear] = useState<AutoClear | null>(null);

  useEffect(() => {
    void (async () => {
      const [list, pending, clear] = await Promise.all([
        services.listTokens(),
        services.takePending(),
        services.getAutoClear(),
      ]);
      setTokens(list);
      setAutoClear(clear);
      if (pending && 'token' in pending) setSource({ raw: pending.token, label: 'selected text' });
      else if (pending) setPasteError(pending.error);
      else if (list[0])
        setSource({
          raw: list[0].token,
          label: list[0].name ?? 'captured token',
          site: list[0].site,
        });
    })();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') services.close();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [services]);

  const now = services.now();
  const loaded = useMemo(() => (source ? load(source.raw) : {}), [source]);
  const derivation = derive(form, now);
  const derived = useMemo(() => {
    if (!loaded.token || derivation.empty || Object.keys(derivation.errors).length) return {};
    try {
      return { token: loaded.token.restrict(derivation.params) };
    } catch (e) {
      return { error: (e as Error).message };
    }
    // The params object is new each render; its JSON is the real dependency.
  }, [loaded.token, JSON.stringify(derivation)]);

  const select = (t: CapturedToken) =>
    setSource({ raw: t.token, label: t.name ?? 'captured token', site: t.site });
  const forget = async (identifier?: string) => {
    await (identifier ? services.forgetToken(identifier) : services.forgetAll());
    const list = await services.listTokens();
    setTokens(list);
    if (source && !list.some((t) => t.token === source.raw) && source.site) setSource(null);
  };
  const usePaste = () => {
    const { error } = load(paste);
    setPasteError(error ?? null);
    if (!error) {
      setSource({ raw: paste.trim(), label: 'pasted token' });
      setPaste('');
    }
  };

  if (tokens === null) return <p class="loading">Loading…</p>;
  const site = loaded.token ? siteFor(loaded.token.domain, source?.site) : 'pypi.org';
  return (
    <main>
      <h1>PyPI Token Restrictor</h1>
      <TokenSource
        tokens={tokens}
        selected={source?.raw ?? null}
        onSelect={select}
        onForget={(id) => void forget(id)}
        onForgetAll={() => void forget()}
        paste={paste}
        pasteError={pasteError}
        onPaste={(t) => {
          setPaste(t);
          setPasteError(null);
        }}
        onUsePaste={usePaste}
      />
      {loaded.error && (
        <p class="error" role="alert">
          {loaded.error}
        </p>
      )}
      {loaded.token && (
        <>
          <p class="source">
            Working on: <strong>{source?.label}</strong>
          </p>
          <Inspector token={loaded.token} now={now} />
          <RestrictForm
            form={form}
            onChange={setForm}
            derivation={derivation}
            scope={summarizeScope(loaded.token, now)}
          />
          {derived.error && (
            <p class="error" role="alert">
              {derived.error}
            </p>
          )}
          {derived.token ? (
            <Result
              token={derived.token}
              site={site}
              now={now}
              onCopy={services.copy}
              onFurther={() => {
                setSource({ raw: derived.token.dump(), label: 'restricted token', site });
                setForm(EMPTY_FORM);
              }}
            />
          ) : (
            !derived.error && (
              <p class="hint">
                Choose projects, IDs, a user or a time window to derive a narrower token.
              </p>
            )
          )}
          <p class="note">
            A restricted token shares its parent’s identity: if either leaks, PyPI revokes both.
            Restricting never widens what a token can do.
          </p>
        </>
      )}
      <label for="auto-clear">Clear the clipboard after copying</label>
      <select
        id="auto-clear"
        value={String(autoClear)}
        onChange={(e) => {
          const v = Number(e.currentTarget.value) as AutoClear;
          setAutoClear(v);
          void services.setAutoClear(v);
        }}
      >
        {AUTO_CLEAR_CHOICES.map((s) => (
          <option key={s} value={String(s)}>
            {clearLabel(s)}
          </option>
        ))}
      </select>
    </main>
  );
}
