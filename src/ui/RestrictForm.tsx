/** What the narrower token may do: projects, a time window, and (under More) project IDs and a user. */
import { useRef } from 'preact/hooks';
import { type MessageKey, t } from '@/src/shared/i18n';
import { formatTime } from './describe';
import { FieldError, invalid } from './fields';
import type { FormState } from './form';
import { NarrowFields } from './NarrowFields';
import type { Action } from './state';
import type { ViewProps } from './view';

/** The custom window's two ends, in the user's time zone. */
function CustomWindow({ form, dispatch }: { form: FormState; dispatch(a: Action): void }) {
  const end = (key: 'customStart' | 'customEnd', label: MessageKey) => (
    <label>
      {t(label)}
      <input
        type="datetime-local"
        value={form[key]}
        onInput={(e) => dispatch({ type: 'form', patch: { [key]: e.currentTarget.value } })}
      />
    </label>
  );
  return (
    <div class="custom">
      {end('customStart', 'custom_from')}
      {end('customEnd', 'custom_until')}
    </div>
  );
}

/** Project IDs and a user: rarely wanted, so folded away unless filled in. */
function MoreFields({ state, view, dispatch }: ViewProps) {
  const { form } = state;
  const { errors } = view.derivation;
  const text = (key: 'projectIds' | 'userId', id: string, label: MessageKey, hint: MessageKey) => (
    <>
      <label for={id}>{t(label)}</label>
      <input
        id={id}
        placeholder={t(hint)}
        autocomplete="off"
        spellcheck={false}
        value={form[key]}
        onInput={(e) => dispatch({ type: 'form', patch: { [key]: e.currentTarget.value } })}
        {...invalid(key, errors)}
      />
      <FieldError field={key} errors={errors} />
    </>
  );
  return (
    <details class="more" open={Boolean(form.projectIds || form.userId)}>
      <summary>{t('more_title')}</summary>
      {text('projectIds', 'project-ids', 'project_ids', 'project_ids_hint')}
      {text('userId', 'user-id', 'user_id', 'user_id_hint')}
    </details>
  );
}

export function RestrictForm(props: ViewProps) {
  const { state, view, now, dispatch } = props;
  const { params, errors } = view.derivation;
  const section = useRef<HTMLElement>(null);
  const at = (s: number) => formatTime(s, now, state.settings.utc);
  return (
    <section aria-labelledby="restrict-title" class="block" ref={section}>
      <div class="row between">
        <h2 id="restrict-title">{t('narrow_title')}</h2>
        <button
          type="button"
          class="link"
          onClick={() => {
            dispatch({ type: 'new-project', now });
            section.current?.querySelector<HTMLInputElement>('#projects')?.focus();
          }}
        >
          {t('new_project')}
        </button>
      </div>
      <NarrowFields {...props} clock={() => now} custom />
      {state.form.window === 'custom' && <CustomWindow form={state.form} dispatch={dispatch} />}
      <FieldError field="window" errors={errors} />
      {typeof params.notBefore === 'number' && typeof params.notAfter === 'number' && (
        <p class="muted" data-testid="window">
          {t('window_span', { start: at(params.notBefore), end: at(params.notAfter) })}
        </p>
      )}
      <MoreFields {...props} />
    </section>
  );
}
