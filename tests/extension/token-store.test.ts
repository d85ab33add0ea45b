// The session store of captured tokens, over WXT's fake browser: order, de-duplication, the limit,
// forgetting, and that nothing ever lands in storage.local.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Token } from '@/src/core';
import {
  addToken,
  forgetAll,
  forgetToken,
  listTokens,
  MAX_TOKENS,
} from '@/src/extension/token-store';
import type { CapturedToken } from '@/src/shared/model';

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
const ids = async () => (await listTokens()).map((t) => t.identifier);

beforeEach(() => {
  fakeBrowser.reset();
});

describe('token store', () => {
  it('is empty at first, and shrugs off anything else under its key', async () => {
    expect(await listTokens()).toEqual([]);
    await fakeBrowser.storage.session.set({ tokens: 'not a list' });
    expect(await listTokens()).toEqual([]);
  });

  it.each([
    ['another site', { site: 'evil.example' }],
    ['no token text', { token: 42 }],
    ['a name that is not text', { name: ['x'] }],
    ['a capture time that is no number', { capturedAt: '1' }],
    ['a mismatch flag that is no boolean', { locationMismatch: 'no' }],
    ['a private mark that is not `true`', { fromPrivateWindow: 'yes' }],
  ])('drops a stored record with %s, keeping the valid ones', async (_, bad) => {
    await fakeBrowser.storage.session.set({
      tokens: [entry(1), { ...entry(2), ...bad }, entry(3)],
    });
    expect(await ids()).toEqual(['id-1', 'id-3']);
  });

  it('keeps tokens newest first under "tokens" in storage.session, and returns what it holds', async () => {
    await addToken(entry(1));
    expect(await addToken(entry(2))).toEqual([entry(2), entry(1)]);
    expect(await fakeBrowser.storage.session.get('tokens')).toEqual({
      tokens: [entry(2), entry(1)],
    });
  });

  it('de-duplicates by identifier: a token captured again moves to the front, refreshed', async () => {
    await addToken(entry(1));
    await addToken(entry(2));
    await addToken(entry(1, { name: 'again', capturedAt: 3 }));
    expect(await listTokens()).toEqual([entry(1, { name: 'again', capturedAt: 3 }), entry(2)]);
  });

  it(`keeps at most ${MAX_TOKENS}, dropping the oldest`, async () => {
    for (let i = 0; i < MAX_TOKENS + 5; i++) await addToken(entry(i));
    const held = await ids();
    expect(held).toHaveLength(MAX_TOKENS);
    expect(held[0]).toBe(`id-${MAX_TOKENS + 4}`);
    expect(held.at(-1)).toBe('id-5');
  });

  it('loses nothing when captures arrive at once', async () => {
    await Promise.all([1, 2, 3, 4].map((i) => addToken(entry(i))));
    expect((await ids()).sort()).toEqual(['id-1', 'id-2', 'id-3', 'id-4']);
  });

  it('keeps working after a failed write', async () => {
    vi.spyOn(fakeBrowser.storage.session, 'set').mockRejectedValueOnce(new Error('quota'));
    await expect(addToken(entry(1))).rejects.toThrow('quota');
    await addToken(entry(2));
    expect(await ids()).toEqual(['id-2']);
  });

  it('forgets one token, or all of them', async () => {
    await addToken(entry(1));
    await addToken(entry(2));
    await forgetToken('id-1');
    expect(await ids()).toEqual(['id-2']);
    await forgetToken('no-such-id');
    expect(await ids()).toEqual(['id-2']);
    await forgetAll();
    expect(await listTokens()).toEqual([]);
  });

  it('never writes to storage.local', async () => {
    const local = vi.spyOn(fakeBrowser.storage.local, 'set');
    await addToken(entry(1));
    await forgetToken('id-1');
    await addToken(entry(2));
    await forgetAll();
    expect(local).not.toHaveBeenCalled();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });
});
