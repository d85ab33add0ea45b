// The context menu hand-over, settings, and the clipboard auto-clear schedule, with the fake browser.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CLEAR_ALARM, isScheduleClear, setupClipboardClear } from '@/src/extension/clipboard';
import { MENU_ID, restrictSelection, setupContextMenu } from '@/src/extension/context-menu';
import { takePending } from '@/src/extension/pending';
import { DEFAULT_AUTO_CLEAR, getAutoClear, setAutoClear } from '@/src/extension/settings';
import { USER_TOKEN } from '../fixtures/pages';

// The fake browser has no contextMenus: a minimal stand-in that keeps the listeners.
const clicked: ((info: { menuItemId: string; selectionText?: string }) => void)[] = [];
const contextMenus = {
  create: vi.fn(),
  onClicked: { addListener: (l: (typeof clicked)[number]) => clicked.push(l) },
};

beforeEach(() => {
  fakeBrowser.reset();
  clicked.length = 0;
  contextMenus.create.mockClear();
  Object.assign(fakeBrowser, { contextMenus });
  fakeBrowser.action.openPopup = vi.fn(async () => undefined);
});

describe('Restrict token menu', () => {
  it('registers one entry for selected text on install', async () => {
    setupContextMenu();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    expect(contextMenus.create).toHaveBeenCalledWith({
      id: MENU_ID,
      title: 'Restrict token',
      contexts: ['selection'],
    });
  });

  it('hands a selected token (trimmed, canonical) to the view, once, and opens it', async () => {
    expect(await restrictSelection(`\n ${USER_TOKEN.token} \n`)).toEqual({
      token: USER_TOKEN.token,
    });
    expect(fakeBrowser.action.openPopup).toHaveBeenCalled();
    expect(await takePending()).toEqual({ token: USER_TOKEN.token });
    expect(await takePending()).toBeUndefined();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('hands over why a selection is not a token instead of ignoring it, without echoing it', async () => {
    const secretish = `pypi-${'B'.repeat(100)}`;
    const pending = await restrictSelection(secretish);
    expect(pending).toEqual({
      error: expect.stringMatching(/^The selected text is not a PyPI token\./),
    });
    expect(JSON.stringify(pending)).not.toContain('B'.repeat(20));
  });

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
    await vi.waitFor(async () => expect(await takePending()).toEqual({ token: USER_TOKEN.token }));
    expect(fakeBrowser.action.openPopup).toHaveBeenCalledTimes(1);
  });
});

describe('settings', () => {
  it('defaults to a one-minute auto-clear and refuses values it does not offer', async () => {
    expect(await getAutoClear()).toBe(DEFAULT_AUTO_CLEAR);
    await setAutoClear(300);
    expect(await getAutoClear()).toBe(300);
    await fakeBrowser.storage.local.set({ autoClearSeconds: 7 });
    expect(await getAutoClear()).toBe(DEFAULT_AUTO_CLEAR);
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
