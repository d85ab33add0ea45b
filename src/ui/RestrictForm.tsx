/** What the narrower token may do: projects, project IDs, a user, a time window. */
import type { ScopeSummary } from '@/src/core';
import { local, utc } from './describe';
import { type Derivation, type Field, type FormState, WINDOW_CHOICES } from './form';

interface Props {
  form: FormState;
  onChange(form: FormState): void;
  derivation: Derivation;
  /** The parent's scope: names outside it would make a token that can never be used. */
  scope: ScopeSummary;
}

function FieldError({ field, errors }: { field: Field; errors: Derivation['errors'] }) {
  const message = errors[field];
  return message ? (
    <p id={`${field}-error`} class="error" role="alert">
      {message}
    </p>
  ) : null;
}

const invalid = (field: Field, errors: Derivation['errors']) =>
  errors[field] ? { 'aria-invalid': true, 'aria-describedby': `${field}-error` } : {};

type TextKey = 'projectNames' | 'projectIds' | 'userId';

export function RestrictForm({ form, onChange, derivation, scope }: Props) {
  const set = (patch: Partial<FormState>) => onChange({ ...form, ...patch });
  /** A labelled text input for one form field, marked invalid (and described) when it has an error. */
  const text = (key: TextKey, id: string, label: string, placeholder: string) => (
    <>
      <label for={id}>{label}</label>
      <input
        id={id}
        placeholder={placeholder}
        value={form[key]}
        onInput={(e) => set({ [key]: e.currentTarget.value })}
        {...invalid(key, derivation.errors)}
      />
    </>
  );
  const { errors, names, params } = derivation;
  const outside =
    scope.projectNames === null ? [] : names.filter((n) => !scope.projectNames?.includes(n));
  return (
    <section aria-labelledby="restrict-title">
      <h2 id="restrict-title">Restrict</h2>
      {text('projectNames', 'projects', 'Projects', 'requests, urllib3')}
      {names.length > 0 && (
        <p class="chips">
          <span class="sr-only">Written as: </span>
          {names.map((n) => (
            <span key={n} class={`chip${outside.includes(n) ? ' outside' : ''}`}>
              {n}
            </span>
          ))}
        </p>
      )}
      <FieldError field="projectNames" errors={errors} />
      {outside.length > 0 && (
        <p class="warning" role="status">
          Outside this token’s projects ({scope.projectNames?.join(', ') || 'none'}):{' '}
          {outside.join(', ')}. A token limited to these can never upload them.
        </p>
      )}
      {text('projectIds', 'project-ids', 'Project IDs', 'UUIDs from the project’s settings')}
      <FieldError field="projectIds" errors={errors} />
      {text('userId', 'user-id', 'User ID', 'a UUID')}
      <FieldError field="userId" errors={errors} />
      <label for="window">Valid for</label>
      <select
        id="window"
        value={form.window}
        onChange={(e) => set({ window: e.currentTarget.value as FormState['window'] })}
        {...invalid('window', errors)}
      >
        {WINDOW_CHOICES.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </select>
      {form.window === 'custom' && (
        <div class="row">
          <label>
            From
            <input
              type="datetime-local"
              value={form.customStart}
              onInput={(e) => set({ customStart: e.currentTarget.value })}
            />
          </label>
          <label>
            Until
            <input
              type="datetime-local"
              value={form.customEnd}
              onInput={(e) => set({ customEnd: e.currentTarget.value })}
            />
          </label>
        </div>
      )}
      <FieldError field="window" errors={errors} />
      {params.notBefore !== undefined && params.notAfter !== undefined && (
        <p class="hint" data-testid="window">
          {local(params.notBefore as number)} → {local(params.notAfter as number)} (your time)
          <br />
          {utc(params.notBefore as number)} → {utc(params.notAfter as number)}
        </p>
      )}
    </section>
  );
}
