/**
 * The narrowing panel on PyPI's result page: the view's essentials for the token PyPI just showed
 * (projects from the user's list, validity presets, the one-line summary, Copy in every format) and a
 * way to the full view. The same state module and components as the view: nothing is derived,
 * formatted or checked here that the view does not do the same way.
 */
import { useMemo, useReducer, useState } from 'preact/hooks';
import type { CapturedToken, CopyOutcome, ProjectsBySite } from '@/src/shared/model';
import type { Settings } from '@/src/shared/settings';
import { WINDOW_CHOICES, type WindowChoice } from './form';
import { copyAction, useClock } from './hooks';
import { ProjectPicker } from './ProjectPicker';
import { ResultBar } from './ResultBar';
import { heldTexts, panelState, reduce } from './state';
import { view } from './view';

export interface PanelServices {
  /** Copies from the user's click and schedules the auto-clear. */
  copy(text: string): Promise<CopyOutcome>;
  /** Opens the full view with this token selected; false when the background refused. */
  openView(): Promise<boolean>;
  /** Unix seconds. */
  now(): number;
}

interface Props {
  /** The token on this page, as the background holds it. */
  token: CapturedToken;
  projects: ProjectsBySite;
  settings: Settings;
  services: PanelServices;
}

/** The presets only: a custom window is the full view's. */
const PRESETS = WINDOW_CHOICES.filter((c) => c.id !== 'custom');

export function Panel({ token, projects, settings, services }: Props) {
  const [state, dispatch] = useReducer(reduce, null, () => panelState(token, projects, settings));
  const [now, refreshClock] = useClock(services.now);
  const [openFailed, setOpenFailed] = useState(false);
  const v = useMemo(() => view(state, now), [state, now]);
  const site = token.site;

  const copy = copyAction(services.copy, state, v, dispatch, refreshClock);
  const openFull = async () => setOpenFailed(!(await services.openView().catch(() => false)));

  return (
    <section class="panel" aria-labelledby="panel-title">
      <div class="block">
        <h2 id="panel-title">Narrow this token</h2>
        <p class="muted">
          PyPI Token Restrictor holds this token in memory. Make a narrower copy of it here, on your
          machine: nothing is sent to PyPI.
        </p>
        <ProjectPicker
          chosen={state.form.projectNames}
          query={state.query}
          error={state.queryError}
          known={v.known}
          site={site}
          parentNames={v.scope?.projectNames ?? null}
          now={now}
          utc={state.settings.utc}
          held={heldTexts(state)}
          onQuery={(text) => dispatch({ type: 'query', text })}
          onAdd={(text) => dispatch({ type: 'add-names', text })}
          onChange={(names) => dispatch({ type: 'set-names', names })}
        />
        <label for="window">Valid for</label>
        <select
          id="window"
          value={state.form.window}
          onChange={(e) =>
            dispatch({
              type: 'window',
              window: e.currentTarget.value as WindowChoice,
              now: services.now(),
            })
          }
        >
          {PRESETS.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
      <ResultBar state={state} view={v} now={now} dispatch={dispatch} onCopy={copy} />
      <div class="block open">
        <button type="button" class="link" onClick={openFull}>
          Open the full view
        </button>
        {openFailed && (
          <p class="error" role="alert">
            The extension did not open: it may have been updated since this page loaded. Use its
            toolbar button.
          </p>
        )}
      </div>
    </section>
  );
}
