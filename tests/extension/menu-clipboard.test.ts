// The context menu hand-over, settings, and the clipboard auto-clear schedule, with the fake browser.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CLEAR_ALARM, copyText, setupClipboardClear } from '@/src/extension/clipboard';
import {
  MENU_ID,
  registerMenu,
  restrictSelection,
  setupContextMenu,
} from '@/src/extension/context-menu';
import { isScheduleClear } from '@/src/extension/messages';
import { takePending } from '@/src/extension/pending';
import { setupRouter } from '@/src/extension/router';
import { getAutoClear, getSettings, setSettings } from '@/src/extension/settings';
import { DEFAULT_AUTO_CLEAR } from '@/src/shared/settings';
import { TEST_TOKEN, USER_TOKEN } from '../fixtures/pages';

// The fake browser has no contextMenus: a stand-in that keeps the entries and the listeners, and
// reports a duplicate id through runtime.lastError in create's callback, as browsers do.
const clicked: ((info: { menuItemId: string; selectionText?: string }) => void)[] = [];
const entries = new Map<string, object>();
let lastError: { message: string } | undefined;
const contextMenus = {
  create: vi.fn((props: { id: string }, done?: () => void) => {
    if (entries.has(props.id))
      lastError = { message: `Cannot create item with duplicate id ${props.id}` };
    else entries.set(props.id, props);
    done?.();
    lastError = undefined;
    return props.id;
  }),
  removeAll: vi.fn(async () => entries.clear()),
  onClicked: { addListener: (l: (typeof clicked)[number]) => clicked.push(l) },
};

beforeEach(() => {
  fakeBrowser.reset();
  clicked.length = 0;
  entries.clear();
  contextMenus.create.mockClear();
  contextMenus.removeAll.mockClear();
  Object.assign(fakeBrowser, { contextMenus });
  Object.defineProperty(fakeBrowser.runtime, 'lastError', {
    get: () => lastError,
    configurable: true,
  });
  fakeBrowser.action.openPopup = vi.fn(async () => undefined);
});

describe('Restrict token menu', () => {
  const ENTRY = { id: MENU_ID, title: 'Restrict token', contexts: ['selection'] };

  it('registers one entry for selected text as the background starts, without waiting for onInstalled', async () => {
    setupContextMenu();
    await vi.waitFor(() => expect([...entries.values()]).toEqual([ENTRY]));
  });

  it.each([
    ['kept it (Chrome, after a worker or browser restart)', [ENTRY]],
    ['forgot it (Firefox’s persistent page, after a browser restart)', []],
  ])('registers it again at every start: where the browser %s, one entry', async (_, before) => {
    for (const e of before) entries.set(e.id, e);
    await registerMenu();
    await registerMenu();
    expect([...entries.values()]).toEqual([ENTRY]);
    expect(contextMenus.removeAll).toHaveBeenCalledTimes(2);
  });

  it('says why when the browser refuses the entry, and still answers clicks', async () => {
    contextMenus.create.mockImplementationOnce((_: { id: string }, done?: () => void) => {
      lastError = { message: 'menus are off' };
      done?.();
      lastError = undefined;
      return MENU_ID;
    });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    setupContextMenu();
    await vi.waitFor(() =>
      expect(logged).toHaveBeenCalledWith(
        'Could not register the "Restrict token" menu: menus are off',
      ),
    );
    expect(clicked).toHaveLength(1);
    logged.mockRestore();
  });

  it('hands a selected token (trimmed, canonical) to the view, once, and opens it', async () => {
    expect(await restrictSelection(`\n ${USER_TOKEN.token} \n`)).toEqual({
      tokens: [USER_TOKEN.token],
    });
    expect(fakeBrowser.action.openPopup).toHaveBeenCalled();
    expect(await takePending()).toEqual({ tokens: [USER_TOKEN.token] });
    expect(await takePending()).toBeUndefined();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it.each([
    {
      what: 'a .pypirc block',
      text: (t: string) => `[testpypi]\n  username = __token__\n  password = ${t}\n`,
    },
    { what: 'a sentence', text: (t: string) => `Here is my token: ${t}, keep it safe.` },
    { what: 'an env line', text: (t: string) => `export TWINE_PASSWORD="${t}"` },
    { what: 'a wrapped line', text: (t: string) => `${t.slice(0, 80)}\n${t.slice(80)}` },
  ])('finds the token in $what', async ({ text }) => {
    expect(await restrictSelection(text(TEST_TOKEN.token))).toEqual({
      tokens: [TEST_TOKEN.token],
    });
  });

  it('hands over every distinct token of a selection, in order, so the view can ask which', async () => {
    const [a, b] = [USER_TOKEN.token, TEST_TOKEN.token];
    expect(await restrictSelection(`${a}\n${b}\n${a}`)).toEqual({ tokens: [a, b] });
    expect(await takePending()).toEqual({ tokens: [a, b] });
  });

  it.each([
    [
      'damaged',
      `pypi-${'B'.repeat(100)}`,
      /^it looks like one but is damaged: .+\. Was it copied whole\?$/,
    ],
    ['no pypi- at all', 'just some words selected on a page', /^a token starts with pypi-\.$/],
    ['cut short', USER_TOKEN.token.slice(0, 150), /damaged/],
  ])(
    'hands over why the selection holds no token (%s), said once, without echoing it',
    async (_, text, why) => {
      const pending = await restrictSelection(text);
      // The core's words and its code and values, for the view to say in the user's language.
      expect(pending).toEqual({
        noToken: expect.objectContaining({
          reason: expect.stringMatching(why),
          code: expect.any(String),
        }),
      });
      expect(JSON.stringify(pending)).not.toContain(text.slice(10, 30));
      expect(await takePending()).toEqual(pending);
    },
  );

  it('falls back to a small window where the popup cannot open', async () => {
    fakeBrowser.action.openPopup = vi.fn(async () => {
      throw new Error('not allowed');
    });
    const create = vi.spyOn(fakeBrowser.windows, 'create');
    await restrictSelection(USER_TOKEN.token);
    expect(create).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'popup', url: expect.stringMatching(/\/popup\.html$/) }),
    );
  });

  it('reacts to its own entry only', async () => {
    setupContextMenu();
    clicked[0]?.({ menuItemId: 'other', selectionText: USER_TOKEN.token });
    clicked[0]?.({ menuItemId: MENU_ID, selectionText: USER_TOKEN.token });
    await vi.waitFor(async () =>
      expect(await takePending()).toEqual({ tokens: [USER_TOKEN.token] }),
    );
    expect(fakeBrowser.action.openPopup).toHaveBeenCalledTimes(1);
  });
});

