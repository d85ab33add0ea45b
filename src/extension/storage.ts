/**
 * Every value the extension keeps, declared once: its storage area, its key, what it is when nothing
 * (or nothing valid) is stored, and how a stored value is checked on every read. Tokens and everything
 * about them live in `session` (memory); only settings and a clear's due time live in `local`.
 */
import { browser } from 'wxt/browser';

export interface Item<T> {
  readonly area: 'session' | 'local';
  readonly key: string;
  /** The stored value when it passes the check, else the fallback. */
  get(): Promise<T>;
  set(value: T): Promise<void>;
  remove(): Promise<void>;
  /**
   * Read-modify-write, one at a time in this context (the background: the only writer of what several
   * contexts read). `change` returns null to write nothing. Resolves to the value then held.
   */
  update(change: (value: T) => T | null): Promise<T>;
  /** Runs `task` in the same queue as `update`: writes that must land in the order they were asked. */
  queued<R>(task: () => Promise<R>): Promise<R>;
  /** Calls `listener` with the value after each change made in any context; returns the unsubscriber. */
  watch(listener: (value: T) => void): () => void;
}

export function defineItem<T>(
  area: 'session' | 'local',
  key: string,
  fallback: T,
  check: (stored: unknown) => T | undefined,
): Item<T> {
  const storage = () => browser.storage[area];
  const read = (stored: unknown): T =>
    stored === undefined ? fallback : (check(stored) ?? fallback);
  const get = async () => read((await storage().get(key))[key]);
  let queue: Promise<unknown> = Promise.resolve();
  const queued = <R>(task: () => Promise<R>): Promise<R> => {
    const next = queue.then(task);
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    area,
    key,
    get,
    set: (value) => storage().set({ [key]: value }),
    remove: () => storage().remove(key),
    queued,
    update: (change) =>
      queued(async () => {
        const value = await get();
        const changed = change(value);
        if (changed === null) return value;
        await storage().set({ [key]: changed });
        return changed;
      }),
    watch(listener) {
      const onChanged = (changes: Record<string, { newValue?: unknown }>, changedArea: string) => {
        if (changedArea === area && key in changes) listener(read(changes[key]?.newValue));
      };
      browser.storage.onChanged.addListener(onChanged);
      return () => browser.storage.onChanged.removeListener(onChanged);
    },
  };
}

/** A check for a list: the valid entries, in order (a malformed one is dropped, not the whole list). */
export const listOf =
  <T>(entry: (v: unknown) => v is T) =>
  (stored: unknown): T[] | undefined =>
    Array.isArray(stored) ? Array.from(stored).filter(entry) : undefined;

/** An object's own property, for checks that read stored records. */
export const field = (v: unknown, name: string): unknown =>
  typeof v === 'object' && v !== null && Object.hasOwn(v, name)
    ? (v as Record<string, unknown>)[name]
    : undefined;
