// A scheduled clear that fails is remembered in session memory, so that the view can say a token
// may still be on the clipboard; one that succeeds forgets the failure.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  CLEAR_ALARM,
  clearFailedAt,
  clearScheduled,
  dismissClearFailure,
  resumeClear,
  setupClipboardClear,
} from '@/src/extension/clipboard';
import { setupRouter } from '@/src/extension/router';

beforeEach(() => fakeBrowser.reset());

describe('clearScheduled', () => {
  it.each([
    ['the browser refused the copy command', async () => false],
    [
      'the offscreen document could not be made',
      async () => {
        throw new Error('Only a single offscreen document may be created.');
      },
    ],
  ])('remembers when the clear failed: %s', async (_, clear) => {
    const before = Date.now();
    await clearScheduled(clear);
    expect(await clearFailedAt()).toBeGreaterThanOrEqual(before);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('forgets an earlier failure once a clear succeeds, or once the user dismissed it', async () => {
    await clearScheduled(async () => false);
    await clearScheduled(async () => true);
    expect(await clearFailedAt()).toBeNull();
    await clearScheduled(async () => false);
    await dismissClearFailure();
    expect(await clearFailedAt()).toBeNull();
  });

  it('reads nothing but a time as a failure', async () => {
    await fakeBrowser.storage.session.set({ clipboardClearFailedAt: 'soon' });
    expect(await clearFailedAt()).toBeNull();
  });
});

describe('a pending clear across a browser restart', () => {
  const fromView = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') };

  it('keeps only the due time in storage.local, and sets the alarm again as the background starts', async () => {
    setupRouter();
    setupClipboardClear();
    const before = Date.now();
    const onMessage = (
      fakeBrowser.runtime.onMessage as unknown as { trigger(...a: unknown[]): Promise<unknown> }
    ).trigger;
    await onMessage({ type: 'schedule-clipboard-clear', delaySeconds: 600 }, fromView, () => {});
    await vi.waitFor(async () =>
      expect(Object.keys(await fakeBrowser.storage.local.get(null))).toEqual([
        'clipboardClearDueAt',
      ]),
    );
    const { clipboardClearDueAt: due } = await fakeBrowser.storage.local.get('clipboardClearDueAt');
    expect(due).toBeGreaterThanOrEqual(before + 600_000);
    // The browser restarts: alarms are gone, storage.local is not.
    await fakeBrowser.alarms.clearAll();
    await resumeClear();
    expect((await fakeBrowser.alarms.get(CLEAR_ALARM))?.scheduledTime).toBe(due);
  });

  it('clears at once a clear that fell due while the browser was closed, then forgets it', async () => {
    await fakeBrowser.storage.local.set({ clipboardClearDueAt: Date.now() - 1000 });
    await resumeClear();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);
    // This test runs without a clipboard: the clear fails, and that is recorded for the view.
    expect(await clearFailedAt()).not.toBeNull();
  });

  it('does nothing when no clear is pending', async () => {
    await resumeClear();
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);
    expect(await clearFailedAt()).toBeNull();
  });
});
