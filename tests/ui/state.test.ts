// The view's state module, without a DOM: loading and the draft, paste, the form, copy freshness,
// forget and undo, and what Copy refuses.
import { isDeepStrictEqual } from 'node:util';
import { assert, describe, expect, it, vi } from 'vitest';
import { findTokenTexts, Token, ValidationError } from '@/src/core';
import type { CapturedToken } from '@/src/shared/model';
import { EMPTY_FORM } from '@/src/ui/form';
import { storedDraft } from '@/src/ui/sources';
import { type Action, INITIAL, panelState, reduce, type ViewState } from '@/src/ui/state';
import { view } from '@/src/ui/view';
import english from '../../public/_locales/en/messages.json';
import { PROJECT_TOKEN, TEST_TOKEN, USER_ID, USER_TOKEN } from '../fixtures/pages';
import { useCatalogue } from '../i18n-setup';
import { indexServers, readPypirc } from './pypirc';

const NOW = 1_795_615_200;
/** What a field says when it is handed a token (written here, not imported, so a changed message shows). */
const TOKEN_IN_FIELD =
  /^This is an API token, or a piece of one, not a name or ID: it was not used\./;
const captured = (
  t: { token: string; identifier: string },
  name: string,
  site: CapturedToken['site'] = 'pypi.org',
): CapturedToken => ({
  identifier: t.identifier,
  token: t.token,
  name,
  scope: null,
  site,
  capturedAt: NOW * 1000,
  locationMismatch: false,
});
// Distinct identifiers (the project-scoped vector shares the user-scoped one's).
const HELD = [captured(USER_TOKEN, 'CI upload'), captured(TEST_TOKEN, 'test', 'test.pypi.org')];

const run = (...actions: Action[]) => actions.reduce(reduce, INITIAL);
const loaded = (o: Partial<Extract<Action, { type: 'loaded' }>> = {}): Action => ({
  type: 'loaded',
  tokens: HELD,
  projects: {},
  pending: undefined,
  draft: undefined,
  settings: { autoClear: 60, utc: false, panel: true },
  clearFailedAt: null,
  now: NOW,
  ...o,
});
/** The draft the view stores for `s`. */
const draftOf = (s: ViewState) => storedDraft(s);

