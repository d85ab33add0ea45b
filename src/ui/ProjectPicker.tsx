/**
 * Projects: chips for the chosen names, a box to type a name or filter the user's own projects (as
 * PyPI's token form last listed them), a checkbox per project, and "add all matching" for families
 * such as apache-airflow-providers-*.
 */
import type { RefObject } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { normalizeProjectName } from '@/src/core';
import { plural, t } from '@/src/shared/i18n';
import type { Site } from '@/src/shared/pypi';
import { formatTime, words } from './describe';
import { holdsSecret } from './form';
import { heldTexts } from './state';
import type { ViewProps } from './view';

const SHOWN = 200;
/** The list's items take focus with the arrow keys only: Tab leaves the picker, as in a combobox. */
const ITEMS = '.options [tabindex="-1"]';

/** The user's projects `filter` matches: those it starts first, then those it is inside of. */
const matching = (all: string[], filter: string) =>
  filter
    ? [
        ...all.filter((n) => n.startsWith(filter)),
        ...all.filter((n) => !n.startsWith(filter) && n.includes(filter)),
      ]
    : all;

/** What the picker's parts share: the view, the list's state, and what the box matches. */
interface Picker extends ViewProps {
  open: boolean;
  setOpen(open: boolean): void;
  box: RefObject<HTMLDivElement | null>;
  input: RefObject<HTMLInputElement | null>;
  site: Site;
  chosen: string[];
  matches: string[];
  filter: string;
  /** Chosen names the parent token may not upload to, when it is limited to some projects. */
  outside: string[];
  toggle(name: string, on: boolean): void;
  /** The list closes when focus leaves both the box and the list, or on Escape (back to the box). */
  leave(e: FocusEvent): void;
  close(e: KeyboardEvent): void;
}

/** The box: a name to add, or a filter over the user's projects. */
function ProjectBox(p: Picker) {
  const { state, view, dispatch, chosen, matches, setOpen } = p;
  const query = state.query;
  const keys = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && p.open) p.close(e);
    if (e.key === 'Enter') {
      e.preventDefault();
      // Enter takes the one project the filter leaves, else the typed text as it is.
      const [first] = matches;
      const only = matches.length === 1 && first !== undefined && !chosen.includes(first);
      dispatch({ type: 'add-names', text: only ? first : query });
      setOpen(false);
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      requestAnimationFrame(() => p.box.current?.querySelector<HTMLElement>(ITEMS)?.focus());
    } else if (e.key === 'Backspace' && query === '') {
      const last = chosen.at(-1);
      if (last !== undefined) p.toggle(last, false);
    }
  };
  const count = view.known?.names.length;
  return (
    <input
      id="projects"
      ref={p.input}
      aria-describedby="projects-note"
      aria-invalid={state.queryError ? true : undefined}
      autocomplete="off"
      spellcheck={false}
      placeholder={count ? plural('projects_filter_hint', count) : t('projects_type_hint')}
      value={query}
      onClick={() => setOpen(true)}
      onInput={(e) => {
        dispatch({ type: 'query', text: e.currentTarget.value });
        setOpen(e.currentTarget.value.trim() !== '');
      }}
      onBlur={p.leave}
      onPaste={(e) => {
        // A pasted token never enters the box: the state refuses it and says so, without echoing it.
        const text = e.clipboardData?.getData('text/plain') ?? '';
        if (holdsSecret(text, heldTexts(state))) {
          e.preventDefault();
          dispatch({ type: 'query', text });
        }
      }}
      onKeyDown={keys}
    />
  );
}

