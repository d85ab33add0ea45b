/**
 * What the panel on PyPI's page and the full view both ask, written once: which projects, and for how
 * long (the full view adds Custom; the panel offers the presets only).
 */

import { t } from '@/src/shared/i18n';
import { invalid } from './fields';
import { WINDOW_CHOICES, type WindowChoice } from './form';
import { ProjectPicker } from './ProjectPicker';
import type { ViewProps } from './view';

interface Props extends ViewProps {
  /** The moment a chosen preset starts from (Unix seconds). */
  clock(): number;
  /** Offer a custom window besides the presets. */
  custom?: boolean;
}

const PRESETS = WINDOW_CHOICES.filter((c) => c.id !== 'custom');

export function NarrowFields(props: Props) {
  const { state, view, dispatch } = props;
  const { form } = state;
  return (
    <>
      <ProjectPicker {...props} />
      <label for="window">{t('window_label')}</label>
      <select
        id="window"
        value={form.window}
        onChange={(e) =>
          dispatch({
            type: 'window',
            window: e.currentTarget.value as WindowChoice,
            now: props.clock(),
          })
        }
        {...invalid('window', view.derivation.errors)}
      >
        {(props.custom ? WINDOW_CHOICES : PRESETS).map((c) => (
          <option key={c.id} value={c.id}>
            {t(`window_${c.id}`)}
          </option>
        ))}
      </select>
    </>
  );
}
