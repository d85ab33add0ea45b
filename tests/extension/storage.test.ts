// The typed storage layer: a stored value is read only when it passes its check, updates never lose
// each other, and `watch` hears every change.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defineItem, listOf } from '@/src/extension/storage';

const isNumber = (v: unknown): v is number => typeof v === 'number';
const list = () => defineItem<number[]>('session', 'numbers', [], listOf(isNumber));

beforeEach(() => {
  fakeBrowser.reset();
});

describe('an item', () => {
  it('reads its fallback when nothing, or nothing valid, is stored; a list keeps its valid entries', async () => {
    const item = list();
    expect(await item.get()).toEqual([]);
    await fakeBrowser.storage.session.set({ numbers: 'junk' });
    expect(await item.get()).toEqual([]);
    await fakeBrowser.storage.session.set({ numbers: [1, 'two', 3, null] });
    expect(await item.get()).toEqual([1, 3]);
    // Its own area only.
    await fakeBrowser.storage.local.set({ numbers: [9] });
    expect(await item.get()).toEqual([1, 3]);
  });

  it('applies concurrent updates one after the other, and writes nothing when told so', async () => {
    const item = list();
    await Promise.all(Array.from({ length: 20 }, (_, i) => item.update((xs) => [...xs, i])));
    expect(await item.get()).toEqual(Array.from({ length: 20 }, (_, i) => i));
    const set = vi.spyOn(fakeBrowser.storage.session, 'set');
    expect(await item.update(() => null)).toHaveLength(20);
    expect(set).not.toHaveBeenCalled();
  });

  it('runs queued tasks in the order they were asked, after pending updates', async () => {
    const item = list();
    const order: string[] = [];
    const slow = item.queued(async () => {
      await new Promise((r) => setTimeout(r, 20));
      order.push('slow');
    });
    const update = item.update((xs) => {
      order.push('update');
      return [...xs, 1];
    });
    const fast = item.queued(async () => order.push('fast'));
    await Promise.all([slow, update, fast]);
    expect(order).toEqual(['slow', 'update', 'fast']);
  });

  it('watches changes from anywhere, read through its check; removing reads as the fallback', async () => {
    const item = list();
    const seen: number[][] = [];
    const stop = item.watch((v) => seen.push(v));
    await item.set([1]);
    await fakeBrowser.storage.session.set({ numbers: [2, 'x'] });
    await item.remove();
    await fakeBrowser.storage.session.set({ other: [3] });
    stop();
    await item.set([4]);
    expect(seen).toEqual([[1], [2], []]);
  });
});
