/**
 * What the panel on PyPI's page and the full view both ask, written once: which projects, and for how
 * long (the full view adds Custom; the panel offers the presets only).
 */

import { invalid } from './fields';
import { WINDOW_CHOICES, type WindowChoice } from './form';
import { ProjectPicker } from './ProjectPicker';
import { type Action, heldTexts, type ViewState } from './state';
import type { View } from './view';

interface Props {
  state: ViewState;
  view: View;
  now: number;
  dispatch(a: Action): void;
  /** The moment a chosen preset starts from (Unix seconds). */
  clock(): number;
  /** Offer a custom window besides the presets. */
  custom?: boolean;
}

const PRESETS = WINDOW_CHOICES.filter((c) => c.id !== 'custom');

export function NarrowFields({ state, view, now, dispatch, clock, custom = false }: Props) {
  const { form } = state;
  return (
    <>
      <ProjectPicker
        chosen={form.projectNames}
        query={state.query}
        error={state.queryError}
        known={view.known}
        site={state.source?.site ?? 'pypi.org'}
        parentNames={view.scope?.projectNames ?? null}
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
        value={form.window}
        onChange={(e) =>
          dispatch({ type: 'window', window: e.currentTarget.value as WindowChoice, now: clock() })
        }
        {...invalid('window', view.derivation.errors)}
      >
        {(custom ? WINDOW_CHOICES : PRESETS).map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </select>
    </>
  );
}
