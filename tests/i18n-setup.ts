// Unit tests read the extension's real catalogue: `chrome.i18n` is added to WXT's fake browser, reading
// `public/_locales/en/messages.json` as the browser does (the message text, `$$` read as `$`), or
// another catalogue a test puts in its place (the pseudo-locale) with `useCatalogue`.
import { afterEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import english from '../public/_locales/en/messages.json';

export type Catalogue = Record<string, { message: string; description?: string }>;

let catalogue: Catalogue = english;
/** The fake browser's language: the locale `Intl` formats dates and numbers in. */
let language = 'en-GB';

export function useCatalogue(next: Catalogue = english, uiLanguage = 'en-GB'): void {
  catalogue = next;
  language = uiLanguage;
}

Object.assign(fakeBrowser, {
  i18n: {
    getMessage: (key: string) => catalogue[key]?.message.replaceAll('$$', '$') ?? '',
    getUILanguage: () => language,
  },
});

afterEach(() => useCatalogue());
