// The background's capture handler with WXT's fake browser: who is trusted, what is kept, where.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Token } from '@/src/core';
import {
  handleCapture,
  handleOpenView,
  handlePanelProjects,
  handleProjects,
} from '@/src/extension/capture-handler';
import { listProjects, setProjects } from '@/src/extension/project-store';
import { setupRouter } from '@/src/extension/router';
import { setSettings } from '@/src/extension/settings';
import { addToken, forgetAll, listTokens } from '@/src/extension/token-store';
import { setupBadge } from '@/src/extension/toolbar';
import { MANY_PROJECTS, PROJECT_TOKEN, TEST_TOKEN, USER_TOKEN } from '../fixtures/pages';

const PAGE = 'https://pypi.org/manage/account/token/';
const sender = (over: Record<string, unknown> = {}) =>
  ({
    id: fakeBrowser.runtime.id,
    url: PAGE,
    origin: 'https://pypi.org',
    frameId: 0,
    tab: { id: 1 },
    ...over,
  }) as never;
const capture = (token: string, over: Record<string, unknown> = {}) =>
  ({
    type: 'capture',
    token,
    name: 'CI',
    scope: 'Entire account (all projects)',
    ...over,
  }) as const;

const entry = (i: number) => ({
  identifier: `id-${i}`,
  token: Token.create({ domain: 'pypi.org', identifier: `id-${i}`, key: 'k' }).dump(),
  name: null,
  scope: null,
  site: 'pypi.org' as const,
  capturedAt: i,
  locationMismatch: false,
});

/** The browser's `scripting.executeScript` (the fake browser has none): resolves, or throws `error`. */
function scripting(error?: string) {
  const executeScript = vi.fn(async () => {
    if (error) throw new Error(error);
    return [];
  });
  (fakeBrowser as unknown as { scripting: unknown }).scripting = { executeScript };
  return executeScript;
}

/** Hands over a project list at a given time (ms), as the content script on the form does. */
function projectsAt(ms: number, message: unknown, from: unknown) {
  vi.setSystemTime(ms);
  return handleProjects(message, from as never);
}

