// The view's Forget and Undo, asked of the background: only from the extension's own pages, only
// records that are held tokens.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { addToken, listTokens } from '@/src/extension/token-store';
import { handleForget, handleRestore } from '@/src/extension/view-requests';
import type { CapturedToken } from '@/src/shared/model';
import { TEST_TOKEN, USER_TOKEN } from '../fixtures/pages';

const record = (t: { token: string; identifier: string }): CapturedToken => ({
  identifier: t.identifier,
  token: t.token,
  name: 'CI',
  scope: null,
  site: 'pypi.org',
  capturedAt: 1,
  locationMismatch: false,
});
const view = () =>
  ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') }) as never;
const ids = async () => (await listTokens()).map((t) => t.identifier);

beforeEach(async () => {
  fakeBrowser.reset();
  await addToken(record(TEST_TOKEN));
  await addToken(record(USER_TOKEN));
});

describe('forget and restore', () => {
  it('forget one, forget all, and put them back, from the view', async () => {
    const held = await listTokens();
    expect(
      await handleForget({ type: 'forget', identifier: USER_TOKEN.identifier }, view()),
    ).toEqual({ ok: true });
    expect(await ids()).toEqual([TEST_TOKEN.identifier]);
    expect(await handleForget({ type: 'forget', identifier: null }, view())).toEqual({ ok: true });
    expect(await ids()).toEqual([]);
    expect(await handleRestore({ type: 'restore', tokens: held }, view())).toEqual({ ok: true });
    expect(await ids()).toEqual([USER_TOKEN.identifier, TEST_TOKEN.identifier]);
  });

  it.each([
    [
      'a content script on PyPI',
      { id: fakeBrowser.runtime.id, url: 'https://pypi.org/manage/account/token/', tab: { id: 1 } },
    ],
    [
      'another extension',
      { id: 'someone-else', url: 'chrome-extension://someone-else/popup.html' },
    ],
    ['a web page', { url: 'https://evil.example/' }],
  ])('refuses %s', async (_, sender) => {
    expect(await handleForget({ type: 'forget', identifier: null }, sender as never)).toEqual({
      ok: false,
    });
    expect(await handleRestore({ type: 'restore', tokens: [] }, sender as never)).toEqual({
      ok: false,
    });
    expect(await ids()).toEqual([USER_TOKEN.identifier, TEST_TOKEN.identifier]);
  });

  it.each([
    ['a token that does not load', { ...record(USER_TOKEN), identifier: 'x', token: 'pypi-nope' }],
    [
      'a token under another identifier',
      { ...record(USER_TOKEN), identifier: TEST_TOKEN.identifier },
    ],
    ['a record missing a field', { identifier: USER_TOKEN.identifier, token: USER_TOKEN.token }],
  ])('restores nothing from a list holding %s', async (_, bad) => {
    await handleForget({ type: 'forget', identifier: null }, view());
    const tokens = [record(TEST_TOKEN), bad];
    expect(await handleRestore({ type: 'restore', tokens }, view())).toEqual({ ok: false });
    expect(await ids()).toEqual([]);
  });

  it('takes no token as an identifier to forget', async () => {
    expect(await handleForget({ type: 'forget', identifier: USER_TOKEN.token }, view())).toEqual({
      ok: false,
    });
    expect(await ids()).toHaveLength(2);
  });
});