describe('loading', () => {
  it('works on the newest captured token', () => {
    const s = run(loaded());
    expect(s.phase).toBe('ready');
    expect(s.source).toMatchObject({
      token: { identifier: USER_TOKEN.identifier },
      kind: 'captured',
    });
  });

  it('opens on the menu’s token, or offers a choice when the selection held several', () => {
    expect(run(loaded({ pending: { tokens: [PROJECT_TOKEN.token] } })).source).toMatchObject({
      token: { identifier: PROJECT_TOKEN.identifier },
      kind: 'menu',
      label: 'Selected text',
    });
    const s = run(loaded({ pending: { tokens: [USER_TOKEN.token, TEST_TOKEN.token] } }));
    expect(s.choices.map((c) => c.token.identifier)).toEqual([
      USER_TOKEN.identifier,
      TEST_TOKEN.identifier,
    ]);
    expect(s.choices[1]?.site).toBe('test.pypi.org');
    // Why the selection held none: the core's code, in the catalogue's words; its English without one.
    const { texts: _, ...noToken } = findTokenTexts('hello world');
    expect(run(loaded({ pending: { noToken } })).pasteError).toBe(
      'The selected text holds no PyPI token: a token starts with pypi-.',
    );
    useCatalogue({ ...english, core_extract_no_token_reason: { message: 'no pypi- in it' } });
    expect(run(loaded({ pending: { noToken } })).pasteError).toBe(
      'The selected text holds no PyPI token: no pypi- in it',
    );
    const byHand = { noToken: { error: null, reason: 'why' } };
    expect(run(loaded({ pending: byHand })).pasteError).toMatch(/: why$/);
  });

  it('opens on the captured token the panel names (over a draft), else as if nothing was handed over', () => {
    const draft = draftOf(run(loaded()));
    const s = run(loaded({ pending: { select: TEST_TOKEN.identifier }, draft }));
    expect(s.source).toMatchObject({
      token: { identifier: TEST_TOKEN.identifier },
      kind: 'captured',
    });
    expect(s.form.projectNames).toEqual([]);
    const gone = run(loaded({ pending: { select: 'no-longer-held' } }));
    expect(gone.source).toMatchObject({
      token: { identifier: USER_TOKEN.identifier },
      kind: 'captured',
    });
    expect(gone.pasteError).toBeNull();
  });

  it('restores the draft: same token and form, a preset window anchored anew', () => {
    const before = run(
      loaded(),
      { type: 'select', identifier: PROJECT_TOKEN.identifier },
      { type: 'add-names', text: 'sampleproject' },
      { type: 'window', window: '1h', now: NOW },
      { type: 'query', text: 'samp' },
    );
    const later = NOW + 600;
    const after = run(loaded({ draft: JSON.parse(JSON.stringify(draftOf(before))), now: later }));
    expect(after.source).toEqual(before.source);
    const same = after.source?.token.dump() === before.source?.token.dump();
    expect(same, 'the same token text').toBe(true);
    expect(after.form).toEqual({ ...before.form, anchor: later });
    expect(after.query).toBe('samp');
  });

  it('trusts only a known site from a stored draft', () => {
    const draft = draftOf(run(loaded(), { type: 'add-names', text: 'a' }));
    const s = run(
      loaded({ draft: { ...draft, source: { ...draft?.source, site: 'evil.example' } } }),
    );
    expect(s.source?.site).toBe('pypi.org');
  });

  it('stores the draft as plain data, the token as its text, in the shape earlier versions stored', () => {
    const s = run(
      loaded(),
      { type: 'add-names', text: 'requests' },
      { type: 'query', text: 'url' },
    );
    const stored = draftOf(s);
    // Compared as a boolean: a failure must not print the token.
    expect(isDeepStrictEqual(structuredClone(stored), stored), 'plain data').toBe(true);
    expect(Object.keys(stored ?? {})).toEqual(['source', 'form', 'query']);
    expect(stored?.source.raw === USER_TOKEN.token, 'the token as its text').toBe(true);
    expect({ ...stored?.source, raw: '…' }).toEqual({
      raw: '…',
      identifier: USER_TOKEN.identifier,
      label: 'CI upload',
      kind: 'captured',
      site: 'pypi.org',
    });
    expect(stored?.form.projectNames).toEqual(['requests']);
    expect(stored?.query).toBe('url');
    expect(draftOf(run(loaded({ tokens: [] })))).toBeNull();
    // A token from a private window marks the draft: it goes with the private windows.
    const hidden = { ...captured(USER_TOKEN, 'CI upload'), fromPrivateWindow: true as const };
    expect(draftOf(run(loaded({ tokens: [hidden] })))?.fromPrivateWindow).toBe(true);
  });

  it('loads a draft the previous version stored', () => {
    const draft = {
      source: {
        raw: TEST_TOKEN.token,
        identifier: TEST_TOKEN.identifier,
        label: 'test',
        kind: 'captured',
        site: 'test.pypi.org',
      },
      form: { ...EMPTY_FORM, projectNames: ['requests'] },
      query: 'url',
    };
    const s = run(loaded({ draft }));
    expect(s.source).toMatchObject({
      token: { identifier: TEST_TOKEN.identifier },
      label: 'test',
      kind: 'captured',
      site: 'test.pypi.org',
    });
    expect(s.source?.token.dump() === TEST_TOKEN.token, 'the draft’s token').toBe(true);
    expect(s.form.projectNames).toEqual(['requests']);
    expect(s.query).toBe('url');
  });

  it('reads each token once, as it enters the view, not at each render', () => {
    const load = vi.spyOn(Token, 'load');
    try {
      const two = run(loaded({ pending: { tokens: [USER_TOKEN.token, TEST_TOKEN.token] } }));
      expect(load).toHaveBeenCalledTimes(2);
      const s = reduce(reduce(two, { type: 'choose', identifier: TEST_TOKEN.identifier }), {
        type: 'add-names',
        text: 'requests',
      });
      expect(view(s, NOW).derived).not.toBeNull();
      view(s, NOW + 1);
      expect(load).toHaveBeenCalledTimes(2);
    } finally {
      load.mockRestore();
    }
  });

  it.each([
    ['a forgotten captured token', { tokens: [] }],
    [
      'a damaged draft',
      { draft: { source: { raw: 'pypi-x', label: 'x', kind: 'pasted' }, form: EMPTY_FORM } },
    ],
    [
      'a form of another shape',
      {
        draft: {
          source: { raw: USER_TOKEN.token, label: 'x', kind: 'pasted' },
          form: { projectNames: 'a' },
        },
      },
    ],
  ])('drops %s', (_, o) => {
    const draft = draftOf(run(loaded(), { type: 'add-names', text: 'a' }));
    const s = run(loaded({ draft, ...o }));
    expect(s.form).toEqual(EMPTY_FORM);
  });
});

