/**
 * The projects PyPI's creation form listed for the user, per site, kept in `storage.session` only.
 * Names are no secret, but they follow the tokens' posture: memory, never `storage.local`.
 */
import { browser } from 'wxt/browser';
import { SITES, type Site } from '@/src/shared/site';

export interface SeenProjects {
  /** Normalized names, in the page's order; empty when the user has no project (still information). */
  names: string[];
  /** When the form was seen, in ms since 1970. */
  seenAt: number;
}

export type ProjectsBySite = Partial<Record<Site, SeenProjects>>;

export const PROJECTS_KEY = 'projects';

const isSeen = (v: unknown): v is SeenProjects =>
  typeof v === 'object' &&
  v !== null &&
  Array.isArray((v as SeenProjects).names) &&
  (v as SeenProjects).names.every((n) => typeof n === 'string') &&
  typeof (v as SeenProjects).seenAt === 'number';

/** What is held, per site; anything malformed under the key is ignored. */
export async function listProjects(): Promise<ProjectsBySite> {
  const stored = (await browser.storage.session.get(PROJECTS_KEY))[PROJECTS_KEY];
  const held: ProjectsBySite = {};
  if (typeof stored !== 'object' || stored === null) return held;
  for (const site of SITES) {
    const seen = (stored as Record<string, unknown>)[site];
    if (isSeen(seen)) held[site] = { names: [...seen.names], seenAt: seen.seenAt };
  }
  return held;
}

let queue: Promise<unknown> = Promise.resolve();

/** Replaces the site's list with the newest one; the other site's is kept. One write at a time. */
export function setProjects(site: Site, seen: SeenProjects): Promise<ProjectsBySite> {
  const next = queue.then(async () => {
    const held = { ...(await listProjects()), [site]: seen };
    await browser.storage.session.set({ [PROJECTS_KEY]: held });
    return held;
  });
  queue = next.catch(() => undefined);
  return next;
}
