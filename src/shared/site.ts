/**
 * The two PyPI sites whose token pages the extension reads, and how a URL maps to one. A neutral
 * module: capture, the stores and the view all share it.
 */

export const SITES = ['pypi.org', 'test.pypi.org'] as const;

export type Site = (typeof SITES)[number];

/** The site a token page belongs to, from its URL; null for any other origin. */
export function siteOf(url: string): Site | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' || u.port !== '') return null;
    return (SITES as readonly string[]).includes(u.hostname) ? (u.hostname as Site) : null;
  } catch {
    return null;
  }
}
