/**
 * The tokens the view works on and where each comes from (a captured record, pasted text, the menu's
 * hand-over, a stored draft), and the stored draft's shape. Pure: no browser, no DOM.
 */
import { Token } from '@/src/core';
import type { CapturedToken } from '@/src/shared/model';
import { SITES, type Site } from '@/src/shared/pypi';
import { siteFor } from './copy-formats';
import { type FormState, parseForm } from './form';

/** A token the view works on. */
export interface Source {
  raw: string;
  identifier: string;
  label: string;
  kind: 'captured' | 'pasted' | 'menu' | 'derived';
  /** The page it came from (captured), else where its location points. */
  site: Site;
}

export function toSource(
  raw: string,
  label: string,
  kind: Source['kind'],
  site?: Site,
): Source | null {
  try {
    const t = Token.load(raw);
    return { raw: t.dump(), identifier: t.identifier, label, kind, site: siteFor(t.domain, site) };
  } catch {
    return null;
  }
}

export const captured = (t: CapturedToken) =>
  toSource(t.token, t.name ?? 'Unnamed token', 'captured', t.site);

/** A stored draft, if it is still one the view can use: its token loads, a captured one is still held. */
export function parseDraft(
  v: unknown,
  tokens: CapturedToken[],
  now: number,
): { source: Source; form: FormState; query: string } | null {
  const o = v as { source?: Partial<Source>; form?: unknown; query?: unknown } | null;
  const s = o?.source;
  const form = parseForm(o?.form);
  if (!s || !form || typeof s.raw !== 'string' || typeof s.label !== 'string') return null;
  const kinds: Source['kind'][] = ['captured', 'pasted', 'menu', 'derived'];
  if (!kinds.includes(s.kind as Source['kind'])) return null;
  const site = SITES.find((x) => x === s.site);
  const source = toSource(s.raw, s.label.slice(0, 200), s.kind as Source['kind'], site);
  if (!source) return null;
  if (source.kind === 'captured' && !tokens.some((t) => t.identifier === source.identifier))
    return null;
  // A preset means "from now": it starts again when the view reopens.
  const anchored = form.anchor === null ? form : { ...form, anchor: now };
  const query = typeof o?.query === 'string' ? o.query.slice(0, 4000) : '';
  return { source, form: anchored, query };
}
