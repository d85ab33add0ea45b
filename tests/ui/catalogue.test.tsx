// @vitest-environment happy-dom
// Every word comes from the catalogue. The catalogue itself: keys the browsers accept, no `$` (the
// browsers' own placeholder syntax), plural forms complete, every other language's placeholders the
// same as English's. And the rendered view, panel and notice under the pseudo-locale: every visible
// text and every accessible name is made of pseudo-messages and the data they show (project names, the
// token's name, dates, tokens in `<code>`). A word written in code shows up plain, and fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { showCaptureNotice } from '@/src/extension/page-notice';
import { plural, t } from '@/src/shared/i18n';
import type { CapturedToken, ProjectsBySite } from '@/src/shared/model';
import { type Catalogue, pseudoCatalogue, pseudoMessage } from '@/src/shared/pseudo';
import { App } from '@/src/ui/App';
import { formatTime, relative } from '@/src/ui/describe';
import { Panel } from '@/src/ui/Panel';
import type { Services } from '@/src/ui/services';
import { TEST_TOKEN, USER_TOKEN } from '../fixtures/pages';
import { captureRoots } from '../fixtures/shadow';
import { useCatalogue } from '../i18n-setup';

const LOCALES = 'public/_locales';
const read = (lang: string): Catalogue =>
  JSON.parse(readFileSync(`${LOCALES}/${lang}/messages.json`, 'utf8'));
