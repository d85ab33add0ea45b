/**
 * Every word the extension shows comes from its catalogue, `public/_locales/<lang>/messages.json`,
 * through this module: the browser picks the catalogue (the user's language, else English) and
 * `chrome.i18n.getMessage` reads it, in every context (pages, the background, the panel in PyPI's page).
 *
 * Messages name their values in braces, `{count}`, and this module fills them in: the browser's own
 * `$1`/placeholder syntax is never used (so `$` never appears in a message). Plural forms are keys
 * `<base>_<category>` for each of `Intl.PluralRules` categories the catalogue's language uses
 * (`_one`, `_other` in English), `_other` being the fallback. Dates and numbers are formatted by
 * `Intl` in the user's own locale. Imports nothing: the catalogue is read only for its keys' type.
 */
import type catalogue from '../../public/_locales/en/messages.json';

export type MessageKey = keyof typeof catalogue;
/** The bases of plural messages: `files` for `files_one` and `files_other`. */
export type PluralKey = MessageKey extends infer K
  ? K extends `${infer Base}_other`
    ? Base
    : never
  : never;
type Value = string | number;
export type Params = Readonly<Record<string, Value>>;

interface I18nApi {
  getMessage(key: string): string;
  getUILanguage(): string;
}

const api = (): I18nApi | undefined => (globalThis as { chrome?: { i18n?: I18nApi } }).chrome?.i18n;

/** The user's locale, for `Intl` (dates, numbers, lists): the browser's language. */
export function userLocale(): string {
  return api()?.getUILanguage() || 'en';
}

const formatValue = (v: Value): string =>
  typeof v === 'string' ? v : new Intl.NumberFormat(userLocale()).format(v);

/** Fills `{name}` from `params`; a name it lacks stays visible rather than vanish. */
function fill(message: string, params: Params | undefined): string {
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (all, name: string) =>
    name in params ? formatValue(params[name] as Value) : all,
  );
}

/** The message `key` with its values filled in. An unknown key shows as itself (never empty). */
export function t(key: MessageKey, params?: Params): string {
  return fill(api()?.getMessage(key) || key, params);
}

/** The plural form of `base` that `count` takes in the catalogue's language; `{count}` is filled in. */
export function plural(base: PluralKey, count: number, params?: Params): string {
  const category = new Intl.PluralRules(t('lang')).select(count);
  const get = (key: string) => api()?.getMessage(key) || '';
  const message = get(`${base}_${category}`) || get(`${base}_other`) || `${base}_other`;
  return fill(message, { count, ...params });
}

/** A list in the user's words: "a, b and c" (`Intl.ListFormat`, the catalogue's language). */
export function list(items: readonly string[]): string {
  return new Intl.ListFormat(t('lang'), { type: 'conjunction' }).format(items);
}

/** `lang` and `dir` for the view's and the panel's root: the catalogue's, never the page's. */
export function direction(): { lang: string; dir: 'ltr' | 'rtl' } {
  return { lang: t('lang'), dir: t('dir') === 'rtl' ? 'rtl' : 'ltr' };
}
