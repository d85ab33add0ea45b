/**
 * Finds the token PyPI just showed on its token page. Pure DOM functions: they take the `Document`,
 * so tests pass fixture pages. Nothing here matches English text: PyPI's pages are translated.
 */
import { readToken, type TokenParts, tokenText } from '@/src/core';
import type { CapturedToken } from '@/src/shared/model';
import { PROJECT_SCOPE, SELECTORS, type Site } from '@/src/shared/pypi';
import { MAX_PROJECT_NAMES, projectName } from './messages';

/** The record the background keeps for a token its page showed (the panel builds the same one). */
export function capturedRecord(
  t: TokenParts,
  page: Pick<PageToken, 'name' | 'scope'>,
  site: Site,
  capturedAt: number,
): CapturedToken {
  return {
    identifier: t.identifier,
    token: tokenText(t),
    name: page.name,
    scope: page.scope,
    site,
    capturedAt,
    // The location is not signed: the page's origin is what we trust, the mismatch is only flagged.
    locationMismatch: t.domain !== site,
  };
}

export interface PageToken {
  token: string;
  identifier: string;
  /** The token's name, the user's own words (see `tokenName`); null when the page does not tell it. */
  name: string | null;
  /** The scope as the page words it: "Entire account (all projects)", 'Project "x"', or a translation. */
  scope: string | null;
}

/** PyPI's own leak-scanner pattern. */
const TOKEN_PATTERN = /pypi-[A-Za-z0-9_-]{85,}/g;
/** Longer page text is not scanned by pattern: a token page is a few kilobytes. */
const MAX_SCAN = 1_000_000;
const MAX_LABEL = 200;

/**
 * Token candidates in the robust order of PyPI's page structure, de-duplicated, all from inside PyPI's
 * token block (`#provisioned-key`, rendered only with a new token). Nothing else on the page is read:
 * the creation form shows project names and other text a user or a project can make look like a token.
 */
export function tokenCandidates(doc: Document): string[] {
  const section = doc.querySelector(SELECTORS.tokenBlock);
  if (!section) return [];
  const found = [
    ...SELECTORS.tokenText.flatMap((s) => [...section.querySelectorAll(s)].map(text)),
    ...scan(section.textContent),
  ];
  return [...new Set(found.filter((t) => t !== ''))];
}

/**
 * The identifier the page says it just issued: the `macaroon_id` of the token block's removal form
 * (else of any such input on the page). Undefined when the page has none; null when it names several.
 */
function pageIdentifier(doc: Document): string | null | undefined {
  const read = (root: ParentNode) =>
    new Set(
      [...root.querySelectorAll<HTMLInputElement>(SELECTORS.tokenId)].map((i) => i.value.trim()),
    );
  const section = doc.querySelector(SELECTORS.tokenBlock);
  let ids = section ? read(section) : new Set<string>();
  if (ids.size === 0) ids = read(doc);
  if (ids.size === 0) return undefined;
  return ids.size === 1 ? ([...ids][0] as string) : null;
}

/**
 * The one token the page shows inside its token block, validated by the core and, when the page carries
 * a `macaroon_id`, the one with that identifier. Null when there is none, or when the page is ambiguous
 * (two tokens and no identifier, or two identifiers).
 */
export function captureToken(doc: Document): PageToken | null {
  const expectedId = pageIdentifier(doc);
  if (expectedId === null) return null;
  const tokens = new Map<string, TokenParts>();
  for (const candidate of tokenCandidates(doc)) {
    try {
      const t = readToken(candidate);
      if (expectedId === undefined || t.identifier === expectedId) tokens.set(tokenText(t), t);
    } catch {
      // Token-looking text that does not decode is not a token.
    }
  }
  if (tokens.size !== 1) return null;
  const [[token, parsed]] = [...tokens] as [[string, TokenParts]];
  return { token, identifier: parsed.identifier, name: tokenName(doc), scope: tokenScope(doc) };
}

/**
 * The projects the user can scope a token to, as the creation form lists them (Warehouse renders one
 * `option` per project, value `scope:project:<normalized name>`, sorted): normalized, de-duplicated,
 * in the page's order, at most `MAX_PROJECT_NAMES`. Null when the page has no such form (the result
 * page, the re-authentication page). Only `value` attributes are read: the options' text is translated.
 */
