/**
 * The restrict view, shared by the toolbar popup and the context-menu window: wires the pure state
 * module (`state.ts`) to the browser through `Services`; the components below only render.
 */
import type { Ref } from 'preact';
import { useEffect, useReducer, useRef } from 'preact/hooks';
import { t } from '@/src/shared/i18n';
import { errorText } from './core-text';
import { formatTime } from './describe';
import { copyAction, useClock } from './hooks';
import { Inspector } from './Inspector';
import { RestrictForm } from './RestrictForm';
import { ResultBar } from './ResultBar';
import { Settings } from './Settings';
import type { Services } from './services';
import { storedDraft } from './sources';
import { type Action, INITIAL, reduce, type Undo, type ViewState } from './state';
import { TokenPicker } from './TokenPicker';
import { view } from './view';

type Dispatch = (a: Action) => void;

/** Reads what the view shows, once; Escape closes the view, unless a control took it first. */
function useLoad(services: Services, dispatch: Dispatch) {
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
      .catch((e: unknown) => dispatch({ type: 'failed', error: errorText(e) }));
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) services.close();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [services]);
}

/**
 * The draft follows the working token and the form; it goes when the token goes. (Forget also
 * removes it at once: see `useForget`.)
 */
function useDraft(state: ViewState, services: Services) {
  const ready = state.phase === 'ready';
  useEffect(() => {
    if (ready) void services.saveDraft(storedDraft(state)).catch(() => undefined);
  }, [ready, state.source, state.form, state.query, state.tokens, services]);
}

/** Forget (the working token or all) and Undo; focus goes to Undo, then back to the token. */
function useForget(services: Services, state: ViewState, dispatch: Dispatch) {
  const undoButton = useRef<HTMLButtonElement>(null);
  const tokenControl = useRef<HTMLSelectElement>(null);
  const forget = async (which: 'current' | 'all') => {
    // The draft holds the working token: it goes now, not when an effect gets round to it.
    const draftGone = services.saveDraft(null);
    const source = state.source;
    if (which === 'all') await services.forgetAll();
    else if (source?.kind === 'captured') await services.forgetToken(source.token.identifier);
    await draftGone;
    dispatch({ type: 'forgot', which, now: services.now() });
    requestAnimationFrame(() => undoButton.current?.focus());
  };
  const undo = async () => {
    if (state.undo) await services.restoreTokens(state.undo.tokens);
    dispatch({ type: 'undone' });
    requestAnimationFrame(() => tokenControl.current?.focus());
  };
  return [forget, undo, undoButton, tokenControl] as const;
}

/** Loading, or why the view could not load. */
function Unready({ state }: { state: ViewState }) {
  if (state.phase !== 'failed') return <p class="loading">{t('loading')}</p>;
  return (
    <main class="app">
      <p class="error" role="alert">
        {t('error_session', { reason: state.failure ?? '' })}
      </p>
    </main>
  );
}

/** The background could not empty the clipboard: say so, and when, until the user dismisses it. */
function ClearFailure(p: { at: number; now: number; utc: boolean; onDismiss(): void }) {
  return (
    <div class="finding error" role="alert">
      {t('clear_failed', { when: formatTime(p.at / 1000, p.now, p.utc) })}{' '}
      <button type="button" class="link" onClick={p.onDismiss}>
        {t('dismiss')}
      </button>
    </div>
  );
}

function UndoBar(p: { undo: Undo; now: number; onUndo(): void; button: Ref<HTMLButtonElement> }) {
  return (
    <div class="undo">
      <span role="status">{p.undo.message}</span>
      <button ref={p.button} type="button" onClick={p.onUndo}>
        {t('undo')}
      </button>
      <span class="muted" aria-hidden="true">
        {t('undo_seconds', { seconds: Math.max(0, p.undo.until - p.now) })}
      </span>
    </div>
  );
}

export function App({ services }: { services: Services }) {
  const [state, dispatch] = useReducer(reduce, INITIAL);
  const [now, refreshClock] = useClock(services.now);
  useLoad(services, dispatch);
  useEffect(() => dispatch({ type: 'tick', now }), [now]);
  useDraft(state, services);
  const [forget, undo, undoButton, tokenControl] = useForget(services, state, dispatch);
  // Each render has a new state or a new second: the view is computed afresh, nothing to memoize.
  const v = view(state, now);

  if (state.phase !== 'ready') return <Unready state={state} />;

  const parts = { state, view: v, now, dispatch };
  const copy = copyAction(services.copy, state, v, dispatch, refreshClock);
  const dismiss = () => {
    dispatch({ type: 'clear-failure-seen' });
    void services.dismissClearFailure();
  };
  return (
    <div class="app">
      <header>
        <h1>{t('view_title')}</h1>
      </header>
      <main>
        {state.clearFailedAt !== null && (
          <ClearFailure
            at={state.clearFailedAt}
            now={now}
            utc={state.settings.utc}
            onDismiss={dismiss}
          />
        )}
        <TokenPicker {...parts} onForget={() => void forget('current')} selectRef={tokenControl} />
        {v.token && v.scope && (
          <>
            <Inspector token={v.token} scope={v.scope} now={now} utc={state.settings.utc} />
            <RestrictForm {...parts} />
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
        <UndoBar undo={state.undo} now={now} onUndo={() => void undo()} button={undoButton} />
      )}
      {v.token && <ResultBar {...parts} onCopy={() => void copy()} />}
    </div>
  );
}
