// Private windows over WXT's fake browser (its windows keep `incognito`, and removing one fires
// onRemoved): what a private tab gives is marked at every write site, and all of it is forgotten once
// the last private window closes, at a background start with none open, or when written too late.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Token } from '@/src/core';
import { handleCapture, handleProjects } from '@/src/extension/capture-handler';
import { restrictSelection } from '@/src/extension/context-menu';
import { loadDraft, saveDraft } from '@/src/extension/draft';
import { peekPending, setPending } from '@/src/extension/pending';
import { markFrom } from '@/src/extension/private-mark';
import {
  forgetPrivateIfClosed,
  privateWindowOpen,
  setupPrivateWindows,
} from '@/src/extension/private-windows';
import { listProjects, setProjects } from '@/src/extension/project-store';
import { addToken, listTokens } from '@/src/extension/token-store';
import { setupBadge } from '@/src/extension/toolbar';
import type { CapturedToken } from '@/src/shared/model';
import { TEST_TOKEN, USER_TOKEN } from '../fixtures/pages';

const sender = (incognito: boolean) =>
  ({
    id: fakeBrowser.runtime.id,
    url: 'https://pypi.org/manage/account/token/',
    origin: 'https://pypi.org',
    frameId: 0,
    tab: { id: 1, incognito },
  }) as never;
const capture = (token: string) => ({ type: 'capture', token, name: 'CI', scope: null });

const entry = (i: number, over: Partial<CapturedToken> = {}): CapturedToken => ({
  identifier: `id-${i}`,
  token: Token.create({ domain: 'pypi.org', identifier: `id-${i}`, key: 'k' }).dump(),
  name: null,
  scope: null,
  site: 'pypi.org',
  capturedAt: i,
  locationMismatch: false,
  ...over,
});
const PRIVATE = { fromPrivateWindow: true } as const;
const ids = async () => (await listTokens()).map((t) => t.identifier);

/** One record of each kind from a private tab, and a normal window's token and project list. */
async function holdBoth(): Promise<void> {
  await addToken(entry(1));
  await addToken(entry(2, PRIVATE));
  await setProjects('pypi.org', { names: ['requests'], seenAt: 1 });
  await setProjects('test.pypi.org', { names: ['secret-project'], seenAt: 2, ...PRIVATE });
  await fakeBrowser.storage.session.set({
    draft: { source: { identifier: 'id-1', kind: 'captured' }, form: {}, ...PRIVATE },
    pending: { tokens: ['pypi-…'], ...PRIVATE },
  });
}

const openPrivateWindow = async () =>
  (await fakeBrowser.windows.create({ incognito: true }))?.id as number;

beforeEach(() => {
  fakeBrowser.reset();
  fakeBrowser.action.openPopup = vi.fn(async () => undefined);
});

afterEach(() => {
  vi.restoreAllMocks();
  Object.assign(fakeBrowser.extension, { inIncognitoContext: false });
});

describe('the mark', () => {
  it('is set for a private tab only', () => {
    expect(markFrom({ incognito: true })).toEqual(PRIVATE);
    expect(markFrom({ incognito: false })).toEqual({});
    expect(markFrom(undefined)).toEqual({});
  });

  it('is on a token and a project list a private tab sent, and on nothing a normal tab sent', async () => {
    await handleCapture(capture(USER_TOKEN.token), sender(false));
    await handleCapture(capture(TEST_TOKEN.token), sender(true));
    expect((await listTokens()).map((t) => [t.identifier, t.fromPrivateWindow])).toEqual([
      [TEST_TOKEN.identifier, true],
      [USER_TOKEN.identifier, undefined],
    ]);
    vi.useFakeTimers({ toFake: ['Date'], now: 3 });
    await handleProjects({ type: 'projects', names: ['requests'] }, sender(true));
    expect(await listProjects()).toEqual({
      'pypi.org': { names: ['requests'], seenAt: 3, fromPrivateWindow: true },
    });
    vi.setSystemTime(4);
    await handleProjects({ type: 'projects', names: ['requests'] }, sender(false));
    expect(await listProjects()).toEqual({ 'pypi.org': { names: ['requests'], seenAt: 4 } });
    vi.useRealTimers();
  });

  it('is on the menu hand-over from a private tab', async () => {
    const tab = { incognito: true } as never;
    expect(await restrictSelection(USER_TOKEN.token, tab)).toEqual({
      tokens: [USER_TOKEN.token],
      ...PRIVATE,
    });
    expect(await restrictSelection('no token', tab)).toMatchObject(PRIVATE);
    expect(await restrictSelection(USER_TOKEN.token)).toEqual({ tokens: [USER_TOKEN.token] });
  });

  it('is on a draft the view writes in a private window: Firefox says so, Chrome’s window does', async () => {
    await saveDraft({ source: 'a' });
    expect(await loadDraft()).toEqual({ source: 'a' });
    Object.assign(fakeBrowser.extension, { inIncognitoContext: true });
    await saveDraft({ source: 'b' });
    expect(await loadDraft()).toEqual({ source: 'b', ...PRIVATE });
    Object.assign(fakeBrowser.extension, { inIncognitoContext: false });
    await fakeBrowser.windows.create({ incognito: true, focused: true });
    await saveDraft({ source: 'c' });
    expect(await loadDraft()).toEqual({ source: 'c', ...PRIVATE });
    await saveDraft(null);
    expect(await loadDraft()).toBeUndefined();
  });
});