export function readProjects(doc: Document): string[] | null {
  const select = doc.querySelector(SELECTORS.projectList);
  if (!select) return null;
  const names = new Set<string>();
  for (const option of select.querySelectorAll('option')) {
    // The attribute, not `option.value`: without one, `value` falls back to the (translated) text.
    const value = option.getAttribute('value');
    if (!value?.startsWith(PROJECT_SCOPE)) continue;
    const name = projectName(value.slice(PROJECT_SCOPE.length));
    if (name !== null) names.add(name);
    if (names.size >= MAX_PROJECT_NAMES) break;
  }
  return [...names];
}

function text(el: Element): string {
  return (el.textContent ?? '').trim();
}

function scan(content: string | null | undefined): string[] {
  return content ? (content.slice(0, MAX_SCAN).match(TOKEN_PATTERN) ?? []) : [];
}

const clip = (s: string) => (s.length > MAX_LABEL ? `${s.slice(0, MAX_LABEL - 1)}…` : s);

/**
 * The token's name, as the user typed it. Warehouse writes it twice in the token block: in the heading,
 * inside a sentence each catalogue words its own way (`Token for "x"`, Czech `Token pro x`, Tamil
 * `"x" க்கான கிள்ளாக்கு "`, Chinese `“x”的秘钥`), and at the end of the removal dialog's title,
 * `Remove API token - x`, after a ` - ` the template writes itself. The name is the longest ending of that
 * title, starting after a ` - `, that the heading also holds: the heading's words, quotes or none, never
 * reach it. Without the dialog (a markup change), the heading's one quoted part, if it has exactly one
 * pair of quotes; else no name rather than a sentence.
 */
function tokenName(doc: Document): string | null {
  const heading = doc.querySelector(`${SELECTORS.tokenBlock} ${SELECTORS.heading}`);
  if (!heading) return null;
  const sentence = oneLine(heading);
  let name: string | null = null;
  for (const title of doc.querySelectorAll(`${SELECTORS.tokenBlock} ${SELECTORS.dialogTitle}`)) {
    for (const ending of titleEndings(oneLine(title))) {
      if ((name === null || ending.length > name.length) && sentence.includes(ending))
        name = ending;
    }
  }
  name ??= quotedPart(sentence);
  return name === null ? null : clip(name.trim()) || null;
}

/** An element's text on one line: whitespace runs as one space, trimmed (as the page shows it). */
const oneLine = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Every ending of `title` that starts right after a ` - ` (the name may itself hold one). */
function titleEndings(title: string): string[] {
  const endings: string[] = [];
  for (let i = title.indexOf(' - '); i !== -1; i = title.indexOf(' - ', i + 1)) {
    const ending = title.slice(i + 3).trim();
    if (ending !== '') endings.push(ending);
  }
  return endings;
}

const QUOTES = /["“”„«»「」『』‹›‘’']/g;

/** The text between the heading's quotes when it has exactly two (one pair); else null. */
function quotedPart(sentence: string): string | null {
  const at = [...sentence.matchAll(QUOTES)].map((m) => m.index);
  if (at.length !== 2) return null;
  const [open, close] = at as [number, number];
  return sentence.slice(open + 1, close).trim() || null;
}

/**
 * The scope, from the paragraph of labelled lines (`<strong>Label:</strong> value<br>…`). Warehouse
 * writes "Permissions" first and "Scope" last (older pages: "Scope" alone), so the scope is the last
 * labelled line of the first paragraph that has any; labels are found by markup, never by their words.
 */
function tokenScope(doc: Document): string | null {
  for (const p of doc.querySelectorAll(`${SELECTORS.tokenBlock} ${SELECTORS.paragraphs}`)) {
    const last = labelledLines(p).at(-1);
    if (last) return clip(last);
  }
  return null;
}

/** The values of a paragraph's lines that open with a `<strong>` (one inside running text is no label). */
function labelledLines(p: Element): string[] {
  const values: string[] = [];
  let value: string | null = null; // the current labelled line's text; null on an unlabelled line
  let lineStart = true;
  const endLine = () => {
    if (value !== null) values.push(value.replace(/\s+/g, ' ').trim());
    value = null;
  };
  for (const node of p.childNodes) {
    if (node.nodeType === node.COMMENT_NODE) continue;
    if (node.nodeName === 'BR') {
      endLine();
      lineStart = true;
    } else if (node.nodeName === 'STRONG' && lineStart) {
      value = '';
      lineStart = false;
    } else {
      const t = node.textContent ?? '';
      if (value !== null) value += t;
      else if (t.trim() !== '') lineStart = false;
    }
  }
  endLine();
  return values.filter((v) => v !== '');
}