describe('settings', () => {
  it('defaults to a one-minute auto-clear in local time, and refuses values it does not offer', async () => {
    expect(await getSettings()).toEqual({ autoClear: DEFAULT_AUTO_CLEAR, utc: false, panel: true });
    await setSettings({ autoClear: 300 });
    await setSettings({ utc: true });
    expect(await getSettings()).toEqual({ autoClear: 300, utc: true, panel: true });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({
      autoClearSeconds: 300,
      timesInUtc: true,
    });
    await fakeBrowser.storage.local.set({ autoClearSeconds: 7, timesInUtc: 'yes' });
    expect(await getSettings()).toEqual({ autoClear: DEFAULT_AUTO_CLEAR, utc: false, panel: true });
    expect(await getAutoClear()).toBe(DEFAULT_AUTO_CLEAR);
  });

  it('shows the panel on PyPI’s page unless turned off (only `false` turns it off)', async () => {
    await fakeBrowser.storage.local.set({ showPanel: 'no' });
    expect((await getSettings()).panel).toBe(true);
    await setSettings({ panel: false });
    expect(await fakeBrowser.storage.local.get('showPanel')).toEqual({ showPanel: false });
    expect((await getSettings()).panel).toBe(false);
  });
});

describe('copyText', () => {
  const writeText = vi.fn(async (_: string) => undefined);
  beforeEach(() => {
    vi.restoreAllMocks();
    writeText.mockClear();
    vi.stubGlobal('navigator', { clipboard: { writeText } });
  });

  it('copies, schedules the clear and says when it will happen', async () => {
    const scheduled: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((m, _sender, sendResponse) => {
      scheduled.push(m);
      sendResponse({ ok: true });
      return true;
    });
    const before = Date.now();
    const outcome = await copyText('text');
    expect(writeText).toHaveBeenCalledWith('text');
    expect(scheduled).toEqual([{ type: 'schedule-clipboard-clear', delaySeconds: 60 }]);
    expect(outcome.clearFailed).toBe(false);
    expect(outcome.clearAt).toBeGreaterThanOrEqual(before + 60_000);
  });

  it('reports a clear it could not schedule instead of calling the copy failed', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValueOnce(new Error('no receiver'));
    expect(await copyText('text')).toEqual({ clearAt: null, clearFailed: true });
    expect(writeText).toHaveBeenCalled();
  });

  it('schedules nothing when the user turned auto-clear off', async () => {
    await setSettings({ autoClear: 0 });
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage');
    expect(await copyText('text')).toEqual({ clearAt: null, clearFailed: false });
    expect(send).not.toHaveBeenCalled();
  });

  it('fails when the copy itself fails', async () => {
    writeText.mockRejectedValueOnce(new Error('Document is not focused.'));
    await expect(copyText('text')).rejects.toThrow('Document is not focused.');
  });
});

describe('clipboard auto-clear schedule', () => {
  const own = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') };

  it.each([
    [{ type: 'schedule-clipboard-clear', delaySeconds: 60 }, true],
    [{ type: 'schedule-clipboard-clear', delaySeconds: 0 }, false],
    [{ type: 'schedule-clipboard-clear', delaySeconds: 1.5 }, false],
    [{ type: 'schedule-clipboard-clear', delaySeconds: 601 }, false],
    [{ type: 'other', delaySeconds: 60 }, false],
    [null, false],
  ])('%j is a valid schedule: %s', (m, ok) => {
    expect(isScheduleClear(m)).toBe(ok);
  });

  it('sets one alarm from our own pages, the latest copy winning, and none from a web page', async () => {
    setupRouter();
    setupClipboardClear();
    const onMessage = (
      fakeBrowser.runtime.onMessage as unknown as { trigger(...a: unknown[]): Promise<unknown> }
    ).trigger;
    await onMessage(
      { type: 'schedule-clipboard-clear', delaySeconds: 30 },
      { id: own.id, url: 'https://pypi.org/x', tab: { id: 1 } },
    );
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);
    const before = Date.now();
    await onMessage({ type: 'schedule-clipboard-clear', delaySeconds: 30 }, own);
    await onMessage({ type: 'schedule-clipboard-clear', delaySeconds: 120 }, own);
    const alarms = await fakeBrowser.alarms.getAll();
    expect(alarms.map((a) => a.name)).toEqual([CLEAR_ALARM]);
    expect(alarms[0]?.scheduledTime).toBeGreaterThanOrEqual(before + 120_000);
  });
});