describe('the panel’s state', () => {
  it('is ready at once, working on the page’s token as the background holds it', () => {
    const token = captured(TEST_TOKEN, 'test', 'test.pypi.org');
    const projects = { 'test.pypi.org': { names: ['requests'], seenAt: NOW * 1000 } };
    const settings = { autoClear: 300, utc: true, panel: true } as const;
    const s = panelState(token, projects, settings);
    const { phase, tokens, undo } = s;
    expect({ phase, projects: s.projects, settings: s.settings, undo }).toEqual({
      phase: 'ready',
      projects,
      settings,
      undo: null,
    });
    expect(tokens.length === 1 && tokens[0] === token, 'holds the page’s token').toBe(true);
    expect(s.source).toMatchObject({
      token: { identifier: TEST_TOKEN.identifier },
      label: 'test',
      kind: 'captured',
      site: 'test.pypi.org',
    });
    expect(s.source?.token.dump() === TEST_TOKEN.token, 'the page’s token').toBe(true);
    expect(s.form).toEqual(EMPTY_FORM);
    expect(view(s, NOW).known).toEqual(projects['test.pypi.org']);
  });
});

describe('paste', () => {
  it('takes the token out of a .pypirc section, with the pypi prefix', () => {
    const s = run(loaded({ tokens: [] }), {
      type: 'paste',
      text: `[pypi]\n  username = __token__\n  password = ${PROJECT_TOKEN.token}\n`,
    });
    expect(s.source?.kind).toBe('pasted');
    expect(s.source?.token.dump()).toBe(PROJECT_TOKEN.token);
    expect(s.source?.token.prefix).toBe('pypi');
  });

  it('asks which when the text holds two tokens, and says why when it holds none', () => {
    const two = run(loaded(), { type: 'paste', text: `${USER_TOKEN.token}\n${TEST_TOKEN.token}` });
    expect(two.choices).toHaveLength(2);
    const chosen = reduce(two, { type: 'choose', identifier: TEST_TOKEN.identifier });
    expect(chosen.source?.token.identifier).toBe(TEST_TOKEN.identifier);
    expect(chosen.choices).toEqual([]);
    const none = run(loaded(), { type: 'paste', text: '   ' });
    expect(none.pasteError).toMatch(/Nothing/);
    expect(none.source?.token.identifier).toBe(USER_TOKEN.identifier);
  });
});

describe('the form', () => {
  const base = run(loaded());

  it('adds typed names normalized, adds nothing from text holding a bad name, never keeps a token', () => {
    const s = reduce(base, { type: 'add-names', text: 'Foo_Bar, requests' });
    expect(s.form.projectNames).toEqual(['foo-bar', 'requests']);
    expect(s.query).toBe('');
    // "bad name!" is not a chip "bad" plus an error: nothing is added until the text is corrected.
    const bad = reduce(s, { type: 'add-names', text: 'bad name!' });
    expect(bad.form.projectNames).toEqual(['foo-bar', 'requests']);
    expect(bad.query).toBe('bad name!');
    expect(bad.queryError).toBe('Not a valid project name: name!');
    const secret = reduce(s, { type: 'add-names', text: PROJECT_TOKEN.token });
    expect(secret.form.projectNames).toEqual(['foo-bar', 'requests']);
    expect(secret.query).toBe('');
    expect(secret.queryError).toMatch(TOKEN_IN_FIELD);
    expect(JSON.stringify(secret)).not.toContain(PROJECT_TOKEN.token.slice(-40));
  });

  it('derives the same token while the view stays open: a preset is anchored when chosen', () => {
    const s = reduce(base, { type: 'window', window: '1h', now: NOW });
    const a = view(s, NOW).derived;
    assert.exists(a, 'a token derived at NOW');
    expect(view(s, NOW + 30).derived?.dump() === a.dump(), 'the same token 30 s later').toBe(true);
    expect(view(s, NOW).derivation.params).toEqual({
      notBefore: NOW - 60,
      notAfter: NOW - 60 + 3600,
    });
  });

  it('pre-fills Custom (a minute ago to an hour later) and shows no error before an edit', () => {
    const s = reduce(base, { type: 'window', window: 'custom', now: NOW });
    const v = view(s, NOW);
    expect(v.derivation.errors).toEqual({});
    // NOW is on a whole minute, so the minute-precision fields lose nothing.
    expect(v.derivation.params).toEqual({ notBefore: NOW - 60, notAfter: NOW + 3600 });
  });

  it('refuses a token typed as a user or project ID without echoing it', () => {
    for (const key of ['userId', 'projectIds'] as const) {
      const s = reduce(base, { type: 'form', patch: { [key]: USER_TOKEN.token } });
      const v = view(s, NOW);
      expect(Object.values(v.derivation.errors)).toEqual([expect.stringMatching(TOKEN_IN_FIELD)]);
      expect(v.derived).toBeNull();
    }
  });
});