/** Captures at a given time (ms), as the content script hands a token over. */
function captureAt(ms: number, message: unknown, from: unknown) {
  vi.setSystemTime(ms);
  return handleCapture(message, from as never);
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers({ toFake: ['Date'] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('handleCapture', () => {
  it('keeps a valid token from a PyPI token page in storage.session with its metadata', async () => {
    expect(await captureAt(1234, capture(USER_TOKEN.token), sender())).toEqual({
      ok: true,
      held: 1,
      // The fake browser has no `scripting`: the injection fails, so the content script shows the
      // notice, with the browser's reason.
      panel: false,
      panelError: expect.stringMatching(/executeScript|scripting/),
    });
    expect(await listTokens()).toEqual([
      {
        identifier: USER_TOKEN.identifier,
        token: USER_TOKEN.token,
        name: 'CI',
        scope: 'Entire account (all projects)',
        site: 'pypi.org',
        capturedAt: 1234,
        locationMismatch: false,
      },
    ]);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('flags a token whose embedded location is another site than the page', async () => {
    await handleCapture(capture(TEST_TOKEN.token), sender());
    expect((await listTokens())[0]).toMatchObject({ site: 'pypi.org', locationMismatch: true });
  });

  it.each([
    ['another extension', { id: 'someone-else' }],
    [
      'another origin',
      { url: 'https://evil.example/manage/account/token/', origin: 'https://evil.example' },
    ],
    ['plain http', { url: 'http://pypi.org/manage/account/token/', origin: 'http://pypi.org' }],
    ['another PyPI page', { url: 'https://pypi.org/project/requests/' }],
    ['an origin that disagrees with the URL', { origin: 'https://evil.example' }],
    ['a sub-frame', { frameId: 3 }],
    ['no tab (an extension page)', { tab: undefined }],
    ['no URL', { url: undefined }],
    ['an unparsable URL', { url: 'https://' }],
    ['a look-alike host', { url: 'https://pypi.org.evil.example/manage/account/token/' }],
  ])('refuses a capture from %s', async (_, over) => {
    const response = await handleCapture(capture(USER_TOKEN.token), sender(over));
    expect(response).toEqual({ ok: false, error: 'Refused: not sent from a PyPI token page.' });
    expect(await listTokens()).toEqual([]);
  });

  it.each([
    ['no token', { token: undefined }],
    ['a number', { token: 42 }],
    ['an oversized name', { name: 'x'.repeat(201) }],
    ['another type', { type: 'other' }],
  ])('refuses a malformed payload: %s', async (_, over) => {
    const response = await handleCapture({ ...capture(USER_TOKEN.token), ...over }, sender());
    expect(response).toEqual({ ok: false, error: 'Refused: malformed capture.' });
    expect(await listTokens()).toEqual([]);
  });

  it.each([
    ['fields inherited from a prototype', Object.create(capture(USER_TOKEN.token))],
    [
      'a token inherited through a __proto__ key',
      Object.assign(Object.create({ token: USER_TOKEN.token }), {
        type: 'capture',
        name: null,
        scope: null,
      }),
    ],
    [
      'an own "__proto__" key holding the fields',
      JSON.parse(`{"__proto__":${JSON.stringify(capture(USER_TOKEN.token))}}`),
    ],
    [
      'a token longer than any token can be',
      capture(`${USER_TOKEN.token}${' '.repeat(64 * 1024)}`),
    ],
    ['an array', ['capture', USER_TOKEN.token]],
  ])('reads own fields only, refusing %s', async (_, message) => {
    expect(await handleCapture(message, sender())).toEqual({
      ok: false,
      error: 'Refused: malformed capture.',
    });
    expect(await listTokens()).toEqual([]);
  });

  it('re-validates the token with the core and never echoes it', async () => {
    const bad = `pypi-${'A'.repeat(150)}`;
    const response = await handleCapture(capture(bad), sender());
    expect(response.ok).toBe(false);
    expect(JSON.stringify(response)).not.toContain('A'.repeat(40));
    expect(await listTokens()).toEqual([]);
  });

  it('answers (without the token) when session storage fails', async () => {
    vi.spyOn(fakeBrowser.storage.session, 'set').mockRejectedValueOnce(new Error('quota'));
    const response = await handleCapture(capture(USER_TOKEN.token), sender());
    expect(response).toEqual({ ok: false, error: 'Could not keep the token in session memory.' });
  });

  it('de-duplicates by identifier, newest first', async () => {
    await captureAt(1, capture(USER_TOKEN.token, { name: 'first' }), sender());
    await captureAt(2, capture(TEST_TOKEN.token), sender());
    await captureAt(3, capture(USER_TOKEN.token, { name: 'again' }), sender());
    expect((await listTokens()).map((t) => [t.name, t.capturedAt])).toEqual([
      ['again', 3],
      ['CI', 2],
    ]);
  });
});

const projects = (names: unknown = ['requests', 'urllib3']) => ({ type: 'projects', names });

/** The refusals a capture gets from an untrusted sender apply to a project list too. */
const UNTRUSTED = [
  ['another extension', { id: 'someone-else' }],
  [
    'another origin',
    { url: 'https://evil.example/manage/account/token/', origin: 'https://evil.example' },
  ],
  ['another PyPI page', { url: 'https://pypi.org/project/requests/' }],
  ['an origin that disagrees with the URL', { origin: 'https://evil.example' }],
  ['a sub-frame', { frameId: 3 }],
  ['no tab (an extension page)', { tab: undefined }],
] as const;

describe('the narrowing panel', () => {
  it('is injected into the sending tab once the token is held, unless the setting is off', async () => {
    const executeScript = scripting();
    const from = sender();
    expect(await handleCapture(capture(USER_TOKEN.token), from)).toEqual({
      ok: true,
      held: 1,
      panel: true,
    });
    expect(executeScript).toHaveBeenCalledExactlyOnceWith({
      target: { tabId: 1, frameIds: [0] },
      files: ['/panel.js'],
    });
    await setSettings({ panel: false });
    executeScript.mockClear();
    expect(await handleCapture(capture(USER_TOKEN.token), from)).toMatchObject({ panel: false });
    expect(executeScript).not.toHaveBeenCalled();
  });

  it('is not injected for a refused capture; a failed injection means the notice, saying why', async () => {
    const executeScript = scripting('No tab with id: 1.');
    expect(await handleCapture(capture('pypi-nope'), sender())).toMatchObject({ ok: false });
    expect(executeScript).not.toHaveBeenCalled();
    expect(await handleCapture(capture(USER_TOKEN.token), sender())).toEqual({
      ok: true,
      held: 1,
      panel: false,
      panelError: 'No tab with id: 1.',
    });
  });

  it.each(UNTRUSTED)('is never injected for a capture from %s', async (_, over) => {
    const executeScript = scripting();
    await handleCapture(capture(USER_TOKEN.token), sender(over));
    expect(executeScript).not.toHaveBeenCalled();
  });

  it('is injected into exactly the document that sent the capture, and bound to its token', async () => {
    const executeScript = scripting();
    const from = sender({ tab: { id: 7 }, documentId: 'DOC-A' });
    expect(await captureAt(1, capture(USER_TOKEN.token), from)).toMatchObject({ panel: true });
    expect(executeScript).toHaveBeenCalledExactlyOnceWith({
      target: { tabId: 7, documentIds: ['DOC-A'] },
      files: ['/panel.js'],
    });
    const ask = { type: 'panel-projects' };
    // The panel in that document learns which token it is for; any other document learns none.
    expect(await handlePanelProjects(ask, from)).toMatchObject({
      identifier: USER_TOKEN.identifier,
    });
    const other = sender({ tab: { id: 7 }, documentId: 'DOC-B' });
    expect(await handlePanelProjects(ask, other)).toMatchObject({ identifier: null });
    // A later capture in that document (another token shown there) rebinds it.
    await captureAt(2, capture(TEST_TOKEN.token), from);
    expect(await handlePanelProjects(ask, from)).toMatchObject({
      identifier: TEST_TOKEN.identifier,
    });
  });

  it('gets the project list of its own site only, and only from a token page', async () => {
    await setProjects('pypi.org', { names: ['requests'], seenAt: 5 });
    await setProjects('test.pypi.org', { names: ['other'], seenAt: 6 });
    const ask = { type: 'panel-projects' };
    expect(await handlePanelProjects(ask, sender())).toEqual({
      ok: true,
      projects: { names: ['requests'], seenAt: 5 },
      identifier: null,
    });
    const test = sender({ url: 'https://test.pypi.org/manage/account/token/', origin: undefined });
    expect(await handlePanelProjects(ask, test)).toEqual({
      ok: true,
      projects: { names: ['other'], seenAt: 6 },
      identifier: null,
    });
    expect(await handlePanelProjects(ask, sender({ url: 'https://evil.example/' }))).toMatchObject({
      ok: false,
    });
    expect(await handlePanelProjects({ type: 'projects' }, sender())).toMatchObject({ ok: false });
  });

  it('opens the view with a held token selected, by identifier, from a token page only', async () => {
    fakeBrowser.action.openPopup = vi.fn(async () => undefined);
    scripting();
    await handleCapture(capture(USER_TOKEN.token), sender());
    const open = { type: 'open-view', identifier: USER_TOKEN.identifier };
    expect(await handleOpenView(open, sender({ frameId: 2 }))).toEqual({ ok: false });
    expect(await handleOpenView({ ...open, identifier: 'not-held' }, sender())).toEqual({
      ok: false,
    });
    expect(await handleOpenView({ ...open, identifier: USER_TOKEN.token }, sender())).toEqual({
      ok: false,
    });
    expect(fakeBrowser.action.openPopup).not.toHaveBeenCalled();
    expect(await handleOpenView(open, sender())).toEqual({ ok: true });
    expect(await fakeBrowser.storage.session.get('pending')).toEqual({
      pending: { select: USER_TOKEN.identifier },
    });
    expect(fakeBrowser.action.openPopup).toHaveBeenCalledTimes(1);
  });
});

describe('handleProjects', () => {
  it('keeps the list for the sender page site in storage.session, with when it was seen', async () => {
    expect(await projectsAt(1234, projects([...MANY_PROJECTS]), sender())).toEqual({
      ok: true,
    });
    expect(await listProjects()).toEqual({
      'pypi.org': { names: [...MANY_PROJECTS], seenAt: 1234 },
    });
    expect(await listTokens()).toEqual([]);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('keeps each site apart, and replaces a site on a later visit', async () => {
    const testPage = {
      url: 'https://test.pypi.org/manage/account/token/',
      origin: 'https://test.pypi.org',
    };
    await projectsAt(1, projects(['requests']), sender());
    await projectsAt(2, projects(['sampleproject']), sender(testPage));
    await projectsAt(3, projects(['urllib3', 'idna']), sender());
    expect(await listProjects()).toEqual({
      'pypi.org': { names: ['urllib3', 'idna'], seenAt: 3 },
      'test.pypi.org': { names: ['sampleproject'], seenAt: 2 },
    });
  });

  it('keeps an empty list: the user has no project', async () => {
    await projectsAt(1, projects(['requests']), sender());
    expect(await projectsAt(2, projects([]), sender())).toEqual({ ok: true });
    expect(await listProjects()).toEqual({ 'pypi.org': { names: [], seenAt: 2 } });
  });

  it('drops repeats in a list of valid, normalized names', async () => {
    expect(await projectsAt(1, projects(['requests', 'idna', 'requests']), sender())).toEqual({
      ok: true,
    });
    expect(await listProjects()).toEqual({
      'pypi.org': { names: ['requests', 'idna'], seenAt: 1 },
    });
  });

  it.each([
    ['a whole token', USER_TOKEN.token],
    ['a token body', USER_TOKEN.token.slice('pypi-'.length)],
    ['an unnormalized name', 'Zope.Interface'],
    ['an invalid name', '-bad'],
    ['a name with a space', 'two words'],
    ['an empty name', ''],
  ])('refuses the whole list, keeping the one held, when one name is %s', async (_, bad) => {
    await projectsAt(1, projects(['requests']), sender());
    expect(await projectsAt(2, projects(['idna', bad, 'urllib3']), sender())).toEqual({
      ok: false,
      error: 'Refused: malformed project list.',
    });
    expect(await listProjects()).toEqual({ 'pypi.org': { names: ['requests'], seenAt: 1 } });
  });

  it('refuses a sparse list (its holes are no names), found by the fuzz test', async () => {
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point
    const sparse = ['idna', , 'urllib3'] as string[];
    expect(await projectsAt(2, projects(sparse), sender())).toEqual({
      ok: false,
      error: 'Refused: malformed project list.',
    });
    expect(await listProjects()).toEqual({});
  });

  it.each(UNTRUSTED)('refuses a list from %s', async (_, over) => {
    const response = await handleProjects(projects(), sender(over));
    expect(response).toEqual({ ok: false, error: 'Refused: not sent from a PyPI token page.' });
    expect(await listProjects()).toEqual({});
  });

  it.each([
    ['no names', { names: undefined }],
    ['names that are not a list', { names: 'requests' }],
    ['a name that is not text', { names: ['requests', 42] }],
    ['an oversized name', { names: ['x'.repeat(201)] }],
    ['too many names', { names: Array.from({ length: 5001 }, (_, i) => `p${i}`) }],
    ['another type', { type: 'capture' }],
  ])('refuses a malformed list: %s', async (_, over) => {
    const response = await handleProjects({ ...projects(), ...over }, sender());
    expect(response).toEqual({ ok: false, error: 'Refused: malformed project list.' });
    expect(await listProjects()).toEqual({});
  });

  it('answers when session storage fails', async () => {
    vi.spyOn(fakeBrowser.storage.session, 'set').mockRejectedValueOnce(new Error('quota'));
    expect(await handleProjects(projects(), sender())).toEqual({
      ok: false,
      error: 'Could not keep the project list in session memory.',
    });
  });
});

describe('setupCapture', () => {
  it('answers capture messages and keeps the badge equal to the count', async () => {
    const setBadgeText = vi.spyOn(fakeBrowser.action, 'setBadgeText');
    setupRouter();
    setupBadge();
    // The fake sender is no content script on a PyPI page: the real listener must refuse it.
    expect(await fakeBrowser.runtime.sendMessage(capture(USER_TOKEN.token))).toMatchObject({
      ok: false,
    });
    await addToken({ ...entry(1), token: PROJECT_TOKEN.token });
    await vi.waitFor(() => expect(setBadgeText).toHaveBeenLastCalledWith({ text: '1' }));
    await forgetAll();
    await vi.waitFor(() => expect(setBadgeText).toHaveBeenLastCalledWith({ text: '' }));
  });

  it('routes project lists to their handler, which refuses the fake sender too', async () => {
    setupRouter();
    expect(await fakeBrowser.runtime.sendMessage(projects())).toEqual({
      ok: false,
      error: 'Refused: not sent from a PyPI token page.',
    });
    expect(await listProjects()).toEqual({});
  });
});
