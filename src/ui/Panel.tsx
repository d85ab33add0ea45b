/**
 * The narrowing panel on PyPI's result page: the view's essentials for the token PyPI just showed
 * (projects from the user's list, validity presets, the one-line summary, Copy in every format) and a
 * way to the full view. The same state module and components as the view: nothing is derived,
 * formatted or checked here that the view does not do the same way.
 */
import { useReducer, useState } from 'preact/hooks';
import { direction, t } from '@/src/shared/i18n';
import type { CapturedToken, CopyOutcome, ProjectsBySite } from '@/src/shared/model';
import type { Settings } from '@/src/shared/settings';
import { copyAction, useClock } from './hooks';
import { NarrowFields } from './NarrowFields';
import { ResultBar } from './ResultBar';
import { panelState, reduce } from './state';
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

/** "Open the full view", and what it says when the extension does not answer. */
function OpenFull({ openView }: Pick<PanelServices, 'openView'>) {
  const [failed, setFailed] = useState(false);
  const open = async () => setFailed(!(await openView().catch(() => false)));
  return (
    <div class="block open">
      <button type="button" class="link" onClick={open}>
        {t('panel_open_view')}
      </button>
      {failed && (
        <p class="error" role="alert">
          {t('panel_open_failed')}
        </p>
      )}
    </div>
  );
}

export function Panel({ token, projects, settings, services }: Props) {
  const [state, dispatch] = useReducer(reduce, null, () => panelState(token, projects, settings));
  const [now, refreshClock] = useClock(services.now);
  const v = view(state, now);
  const copy = copyAction(services.copy, state, v, dispatch, refreshClock);
  return (
    // Its own language and direction, never inherited from PyPI's page (which may be right-to-left).
    <section class="panel" aria-labelledby="panel-title" {...direction()}>
      <div class="block">
        <h2 id="panel-title">{t('panel_title')}</h2>
        <p class="muted">{t('panel_intro')}</p>
        <NarrowFields state={state} view={v} now={now} dispatch={dispatch} clock={services.now} />
      </div>
      <ResultBar state={state} view={v} now={now} dispatch={dispatch} onCopy={copy} />
      <OpenFull openView={services.openView} />
    </section>
  );
}
