/**
 * The tokens the view works on and where each comes from (a captured record, pasted text, the menu's
 * hand-over, a stored draft): each text is loaded here, once, as it enters the view. Pure.
 */
import { Token } from '@/src/core';
import { t } from '@/src/shared/i18n';
import type { CapturedToken, PrivateMark } from '@/src/shared/model';
import { SITES, type Site } from '@/src/shared/pypi';
import { siteFor } from './copy-formats';
import { type FormState, parseForm } from './form';

const KINDS = ['captured', 'pasted', 'menu', 'derived'] as const;

/** A token the view works on, loaded. */
export interface Source {
  token: Token;
  label: string;
  kind: (typeof KINDS)[number];
  /** The page it came from (captured), else where its location points. */
  site: Site;
}

/** A loaded token as the view's source; `site`, when known, is the page it came from. */
export const sourceOf = (
  token: Token,
  label: string,
  kind: Source['kind'],
  site?: Site,
): Source => ({
  token,
  label,
  kind,
  site: siteFor(token.domain, site),
});

/** The token in `raw`, or null when it does not load. */
function load(raw: string): Token | null {
  try {
    return Token.load(raw);
  } catch {
    return null;
  }
}

/** The texts that load, loaded: what the menu handed over. */
export const loadAll = (texts: readonly string[]): Token[] =>
  texts.flatMap((raw) => load(raw) ?? []);

/** A token the background captured, loaded as it enters the view; null when its text does not load. */
export function capturedSource(captured: CapturedToken): Source | null {
  const token = load(captured.token);
  const label = captured.name ?? t('source_unnamed');
  return token && sourceOf(token, label, 'captured', captured.site);
}

/** What the view keeps of its work between opens, and where it stands. */
interface Draft {
  source: Source;
  form: FormState;
  query: string;
}

/**
 * The draft as stored: the token as its text (a `Token` does not survive structured clone), in the
 * shape earlier versions stored, so that their drafts still load. A token from a private window marks
 * it, even in a normal window's view: it goes with the private windows.
 */
interface StoredDraft extends PrivateMark {
  source: { raw: string; identifier: string; label: string; kind: Source['kind']; site: Site };
  form: FormState;
  query: string;
}

/** The draft to store for the view's work (`tokens`: those it holds), or null when it has no token. */
export function storedDraft(view: {
  source: Source | null;
  form: FormState;
  query: string;
  tokens: readonly CapturedToken[];
}): StoredDraft | null {
  const { source, form, query } = view;
  if (!source) return null;
  const { token, ...about } = source;
  const { identifier } = token;
  const mark = view.tokens.some((c) => c.fromPrivateWindow && c.identifier === identifier)
    ? { fromPrivateWindow: true as const }
    : {};
  return { source: { raw: token.dump(), identifier, ...about }, form, query, ...mark };
}

/** A stored draft, if it is still one the view can use: its token loads, a captured one is still held. */
export function parseDraft(v: unknown, held: readonly CapturedToken[], now: number): Draft | null {
  type Stored = Partial<Record<keyof StoredDraft['source'], unknown>>;
  const o = v as { source?: Stored; form?: unknown; query?: unknown } | null | undefined;
  const s = o?.source;
  const form = parseForm(o?.form);
  const kind = KINDS.find((k) => k === s?.kind);
  if (!s || !form || !kind || typeof s.raw !== 'string' || typeof s.label !== 'string') return null;
  const token = load(s.raw);
  if (!token) return null;
  if (kind === 'captured' && !held.some((c) => c.identifier === token.identifier)) return null;
  const source = sourceOf(
    token,
    s.label.slice(0, 200),
    kind,
    SITES.find((x) => x === s.site),
  );
  // A preset means "from now": it starts again when the view reopens.
  const anchored = form.anchor === null ? form : { ...form, anchor: now };
  const query = typeof o?.query === 'string' ? o.query.slice(0, 4000) : '';
  return { source, form: anchored, query };
}