describe('copy', () => {
  const ready = run(loaded(), { type: 'add-names', text: 'requests' });

  it('is fresh only while the clipboard holds what Copy would copy now', () => {
    const text = view(ready, NOW).copyText;
    assert.exists(text, 'something to copy');
    const s = reduce(ready, {
      type: 'copied',
      copied: { text, format: 'token', clearAt: null, clearFailed: false },
    });
    expect(view(s, NOW).copiedFresh).toBe(true);
    expect(view(reduce(s, { type: 'add-names', text: 'urllib3' }), NOW).copiedFresh).toBe(false);
    expect(view(reduce(s, { type: 'format', format: 'pypirc' }), NOW).copiedFresh).toBe(false);
  });

  it('is refused, with the reason, for a token that can never work', () => {
    const expired = run(loaded(), { type: 'window', window: '15m', now: NOW - 7200 });
    expect(view(expired, NOW).copyBlocked).toMatch(/expired/);
    const wrong = run(loaded({ tokens: [] }), {
      type: 'paste',
      text: `${USER_TOKEN.token.replace('pypi-', 'testpypi-')}`,
    });
    const s = reduce(wrong, { type: 'add-names', text: 'requests' });
    expect(view(s, NOW).copyBlocked).toMatch(/pypi-/);
    expect(view(ready, NOW).copyBlocked).toBeNull();
  });

  it('writes the format for the token’s site', () => {
    const test = run(loaded({ tokens: [captured(TEST_TOKEN, 't', 'test.pypi.org')] }), {
      type: 'add-names',
      text: 'a',
    });
    expect(view(reduce(test, { type: 'format', format: 'pypirc' }), NOW).copyText).toMatch(
      /^\[distutils\]\n {2}index-servers =\n {4}testpypi\n\n\[testpypi\]\n {2}repository = https:\/\/test\.pypi\.org\/legacy\/\n/,
    );
  });
});

