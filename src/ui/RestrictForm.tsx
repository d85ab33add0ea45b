/** What the narrower token may do: projects, a time window, and (under More) project IDs and a user. */
import { useRef } from 'preact/hooks';
import { formatTime } from './describe';
import { type Field, WINDOW_CHOICES, type WindowChoice } from './form';
import { ProjectPicker } from './ProjectPicker';
import { type Action, heldTexts, type ViewState } from './state';
import type { View } from './view';

interface Props {
  state: ViewState;
  view: View;
  now: number;
  dispatch(a: Action): void;
}

function FieldError({ field, errors }: { field: Field; errors: View['derivation']['errors'] }) {
  const message = errors[field];
  return message ? (
    <p id={`${field}-error`} class="error" role="alert">
      {message}
    </p>
  ) : null;
}

const invalid = (field: Field, errors: View['derivation']['errors']) =>
  errors[field] ? { 'aria-invalid': true, 'aria-describedby': `${field}-error` } : {};

export function RestrictForm({ state, view, now, dispatch }: Props) {
  const { form, settings } = state;
  const { errors, params } = view.derivation;
  const site = state.source?.site ?? 'pypi.org';
  const projects = useRef<HTMLDivElement>(null);
  const t = (s: number) => formatTime(s, now, settings.utc);
  const text = (key: 'projectIds' | 'userId', id: string, label: string, hint: string) => (
    <>
      <label for={id}>{label}</label>
      <input
        id={id}
        placeholder={hint}
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
    <section aria-labelledby="restrict-title" class="block">
      <div class="row between">
        <h2 id="restrict-title">Narrow it to</h2>
        <button
          type="button"
          class="link"
          onClick={() => {
            dispatch({ type: 'new-project', now });
            projects.current?.querySelector('input')?.focus();
          }}
        >
          New project: its name, 1 hour
        </button>
      </div>
      <div ref={projects}>
        <ProjectPicker
          chosen={form.projectNames}
          query={state.query}
          error={state.queryError}
          known={view.known}
          site={site}
          parentNames={view.scope?.projectNames ?? null}
          now={now}
          utc={settings.utc}
          held={heldTexts(state)}
          onQuery={(text) => dispatch({ type: 'query', text })}
          onAdd={(text) => dispatch({ type: 'add-names', text })}
          onChange={(names) => dispatch({ type: 'set-names', names })}
        />
      </div>
      <label for="window">Valid for</label>
      <select
        id="window"
        value={form.window}
        onChange={(e) =>
          dispatch({ type: 'window', window: e.currentTarget.value as WindowChoice, now })
        }
        {...invalid('window', errors)}
      >
        {WINDOW_CHOICES.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </select>
      {form.window === 'custom' && (
        <div class="custom">
          <label>
            From
            <input
              type="datetime-local"
              value={form.customStart}
              onInput={(e) =>
                dispatch({ type: 'form', patch: { customStart: e.currentTarget.value } })
              }
            />
          </label>
          <label>
            Until
            <input
              type="datetime-local"
              value={form.customEnd}
              onInput={(e) =>
                dispatch({ type: 'form', patch: { customEnd: e.currentTarget.value } })
              }
            />
          </label>
        </div>
      )}
      <FieldError field="window" errors={errors} />
      {typeof params.notBefore === 'number' && typeof params.notAfter === 'number' && (
        <p class="muted" data-testid="window">
          From {t(params.notBefore)} until {t(params.notAfter)} (a minute early for clock skew)
        </p>
      )}
      <details class="more" open={Boolean(form.projectIds || form.userId)}>
        <summary>Project IDs, user</summary>
        {text('projectIds', 'project-ids', 'Project IDs', 'UUIDs, from Inspect of a project token')}
        {text('userId', 'user-id', 'User ID', 'a UUID, from Inspect of an account token')}
      </details>
    </section>
  );
}
