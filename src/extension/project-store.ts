/**
 * The projects PyPI's creation form listed for the user, per site, kept in `storage.session` only.
 * Names are no secret, but they follow the tokens' posture: memory, never `storage.local`.
 */
import type { ProjectsBySite, SeenProjects } from '@/src/shared/model';
import { SITES, type Site } from '@/src/shared/pypi';
import { markIsValid } from './private-mark';
import { defineItem, field } from './storage';

const isSeen = (v: unknown): v is SeenProjects => {
  const names = field(v, 'names');
  return (
    Array.isArray(names) &&
    Array.from(names).every((n) => typeof n === 'string') &&
    Number.isFinite(field(v, 'seenAt')) &&
    markIsValid(v)
  );
};

/** What is held, per site (a site's malformed list is dropped, the other kept). */
const projects = defineItem<ProjectsBySite>('session', 'projects', {}, (stored) => {
  const held: ProjectsBySite = {};
  for (const site of SITES) {
    const seen = field(stored, site);
    if (isSeen(seen)) held[site] = seen;
  }
  return held;
});

export const listProjects = (): Promise<ProjectsBySite> => projects.get();

/** Replaces the site's list with the newest one; the other site's is kept. */
export function setProjects(site: Site, seen: SeenProjects): Promise<ProjectsBySite> {
  return projects.update((held) => ({ ...held, [site]: seen }));
}

/** Forgets the sites' lists that `match` picks (no write when it picks none); returns what is left. */
export function forgetProjects(match: (seen: SeenProjects) => boolean): Promise<ProjectsBySite> {
  return projects.update((held) => {
    const sites = SITES.filter((site) => held[site] && match(held[site]));
    if (sites.length === 0) return null;
    const kept = { ...held };
    for (const site of sites) delete kept[site];
    return kept;
  });
}
