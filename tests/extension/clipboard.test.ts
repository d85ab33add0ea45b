// A scheduled clear that fails is remembered in session memory, so that the view can say a token
// may still be on the clipboard; one that succeeds forgets the failure.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  CLEAR_FAILED_KEY,
  clearFailedAt,
  clearScheduled,
  dismissClearFailure,
} from '@/src/extension/clipboard';

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
    await fakeBrowser.storage.session.set({ [CLEAR_FAILED_KEY]: 'soon' });
    expect(await clearFailedAt()).toBeNull();
  });
});