/** The user's projects the box matches, a checkbox each, and "add all matching" for a family. */
function Options(p: Picker) {
  const { state, dispatch, box, input, site, chosen, matches, filter } = p;
  const addAll = () => {
    dispatch({ type: 'set-names', names: [...new Set([...chosen, ...matches])] });
    dispatch({ type: 'query', text: '' });
    input.current?.focus();
  };
  const keys = (e: KeyboardEvent) => {
    if (e.key === 'Escape') p.close(e);
    else if (e.key === 'Enter' && (e.target as HTMLInputElement).type === 'checkbox') {
      e.preventDefault();
      (e.target as HTMLInputElement).click();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const all = [...(box.current?.querySelectorAll<HTMLElement>(ITEMS) ?? [])];
      // Inside a shadow root (the panel on PyPI's page) the document sees only the host as focused.
      const root = box.current?.getRootNode() as Document | ShadowRoot | undefined;
      const at = all.indexOf(root?.activeElement as HTMLElement);
      const next = at + (e.key === 'ArrowDown' ? 1 : -1);
      if (next < 0) input.current?.focus();
      else all[Math.min(next, all.length - 1)]?.focus();
    }
  };
  return (
    <fieldset class="options" onFocusOut={p.leave} onKeyDown={keys}>
      <legend class="sr-only">{t('projects_yours_on', { site })}</legend>
      {filter && matches.length > 1 && (
        <button type="button" class="all" tabIndex={-1} onClick={addAll}>
          {t('projects_add_all', { count: matches.length, filter })}
        </button>
      )}
      <ul>
        {matches.slice(0, SHOWN).map((n) => (
          <li key={n}>
            <label>
              <input
                type="checkbox"
                tabIndex={-1}
                checked={chosen.includes(n)}
                onChange={(e) => p.toggle(n, e.currentTarget.checked)}
              />
              {n}
            </label>
          </li>
        ))}
      </ul>
      {matches.length === 0 && (
        <p class="muted">{t('projects_none_match', { text: state.query.trim() })}</p>
      )}
      {matches.length > SHOWN && (
        <p class="muted">{t('projects_more', { count: matches.length - SHOWN })}</p>
      )}
    </fieldset>
  );
}

/** Under the box: what Enter would do, or where the list comes from; names PyPI may refuse. */
function Notes({ state, view, now, open, site, chosen, outside }: Picker) {
  const { known } = view;
  const error = state.queryError;
  const typed = state.query.trim();
  const unknown = known ? chosen.filter((n) => !known.names.includes(n)) : [];
  return (
    <>
      <p id="projects-note" class={error ? 'error' : 'muted'} role={error ? 'alert' : undefined}>
        {error ??
          (typed && !open
            ? t('projects_not_added', { text: typed })
            : known
              ? t('projects_listed', {
                  site,
                  when: formatTime(known.seenAt / 1000, now, state.settings.utc),
                })
              : t('projects_open_page', { site }))}
      </p>
      {unknown.length > 0 && (
        <p class="muted">{t('projects_unknown', { names: words(unknown) })}</p>
      )}
      {outside.length > 0 && (
        <p class="finding warning" role="status">
          {t('projects_outside', {
            allowed: words(view.scope?.projectNames ?? []),
            names: words(outside),
          })}
        </p>
      )}
    </>
  );
}

/** The chosen names, each with its remove button; those the parent token forbids stand out. */
function Chips({ chosen, outside, toggle }: Picker) {
  return (
    <ul class="chips" aria-label={t('projects_chosen')}>
      {chosen.map((n) => (
        <li key={n} class={`chip${outside.includes(n) ? ' outside' : ''}`}>
          {n}
          <button
            type="button"
            aria-label={t('projects_remove', { name: n })}
            onClick={() => toggle(n, false)}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}

export function ProjectPicker(props: ViewProps) {
  const { state, view, dispatch } = props;
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const chosen = state.form.projectNames;
  const filter = normalizeProjectName(state.query.trim());
  const all = view.known?.names ?? [];
  const matches = matching(all, filter);
  const parentNames = view.scope?.projectNames;
  const toggle = (name: string, on: boolean) =>
    dispatch({
      type: 'set-names',
      names: on ? [...chosen, name] : chosen.filter((n) => n !== name),
    });
  const p: Picker = {
    ...props,
    open,
    setOpen,
    box,
    input,
    site: state.source?.site ?? 'pypi.org',
    chosen,
    matches,
    filter,
    toggle,
    outside: parentNames ? chosen.filter((n) => !parentNames.includes(n)) : [],
    leave: (e) => {
      if (!box.current?.contains(e.relatedTarget as Node | null)) setOpen(false);
    },
    close: (e) => {
      e.preventDefault();
      setOpen(false);
      input.current?.focus();
    },
  };
  return (
    <div class="picker" ref={box}>
      <label for="projects">{t('projects')}</label>
      {chosen.length > 0 && <Chips {...p} />}
      <ProjectBox {...p} />
      {open && all.length > 0 && <Options {...p} />}
      <Notes {...p} />
    </div>
  );
}
