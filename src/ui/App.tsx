/**
 * The restrict view, shared by the toolbar popup and the context-menu window: wires the pure state
 * module (`state.ts`) to the browser through `Services`; the components below only render.
 */
import { useEffect, useMemo, useReducer, useRef } from 'preact/hooks';
import { formatTime } from './describe';
import { copyAction, useClock } from './hooks';
import { Inspector } from './Inspector';
import { RestrictForm } from './RestrictForm';
import { ResultBar } from './ResultBar';
import { Settings } from './Settings';
import type { Services } from './services';
import { storedDraft } from './sources';
import { INITIAL, reduce } from './state';
import { TokenPicker } from './TokenPicker';
import { view } from './view';

export function App({ services }: { services: Services }) {
  const [state, dispatch] = useReducer(reduce, INITIAL);
  const [now, refreshClock] = useClock(services.now);
  const undoButton = useRef<HTMLButtonElement>(null);
  const tokenControl = useRef<HTMLSelectElement>(null);

  useEffect(() => {
    Promise.all([
      services.listTokens(),
      services.listProjects(),
      services.takePending(),
      services.loadDraft(),
      services.getSettings(),
      services.clearFailedAt(),
    ])
      .then(([tokens, projects, pending, draft, settings, clearFailedAt]) =>
        dispatch({
          type: 'loaded',
          tokens,
          projects,
          pending,
          draft,
          settings,
          clearFailedAt,
          now: services.now(),
        }),
      )
      .catch((e: Error) => dispatch({ type: 'failed', error: e.message }));
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) services.close();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [services]);

  useEffect(() => dispatch({ type: 'tick', now }), [now]);

  // The draft follows the working token and the form; it goes when the token goes.
  const ready = state.phase === 'ready';
  useEffect(() => {
    if (!ready) return;
    void services.saveDraft(storedDraft(state)).catch(() => undefined);
  }, [ready, state.source, state.form, state.query, state.tokens, services]);

  const v = useMemo(() => view(state, now), [state, now]);

  if (state.phase === 'failed') {
    return (
      <main class="app">
        <p class="error" role="alert">
          The extension could not read its session memory ({state.failure}). Close and reopen this
          view; if it happens again, restart the browser.
        </p>
      </main>
    );
  }
  if (!ready) return <p class="loading">Loading…</p>;

  const forget = async (which: 'current' | 'all') => {
    // The draft holds the working token: it goes now, not when an effect gets round to it.
    const draftGone = services.saveDraft(null);
    if (which === 'all') await services.forgetAll();
    else if (state.source?.kind === 'captured')
      await services.forgetToken(state.source.token.identifier);
    await draftGone;
    dispatch({ type: 'forgot', which, now: services.now() });
    requestAnimationFrame(() => undoButton.current?.focus());
  };
  const undo = async () => {
    if (state.undo) await services.restoreTokens(state.undo.tokens);
    dispatch({ type: 'undone' });
    requestAnimationFrame(() => tokenControl.current?.focus());
  };
  const copy = copyAction(services.copy, state, v, dispatch, refreshClock);

  return (
    <div class="app">
      <header>
        <h1>Restrict a PyPI token</h1>
      </header>
      <main>
        {state.clearFailedAt !== null && (
          <div class="finding error" role="alert">
            The clipboard could not be emptied at{' '}
            {formatTime(state.clearFailedAt / 1000, now, state.settings.utc)}: it may still hold a
            token. Copy something else over it.{' '}
            <button
              type="button"
              class="link"
              onClick={() => {
                dispatch({ type: 'clear-failure-seen' });
                void services.dismissClearFailure();
              }}
            >
              Dismiss
            </button>
          </div>
        )}
        <TokenPicker
          state={state}
          view={v}
          now={now}
          dispatch={dispatch}
          onForget={() => void forget('current')}
          selectRef={tokenControl}
        />
        {v.token && v.scope && (
          <>
            <Inspector token={v.token} scope={v.scope} now={now} utc={state.settings.utc} />
            <RestrictForm state={state} view={v} now={now} dispatch={dispatch} />
          </>
        )}
        <Settings
          settings={state.settings}
          held={state.tokens.length}
          onChange={(patch) => {
            dispatch({ type: 'settings', patch });
            void services.setSettings(patch);
          }}
          onForgetAll={() => void forget('all')}
        />
      </main>
      {state.undo && (
        <div class="undo">
          <span role="status">{state.undo.message}</span>
          <button ref={undoButton} type="button" onClick={() => void undo()}>
            Undo
          </button>
          <span class="muted" aria-hidden="true">
            {Math.max(0, state.undo.until - now)} s
          </span>
        </div>
      )}
      {v.token && (
        <ResultBar
          state={state}
          view={v}
          now={now}
          dispatch={dispatch}
          onCopy={() => void copy()}
        />
      )}
    </div>
  );
}
