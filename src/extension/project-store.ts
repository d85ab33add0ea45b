/**
 * The projects PyPI's creation form listed for the user, per site, kept in `storage.session` only.
 * Names are no secret, but they follow the tokens' posture: memory, never `storage.local`.
 */
import { browser } from 'wxt/browser';
import type { PrivateMark, ProjectsBySite, SeenProjects } from '@/src/shared/model';
import { SITES, type Site } from '@/src/shared/pypi';

/** `fromPrivateWindow`: read in a private tab, forgotten when the last private window closes. */
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
    if (!isSeen(seen)) continue;
    const copy: SeenProjects = { names: [...seen.names], seenAt: seen.seenAt };
    if (seen.fromPrivateWindow === true) copy.fromPrivateWindow = true;
    held[site] = copy;
  }
  return held;
}

let queue: Promise<unknown> = Promise.resolve();

/** Read-modify-write, one at a time within this context; `change` returns null to write nothing. */
function update(change: (held: ProjectsBySite) => ProjectsBySite | null): Promise<ProjectsBySite> {
  const next = queue.then(async () => {
    const held = await listProjects();
    const changed = change(held);
    if (changed) await browser.storage.session.set({ [PROJECTS_KEY]: changed });
    return changed ?? held;
  });
  queue = next.catch(() => undefined);
  return next;
}

/** Replaces the site's list with the newest one; the other site's is kept. */
export function setProjects(site: Site, seen: SeenProjects): Promise<ProjectsBySite> {
  return update((held) => ({ ...held, [site]: seen }));
}

/** Forgets the sites' lists that `match` picks (no write when it picks none); returns what is left. */
export function forgetProjects(match: (seen: SeenProjects) => boolean): Promise<ProjectsBySite> {
  return update((held) => {
    const sites = SITES.filter((site) => held[site] && match(held[site]));
    if (sites.length === 0) return null;
    const kept = { ...held };
    for (const site of sites) delete kept[site];
    return kept;
  });
}
