/**
 * The extension's domain records, shared by the background, the content script and the view: what is
 * held in memory (tokens, project lists, the menu's hand-over) and what a copy arranged.
 */
import type { Site } from './pypi';

/** `fromPrivateWindow`: came from a private tab, forgotten when the last private window closes. */
export interface PrivateMark {
  fromPrivateWindow?: true;
}

/** A token captured on PyPI's token page, as the background holds it. */
export interface CapturedToken extends PrivateMark {
  identifier: string;
  token: string;
  name: string | null;
  scope: string | null;
  site: Site;
  /** When it was captured, in ms since 1970. */
  capturedAt: number;
  /** The token's embedded location (unsigned) names another site than the page it came from. */
  locationMismatch: boolean;
}

/** The projects PyPI's creation form listed for the user on one site. */
export interface SeenProjects extends PrivateMark {
  /** Normalized names, in the page's order; empty when the user has no project (still information). */
  names: string[];
  /** When the form was seen, in ms since 1970. */
  seenAt: number;
}

export type ProjectsBySite = Partial<Record<Site, SeenProjects>>;

/**
 * Why a selection holds no token, as the core's `findTokenTexts` says it: its English sentence and
 * clause, and the code and values the view writes them from in the user's words (never a token: the
 * values are clipped as the messages are).
 */
export interface NoToken {
  error: string | null;
  reason: string | null;
  code?: string | null;
  params?: Readonly<Record<string, string | number>>;
  whyCode?: string;
  whyParams?: Readonly<Record<string, string | number>>;
}

/**
 * The hand-over to the view: the distinct tokens the menu found in the selection (several: the view
 * asks which), or why there is none; or, from the panel on PyPI's page, the captured token to select
 * (by identifier: the token stays where it is).
 */
export type Pending = ({ tokens: string[] } | { noToken: NoToken } | { select: string }) &
  PrivateMark;

/** What a copy arranged: when the clipboard will be emptied (ms), or that it could not be arranged. */
export interface CopyOutcome {
  clearAt: number | null;
  clearFailed: boolean;
}