const english = read('en');
const placeholders = (m: string) => [...m.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();

describe('the catalogue', () => {
  it('has keys the browsers accept, a message each, and no `$`', () => {
    for (const [key, entry] of Object.entries(english)) {
      expect(key).toMatch(/^[a-z0-9_]+$/);
      expect(entry.message, key).not.toBe('');
      expect(entry.message, key).not.toContain('$');
    }
  });

  it('has the `_other` form of every plural message', () => {
    for (const key of Object.keys(english).filter((k) => k.endsWith('_one')))
      expect(english, key).toHaveProperty(key.replace(/_one$/, '_other'));
  });

  it('in every language, has English keys only, with English placeholders', () => {
    for (const lang of readdirSync(LOCALES).filter((l) => l !== 'en')) {
      for (const [key, entry] of Object.entries(read(lang))) {
        const base = key.replace(/_(zero|one|two|few|many|other)$/, '_other');
        const source = english[key] ?? english[base];
        expect(source, `${lang}: ${key}`).toBeDefined();
        expect(placeholders(entry.message), `${lang}: ${key}`).toEqual(
          placeholders(source?.message ?? ''),
        );
      }
    }
  });

  it('fills placeholders and picks plural forms in the catalogue’s language', () => {
    expect(t('projects_remove', { name: 'requests' })).toBe('Remove requests');
    expect(plural('settings_held', 1)).toBe('1 token held in memory until the browser closes.');
    expect(plural('settings_held', 1234)).toBe(
      '1,234 tokens held in memory until the browser closes.',
    );
    useCatalogue(pseudoCatalogue(english));
    expect(t('copy')).toBe(pseudoMessage('Copy'));
  });

  it('pseudo-translates every message, placeholders kept, about 40 % longer', () => {
    const pseudo = pseudoCatalogue(english);
    for (const [key, { message }] of Object.entries(english)) {
      if (key === 'lang' || key === 'dir') continue;
      const p = pseudo[key]?.message ?? '';
      expect(placeholders(p), key).toEqual(placeholders(message));
      expect(p, key).toMatch(/^\[.*\]$/s);
      expect(p.replace(/\{\w+\}/g, ''), key).not.toMatch(/[a-zA-Z]/); // placeholders alone stay plain
    }
    expect(pseudoMessage('Forget all tokens').length).toBeGreaterThanOrEqual(
      Math.floor('Forget all tokens'.length * 1.4),
    );
  });
});

const NOW = 1_795_615_200;
const PROJECTS: ProjectsBySite = {
  'pypi.org': { names: ['requests', 'requests-oauthlib', 'urllib3'], seenAt: NOW * 1000 },
};
const NAME = 'CI upload';
const captured = (t: { token: string; identifier: string }): CapturedToken => ({
  identifier: t.identifier,
  token: t.token,
  name: NAME,
  scope: 'Entire account (all projects)',
  site: 'pypi.org',
  capturedAt: NOW * 1000,
  locationMismatch: true,
});

/** The data a screen may show as is (project names, typed ones too, the token's name, sites), longest first. */
const DATA = [
  ...(PROJECTS['pypi.org']?.names ?? []),
  'unknown-one',
  NAME,
  'test.pypi.org',
  'pypi.org',
].sort((a, b) => b.length - a.length);

/**
 * What `root` shows (text outside `<code>`, tokens' and caveats' own text) and names (aria-label,
 * placeholder, title, alt) that is not a pseudo-message or data. Brackets nest (a message inside
 * another's placeholder): the innermost go first.
 */
function plainWords(root: Document | ShadowRoot | Element): string[] {
  const texts: string[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode())
    if (!n.parentElement?.closest('code')) texts.push(n.textContent ?? '');
  for (const el of root.querySelectorAll('*'))
    for (const attr of ['aria-label', 'placeholder', 'title', 'alt'])
      if (el.hasAttribute(attr)) texts.push(el.getAttribute(attr) ?? '');
  return texts.flatMap((text) => {
    let rest = text;
    for (const d of DATA) rest = rest.replaceAll(d, '');
    for (let before = ''; before !== rest; ) {
      before = rest;
      rest = rest.replace(/\[[^[\]]*\]/g, '');
    }
    return /[A-Za-z]{2,}/.test(rest) ? [text.trim()] : [];
  });
}

function services(over: Partial<Services> = {}): Services {
  let held = [captured(USER_TOKEN)];
  return {
    listTokens: async () => held,
    listProjects: async () => PROJECTS,
    forgetToken: async () => {
      held = [];
    },
    forgetAll: async () => {
      held = [];
    },
    restoreTokens: async () => undefined,
    takePending: async () => undefined,
    loadDraft: async () => undefined,
    saveDraft: async () => undefined,
    copy: async () => ({ clearAt: NOW * 1000 + 60_000, clearFailed: true }),
    clearFailedAt: async () => NOW * 1000 - 5000,
    dismissClearFailure: async () => undefined,
    getSettings: async () => ({ autoClear: 60, utc: false, panel: true }),
    setSettings: async () => undefined,
    now: () => NOW,
    close: vi.fn(),
    ...over,
  };
}

/** The panel on the captured token, its copy scheduling a clear in a minute. */
const renderPanel = (openView = async () => true) =>
  render(
    <Panel
      token={captured(USER_TOKEN)}
      projects={PROJECTS}
      settings={{ autoClear: 60, utc: true, panel: true }}
      services={{
        copy: async () => ({ clearAt: NOW * 1000 + 60_000, clearFailed: false }),
        openView,
        now: () => NOW,
      }}
    />,
  );

const $ = <E extends Element = HTMLElement>(root: ParentNode, selector: string): E => {
  const el = root.querySelector<E>(selector);
  if (!el) throw new Error(`no ${selector}`);
  return el;
};
const paste = (input: Element, text: string) => {
  const event = new Event('paste', { bubbles: true, cancelable: true });
  Object.assign(event, { clipboardData: { getData: () => text } });
  fireEvent(input, event);
};

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

describe('the catalogue’s language and direction, and the user’s locale', () => {
  const hebrew = { ...english, lang: { message: 'he' }, dir: { message: 'rtl' } };

  it('set the panel’s and the notice’s lang and dir, whatever the page’s', () => {
    document.documentElement.dir = 'ltr';
    useCatalogue(hebrew);
    const panel = $(renderPanel().container, 'section.panel');
    expect([panel.lang, panel.dir]).toEqual(['he', 'rtl']);
    const roots = captureRoots();
    showCaptureNotice(document, 1);
    const notice = $(roots[0] as ShadowRoot, '.notice');
    expect([notice.lang, notice.dir]).toEqual(['he', 'rtl']);
    useCatalogue();
    cleanup();
    const again = renderPanel();
    document.documentElement.dir = 'rtl';
    expect($(again.container, 'section.panel').dir).toBe('ltr');
  });

  it('write dates and numbers in the browser’s locale, words in the catalogue’s', () => {
    useCatalogue(english, 'de-DE');
    expect(plural('settings_held', 1234)).toBe(
      '1.234 tokens held in memory until the browser closes.',
    );
    // 2026-11-30 09:00 UTC, seen a year earlier: the day, the month and the year in German.
    expect(formatTime(1_796_029_200, 1_764_493_200, true)).toBe('30. Nov. 2026, 09:00 UTC');
    expect(relative(1_796_029_200 + 3600, 1_796_029_200)).toBe('in 1 hour');
  });
});

describe('under the pseudo-locale, every word on screen comes from the catalogue', () => {
  it('the view, through its states', async () => {
    useCatalogue(pseudoCatalogue(english), 'de-DE');
    const { container } = render(<App services={services()} />);
    const seen: string[] = [];
    const look = () => seen.push(...plainWords(document.body));
    await waitFor(() => $(container, '#projects'));
    look(); // a captured token, the clipboard failure, Inspect, settings
    const box = $(container, '#projects');
    fireEvent.input(box, { target: { value: 'req' } });
    look(); // the list, "add all matching"
    fireEvent.input(box, { target: { value: 'Bad name!' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    look(); // a refused name
    fireEvent.input(box, { target: { value: 'requests unknown-one' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    fireEvent.change($(container, '#window'), { target: { value: '1h' } });
    fireEvent.input($(container, '#project-ids'), { target: { value: 'not-a-uuid' } });
    look(); // a field error, a name PyPI does not list
    fireEvent.input($(container, '#project-ids'), { target: { value: '' } });
    fireEvent.change($(container, '#window'), { target: { value: 'custom' } });
    look(); // the custom window
    fireEvent.change($(container, '#window'), { target: { value: '1h' } });
    const format = $<HTMLSelectElement>(container, '.result select');
    fireEvent.change(format, { target: { value: 'pypirc-projects' } });
    fireEvent.click($(container, 'button.copy'));
    await waitFor(() => expect($(container, '.result .warning')).toBeTruthy());
    look(); // a token per project, copied, the clipboard not scheduled to clear
    fireEvent.change(format, { target: { value: 'twine' } });
    fireEvent.click($(container, 'button.copy'));
    await waitFor(() => expect(container.querySelector('.result [role="status"]')?.textContent));
    look(); // shell lines copied
    fireEvent.click($(container, 'button[aria-expanded]'));
    paste($(container, 'input[type="password"]'), 'no token in here');
    look(); // a paste without a token
    paste($(container, 'input[type="password"]'), `${USER_TOKEN.token}\n${TEST_TOKEN.token}`);
    look(); // two tokens: which one?
    fireEvent.click($(container, '.choices button'));
    fireEvent.click($(container, '.row button[aria-label]')); // Forget
    await waitFor(() => $(container, '.undo'));
    look(); // forgotten, with Undo; nothing held
    expect(seen).toEqual([]);
  });

  it('the view when it cannot load', async () => {
    useCatalogue(pseudoCatalogue(english));
    const failing = services({ listTokens: async () => Promise.reject(new Error('gone')) });
    const { container } = render(<App services={failing} />);
    await waitFor(() => $(container, '[role="alert"]'));
    expect(plainWords(document.body).filter((w) => w !== 'gone')).toEqual([]);
  });

  it('the panel on PyPI’s page, and the notice', async () => {
    useCatalogue(pseudoCatalogue(english));
    const { container } = renderPanel(async () => false);
    const seen = plainWords(document.body);
    fireEvent.input($(container, '#projects'), { target: { value: 'requests' } });
    fireEvent.keyDown($(container, '#projects'), { key: 'Enter' });
    fireEvent.change($(container, '#window'), { target: { value: '1d' } });
    fireEvent.click($(container, 'button.copy'));
    fireEvent.click($(container, '.open button'));
    await waitFor(() => $(container, '.open [role="alert"]'));
    seen.push(...plainWords(document.body));
    cleanup();
    const roots = captureRoots();
    showCaptureNotice(document, 2, 'the browser’s reason');
    const notice = roots[0] as ShadowRoot;
    expect(notice.textContent).toMatch(/^\[/);
    seen.push(...plainWords(notice).filter((w) => !w.includes('browser’s reason')));
    expect(seen).toEqual([]);
  });
});
