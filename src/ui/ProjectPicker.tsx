/**
 * Projects: chips for the chosen names, a box to type a name or filter the user's own projects (as
 * PyPI's token form last listed them), a checkbox per project, and "add all matching" for families
 * such as apache-airflow-providers-*.
 */
import { useRef, useState } from 'preact/hooks';
import { normalizeProjectName } from '@/src/core';
import type { SeenProjects } from '@/src/shared/model';
import type { Site } from '@/src/shared/pypi';
import { formatTime, words } from './describe';
import { holdsSecret } from './form';

interface Props {
  chosen: string[];
  query: string;
  error: string | null;
  known: SeenProjects | null;
  site: Site;
  /** The parent's own project names, when it is limited to some. */
  parentNames: string[] | null;
  now: number;
  utc: boolean;
  /** The texts of the tokens the view holds: text carrying any piece of one is refused. */
  held: readonly string[];
  onQuery(text: string): void;
  /** Adds what was typed (names separated by commas or spaces). */
  onAdd(text: string): void;
  onChange(names: string[]): void;
}

const SHOWN = 200;

export function ProjectPicker(p: Props) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const filter = normalizeProjectName(p.query.trim());
  const all = p.known?.names ?? [];
  const matches = filter
    ? [
        ...all.filter((n) => n.startsWith(filter)),
        ...all.filter((n) => !n.startsWith(filter) && n.includes(filter)),
      ]
    : all;
  const toggle = (name: string, on: boolean) =>
    p.onChange(on ? [...p.chosen, name] : p.chosen.filter((n) => n !== name));
  const unknown = p.known ? p.chosen.filter((n) => !all.includes(n)) : [];
  const outside = p.parentNames ? p.chosen.filter((n) => !p.parentNames?.includes(n)) : [];
  const addAll = () => {
    p.onChange([...new Set([...p.chosen, ...matches])]);
    p.onQuery('');
    input.current?.focus();
  };

  /** The list closes when focus leaves both the box and the list, or on Escape (back to the box). */
  const leave = (e: FocusEvent) => {
    if (!box.current?.contains(e.relatedTarget as Node | null)) setOpen(false);
  };
  /** The list's items take focus with the arrow keys only: Tab leaves the picker, as in a combobox. */
  const items = () => [
    ...(box.current?.querySelectorAll<HTMLElement>('.options [tabindex="-1"]') ?? []),
  ];
  const listKeys = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && open) {
      e.preventDefault();
      setOpen(false);
      input.current?.focus();
    } else if (e.key === 'Enter' && (e.target as HTMLInputElement).type === 'checkbox') {
      e.preventDefault();
      (e.target as HTMLInputElement).click();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const all = items();
      // Inside a shadow root (the panel on PyPI's page) the document sees only the host as focused.
      const root = box.current?.getRootNode() as Document | ShadowRoot | undefined;
      const at = all.indexOf(root?.activeElement as HTMLElement);
      const next = at + (e.key === 'ArrowDown' ? 1 : -1);
      if (next < 0) input.current?.focus();
      else all[Math.min(next, all.length - 1)]?.focus();
    }
  };

  return (
    <div class="picker" ref={box}>
      <label for="projects">Projects</label>
      {p.chosen.length > 0 && (
        <ul class="chips" aria-label="Chosen projects">
          {p.chosen.map((n) => (
            <li key={n} class={`chip${outside.includes(n) ? ' outside' : ''}`}>
              {n}
              <button type="button" aria-label={`Remove ${n}`} onClick={() => toggle(n, false)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id="projects"
        ref={input}
        aria-describedby="projects-note"
        aria-invalid={p.error ? true : undefined}
        autocomplete="off"
        spellcheck={false}
        placeholder={
          all.length ? `Type to filter your ${all.length} projects` : 'Type a name, then Enter'
        }
        value={p.query}
        onClick={() => setOpen(true)}
        onInput={(e) => {
          p.onQuery(e.currentTarget.value);
          setOpen(e.currentTarget.value.trim() !== '');
        }}
        onBlur={leave}
        onPaste={(e) => {
          // A pasted token never enters the box: the state refuses it and says so, without echoing it.
          const text = e.clipboardData?.getData('text/plain') ?? '';
          if (holdsSecret(text, p.held)) {
            e.preventDefault();
            p.onQuery(text);
          }
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') listKeys(e);
          if (e.key === 'Enter') {
            e.preventDefault();
            // Enter takes the one project the filter leaves, else the typed text as it is.
            const only = matches.length === 1 && !p.chosen.includes(matches[0] as string);
            p.onAdd(only ? (matches[0] as string) : p.query);
            setOpen(false);
          } else if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
            requestAnimationFrame(() => items()[0]?.focus());
          } else if (e.key === 'Backspace' && p.query === '' && p.chosen.length) {
            toggle(p.chosen.at(-1) as string, false);
          }
        }}
      />
      {open && all.length > 0 && (
        <fieldset class="options" onFocusOut={leave} onKeyDown={listKeys}>
          <legend class="sr-only">Your projects on {p.site}</legend>
          {filter && matches.length > 1 && (
            <button type="button" class="all" tabIndex={-1} onClick={addAll}>
              Add all {matches.length} matching “{filter}”
            </button>
          )}
          <ul>
            {matches.slice(0, SHOWN).map((n) => (
              <li key={n}>
                <label>
                  <input
                    type="checkbox"
                    tabIndex={-1}
                    checked={p.chosen.includes(n)}
                    onChange={(e) => toggle(n, e.currentTarget.checked)}
                  />
                  {n}
                </label>
              </li>
            ))}
          </ul>
          {matches.length === 0 && (
            <p class="muted">None of your projects matches; Enter adds “{p.query.trim()}”.</p>
          )}
          {matches.length > SHOWN && (
            <p class="muted">{matches.length - SHOWN} more: type to narrow.</p>
          )}
        </fieldset>
      )}
      <p
        id="projects-note"
        class={p.error ? 'error' : 'muted'}
        role={p.error ? 'alert' : undefined}
      >
        {p.error ??
          (p.query.trim() && !open
            ? `Not added yet: press Enter to add “${p.query.trim()}”.`
            : p.known
              ? `Your projects on ${p.site}, as PyPI listed them ${formatTime(p.known.seenAt / 1000, p.now, p.utc)}.`
              : `Open ${p.site}’s token page once (Account settings → API tokens) to pick from your own projects here.`)}
      </p>
      {unknown.length > 0 && (
        <p class="muted">
          Not among your projects: {words(unknown)}. Fine for a project’s first upload with an
          account-wide token: PyPI creates the project on upload.
        </p>
      )}
      {outside.length > 0 && (
        <p class="finding warning" role="status">
          Outside this token’s projects ({words(p.parentNames ?? [])}): {words(outside)}. A token
          limited to these can never upload them.
        </p>
      )}
    </div>
  );
}