describe('a token per project', () => {
  const perProject = (...actions: Action[]) =>
    run(loaded(), ...actions, { type: 'format', format: 'pypirc-projects' });

  it('copies one token per picked project, each for its project only, the window kept', () => {
    const s = perProject(
      { type: 'set-names', names: ['requests', 'urllib3'] },
      { type: 'window', window: '1h', now: NOW },
    );
    const v = view(s, NOW);
    expect(v.copyBlocked).toBeNull();
    const ini = readPypirc(v.copyText ?? '');
    expect(indexServers(ini)).toEqual(['requests', 'urllib3']);
    for (const name of ['requests', 'urllib3']) {
      const t = Token.load(ini.get(name)?.get('password') ?? '');
      expect(t.identifier).toBe(USER_TOKEN.identifier);
      const ctx = { userId: USER_ID, now: NOW };
      t.check(USER_TOKEN.key, { ...ctx, projectName: name });
      const other = name === 'requests' ? 'urllib3' : 'requests';
      expect(() => t.check(USER_TOKEN.key, { ...ctx, projectName: other })).toThrow(
        ValidationError,
      );
      expect(() => t.check(USER_TOKEN.key, { ...ctx, projectName: name, now: NOW + 3600 })).toThrow(
        ValidationError,
      );
    }
    const copied = reduce(s, {
      type: 'copied',
      copied: {
        text: v.copyText ?? '',
        format: 'pypirc-projects',
        clearAt: null,
        clearFailed: false,
      },
    });
    expect(view(copied, NOW).copiedFresh).toBe(true);
    expect(view(reduce(copied, { type: 'format', format: 'pypirc' }), NOW).copiedFresh).toBe(false);
  });

  it('is off, with the reason, until a project is picked', () => {
    const v = view(perProject({ type: 'window', window: '1h', now: NOW }), NOW);
    expect(v.derived).not.toBeNull();
    expect(v.copyText).toBeNull();
    expect(v.copyBlocked).toMatch(
      /^A token per project needs projects: pick the ones to upload to/,
    );
  });

  it('is off when one picked project’s token could upload nothing, naming the project', () => {
    // PROJECT_TOKEN is PyPI's token for sampleproject alone.
    const s = run(
      loaded({ tokens: [captured(PROJECT_TOKEN, 'project')] }),
      { type: 'set-names', names: ['sampleproject', 'requests'] },
      { type: 'format', format: 'pypirc-projects' },
    );
    expect(view(s, NOW).copyBlocked).toMatch(/^The token for requests: No project can ever match/);
  });
});

describe('forget and undo', () => {
  it('forgets the working token, moves to the next, and undo brings both token and form back', () => {
    const s = run(loaded(), { type: 'add-names', text: 'requests' });
    const gone = reduce(s, { type: 'forgot', which: 'current', now: NOW });
    expect(gone.tokens.map((t) => t.identifier)).toEqual([TEST_TOKEN.identifier]);
    expect(gone.source?.token.identifier).toBe(TEST_TOKEN.identifier);
    expect(gone.form).toEqual(EMPTY_FORM);
    expect(gone.undo?.message).toBe('Forgot “CI upload”.');
    const back = reduce(gone, { type: 'undone' });
    expect(back.tokens).toEqual(HELD);
    expect(back.source).toEqual(s.source);
    expect(back.form).toEqual(s.form);
    expect(back.undo).toBeNull();
  });

  it('forgets a derived token without touching the captured parent that shares its identifier', () => {
    const s = run(loaded(), { type: 'add-names', text: 'requests' });
    const derived = view(s, NOW).derived;
    assert.exists(derived, 'a token derived from the captured one');
    const further = reduce(s, { type: 'further', token: derived });
    // The working token is the derived one (not nothing), sharing the captured parent's identifier.
    expect(further.source?.kind).toBe('derived');
    expect(
      further.source?.token.dump() === derived.dump(),
      'the derived token is the working one',
    ).toBe(true);
    expect(further.source?.token.identifier).toBe(USER_TOKEN.identifier);
    const gone = reduce(further, { type: 'forgot', which: 'current', now: NOW });
    expect(gone.undo?.message).toBe('Forgot “Restricted token”.');
    expect(gone.tokens).toEqual(HELD);
    expect(gone.source).toMatchObject({
      kind: 'captured',
      token: { identifier: USER_TOKEN.identifier },
    });
  });

  it('forgets all, and the offer ends after a few seconds', () => {
    const gone = run(loaded(), { type: 'forgot', which: 'all', now: NOW });
    expect(gone.tokens).toEqual([]);
    expect(gone.source).toBeNull();
    // Ten seconds, as the README promises.
    expect(reduce(gone, { type: 'tick', now: NOW + 9 }).undo).not.toBeNull();
    expect(reduce(gone, { type: 'tick', now: NOW + 10 }).undo).toBeNull();
  });
});

describe('restrict further', () => {
  it('makes the derived token the working one, on the same site', () => {
    const s = run(loaded(), { type: 'add-names', text: 'a, b' });
    const derived = view(s, NOW).derived;
    assert.exists(derived, 'a token derived from the captured one');
    const raw = derived.dump();
    const next = reduce(s, { type: 'further', token: derived });
    expect(next.source?.token.dump() === raw, 'the derived token is the working one').toBe(true);
    expect(next.source).toMatchObject({ kind: 'derived', site: 'pypi.org' });
    expect(next.form).toEqual(EMPTY_FORM);
  });
});