describe('forgetting', () => {
  it('drops every marked record once no private window is open, and keeps the rest', async () => {
    await holdBoth();
    expect(await forgetPrivateIfClosed()).toBe(true);
    expect(await ids()).toEqual(['id-1']);
    expect(await listProjects()).toEqual({ 'pypi.org': { names: ['requests'], seenAt: 1 } });
    expect(await loadDraft()).toBeUndefined();
    expect(await peekPending()).toBeUndefined();
  });

  it('drops nothing while a private window is open', async () => {
    await openPrivateWindow();
    await holdBoth();
    expect(await privateWindowOpen()).toBe(true);
    expect(await forgetPrivateIfClosed()).toBe(false);
    expect(await ids()).toEqual(['id-2', 'id-1']);
    expect(Object.keys(await listProjects())).toEqual(['pypi.org', 'test.pypi.org']);
    expect(await loadDraft()).toBeDefined();
    expect(await peekPending()).toBeDefined();
  });

  it('drops a draft or a hand-over naming a forgotten token, though the view did not mark them', async () => {
    await addToken(entry(2, PRIVATE));
    // A pasted copy of the private token, worked on in a normal window; the panel's "open the view".
    await saveDraft({ source: { identifier: 'id-2', kind: 'pasted' }, form: {} });
    await setPending({ select: 'id-2' });
    await forgetPrivateIfClosed();
    expect(await loadDraft()).toBeUndefined();
    expect(await peekPending()).toBeUndefined();
  });

  it('leaves a normal window’s draft and hand-over alone, and writes nothing when nothing is marked', async () => {
    await addToken(entry(1));
    await saveDraft({ source: { identifier: 'id-1', kind: 'captured' }, form: {} });
    await setPending({ select: 'id-1' });
    const set = vi.spyOn(fakeBrowser.storage.session, 'set');
    const remove = vi.spyOn(fakeBrowser.storage.session, 'remove');
    await forgetPrivateIfClosed();
    expect(set).not.toHaveBeenCalled();
    expect(remove).not.toHaveBeenCalled();
    expect(await ids()).toEqual(['id-1']);
    expect(await peekPending()).toEqual({ select: 'id-1' });
  });
});

describe('setupPrivateWindows', () => {
  it('forgets when the last private window closes, not before; the badge follows', async () => {
    const setBadgeText = vi.spyOn(fakeBrowser.action, 'setBadgeText');
    const first = await openPrivateWindow();
    const second = await openPrivateWindow();
    setupBadge();
    setupPrivateWindows();
    await holdBoth();
    await vi.waitFor(() => expect(setBadgeText).toHaveBeenLastCalledWith({ text: '2' }));
    await fakeBrowser.windows.remove(first);
    await new Promise((r) => setTimeout(r, 20));
    expect(await ids()).toEqual(['id-2', 'id-1']);
    await fakeBrowser.windows.remove(second);
    await vi.waitFor(async () => expect(await ids()).toEqual(['id-1']));
    await vi.waitFor(async () =>
      expect(await listProjects()).toEqual({ 'pypi.org': { names: ['requests'], seenAt: 1 } }),
    );
    await vi.waitFor(async () => expect(await peekPending()).toBeUndefined());
    expect(await loadDraft()).toBeUndefined();
    await vi.waitFor(() => expect(setBadgeText).toHaveBeenLastCalledWith({ text: '1' }));
  });

  it('closing a normal window with none private left forgets too; the background start does at once', async () => {
    await holdBoth();
    setupPrivateWindows(); // a start with no private window open: a close it missed
    await vi.waitFor(async () => expect(await ids()).toEqual(['id-1']));
    await fakeBrowser.storage.session.set({ tokens: [entry(3, PRIVATE), entry(1)] });
    const normal = (await fakeBrowser.windows.create({}))?.id as number;
    await fakeBrowser.windows.remove(normal);
    await vi.waitFor(async () => expect(await ids()).toEqual(['id-1']));
  });

  it('forgets a marked record written after the last private window closed (a capture in flight)', async () => {
    const win = await openPrivateWindow();
    setupPrivateWindows();
    await fakeBrowser.windows.remove(win);
    await handleCapture(capture(TEST_TOKEN.token), sender(true));
    await vi.waitFor(async () => expect(await ids()).toEqual([]));
  });

  it('on Firefox for Android, which has no windows, goes by private tabs', async () => {
    const windows = fakeBrowser.windows;
    let privateTab = true;
    vi.spyOn(fakeBrowser.tabs, 'query').mockImplementation(
      async () => [{ incognito: privateTab }] as never,
    );
    try {
      Object.assign(fakeBrowser, { windows: undefined });
      await holdBoth();
      setupPrivateWindows();
      expect(await privateWindowOpen()).toBe(true);
      expect(await ids()).toEqual(['id-2', 'id-1']);
      privateTab = false;
      await fakeBrowser.tabs.onRemoved.trigger(1, { windowId: 0, isWindowClosing: false });
      await vi.waitFor(async () => expect(await ids()).toEqual(['id-1']));
    } finally {
      Object.assign(fakeBrowser, { windows });
    }
  });
});
