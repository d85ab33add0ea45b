/**
 * Finds the PyPI tokens in text a user pasted or selected: a bare or quoted token, a `.pypirc` block,
 * an environment line, a sentence, a token a terminal wrapped over several lines.
 * @module
 */
import { type TextParams, withData } from './coded.ts';
import { LoadError, type LoadErrorCode } from './errors.ts';
import { MAX_TOKEN_LENGTH, MIN_TOKEN_LENGTH, readToken, tokenText } from './read.ts';
import { Token } from './token.ts';

/**
 * Why a text holds no token: `empty`; `too-long` (param `max`, in characters); `no-token` (no word
 * starts with pypi- and nothing else loads); `damaged` (param `why`: the clause of the `LoadError` the
 * likeliest candidate gave, its code `whyCode`).
 */
export const EXTRACT_CODES = ['empty', 'too-long', 'no-token', 'damaged'] as const;
export type ExtractCode = (typeof EXTRACT_CODES)[number];

/**
 * `error` and `reason` as data (see `coded.ts`): `code` is `null` exactly when a token
 * was found; `params` are the values both texts interpolate.
 */
interface Why {
  readonly code: ExtractCode | null;
  readonly params: TextParams;
  /** The `why` param's own code and params (a `damaged` text's). */
  readonly whyCode?: LoadErrorCode;
  readonly whyParams?: TextParams;
}

/** What `findTokenTexts` found: the same, with each token as its canonical text (what `dump()` writes). */
export interface FoundTexts extends Why {
  texts: string[];
  error: string | null;
  reason: string | null;
}

export interface Extracted extends Why {
  /** Distinct tokens (by `dump()`), in order of appearance. */
  tokens: Token[];
  /** Why nothing was found, for a user; `null` exactly when `tokens` is not empty. Never quotes the text. */
  error: string | null;
  /** The same, as a clause completing "… holds no PyPI token: " (e.g. "a token starts with pypi-."). */
  reason: string | null;
}

/** Longer text is refused before any search: a paste that holds a token is a few lines. */
export const MAX_EXTRACT_LENGTH = MAX_TOKEN_LENGTH * 4;
/** Characters all rejoin attempts may load in total, so that hostile text cannot make the search quadratic. */
const JOIN_BUDGET = MAX_TOKEN_LENGTH * 4;
const PREFIX = 'pypi-';

/** Base64 in either alphabet; `-` also ends a prefix, `=` (padding) is handled apart. */
const isBodyChar = (c: number): boolean =>
  (c >= 0x41 && c <= 0x5a) || // A-Z
  (c >= 0x61 && c <= 0x7a) || // a-z
  (c >= 0x30 && c <= 0x39) || // 0-9
  c === 0x2d || // -
  c === 0x5f || // _
  c === 0x2b || // +
  c === 0x2f; // /
const isUrlChar = (c: number): boolean => isBodyChar(c) && c !== 0x2b && c !== 0x2f;
const isSpace = (c: number): boolean =>
  c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0b || c === 0x0c;
const isBreak = (c: number): boolean => c === 0x0a || c === 0x0d;

/**
 * Where the next `pypi-` that starts a word is: `KEY=pypi-…`, `"pypi-…`, `is pypi-…`, but not
 * `testpypi-…` (a token with the prefix `testpypi`, which PyPI refuses: it is reported, not rewritten).
 */
function nextCandidate(text: string, from: number): number {
  for (let i = text.indexOf(PREFIX, from); i >= 0; i = text.indexOf(PREFIX, i + 1)) {
    const before = i > 0 ? text.charCodeAt(i - 1) : 0x20;
    if (!isUrlChar(before)) return i;
  }
  return -1;
}

/** End of the base64 run starting at `from`, with at most two `=` of padding. */
function runEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && isBodyChar(text.charCodeAt(i))) i++;
  for (let pad = 0; pad < 2 && text.charCodeAt(i) === 0x3d; pad++) i++;
  return i;
}

/** The next piece of a wrapped token: only whitespace holding a line break before it, not a new token. */
function continuation(text: string, from: number): { start: number; end: number } | undefined {
  let i = from;
  let broken = false;
  for (; i < text.length && isSpace(text.charCodeAt(i)); i++)
    broken ||= isBreak(text.charCodeAt(i));
  if (!broken || text.startsWith(PREFIX, i)) return undefined;
  const end = runEnd(text, i);
  return end > i ? { start: i, end } : undefined;
}

/**
 * The token `candidate` holds, as its canonical text, if any; text too short to be one is not even
 * tried (a throw costs). Read without the HMAC and the caveat parser, so the menu's search stays small.
 */
function tryLoad(candidate: string): string | undefined {
  if (candidate.length < MIN_TOKEN_LENGTH) return undefined;
  try {
    return tokenText(readToken(candidate));
  } catch (e) {
    if (e instanceof LoadError) return undefined;
    throw e;
  }
}

/** Why `candidate` does not load, as a clause and its `LoadError` (none if it loads after all). */
function failureOf(candidate: string): { why: string; error?: LoadError } {
  try {
    readToken(candidate);
  } catch (e) {
    if (e instanceof LoadError) return { why: e.reason, error: e };
    throw e;
  }
  return { why: 'it could not be read' };
}

const found = (texts: string[]): FoundTexts =>
  withData({ texts, error: null, reason: null }, { code: null, params: {} });
const none = (
  error: string,
  reason: string,
  code: ExtractCode,
  params: TextParams = {},
  data?: Pick<Why, 'whyCode' | 'whyParams'>,
): FoundTexts => withData({ texts: [], error, reason }, { code, params, ...data });

/** The distinct tokens in text a user pasted or selected, loaded, in order of appearance (see below). */
export function extractTokens(text: string): Extracted {
  const f = findTokenTexts(text);
  const { code, params, whyCode, whyParams } = f;
  return withData(
    { tokens: f.texts.map((t) => Token.load(t)), error: f.error, reason: f.reason },
    { code, params, whyCode, whyParams },
  );
}

/**
 * The distinct tokens in text a user pasted or selected, as their canonical texts, in order of appearance.
 *
 * Each `pypi-` that starts a word begins a candidate running over base64 characters (either alphabet, up
 * to two `=`). One that does not load is retried without a trailing `+`/`/` run, then joined with the
 * pieces that follow it across line breaks, while the whole does not load. Only when no `pypi-` starts a
 * word are tokens with another prefix looked for, as whole runs of base64 characters.
 */
export function findTokenTexts(text: string): FoundTexts {
  if (typeof text !== 'string' || text.trim() === '') {
    return none(
      'Nothing to read: paste a PyPI token (it starts with pypi-).',
      'it is empty.',
      'empty',
    );
  }
  if (text.length > MAX_EXTRACT_LENGTH) {
    return none(
      `This text is too long to search for a token (over ${MAX_EXTRACT_LENGTH} characters): paste only the token.`,
      `it is too long to search (over ${MAX_EXTRACT_LENGTH} characters).`,
      'too-long',
      { max: MAX_EXTRACT_LENGTH },
    );
  }
  const first = nextCandidate(text, 0);
  return first < 0 ? withOtherPrefix(text) : withPypiPrefix(text, first);
}

/** No `pypi-` starts a word: perhaps a token with another prefix, bare or as the value of a setting. */
function withOtherPrefix(text: string): FoundTexts {
  const tokens = distinct([...words(text)].map(tryLoad));
  return tokens.length > 0
    ? found(tokens)
    : none(
        'No PyPI token found in this text: a token starts with pypi-.',
        'a token starts with pypi-.',
        'no-token',
      );
}

/** Candidates never overlap: the search resumes after each one, so the scan stays linear. */
function withPypiPrefix(text: string, first: number): FoundTexts {
  const tokens: string[] = [];
  // The longest candidate that failed is the likeliest to be the token the user meant.
  let failed = '';
  const budget = { left: JOIN_BUDGET };
  for (let start = first; start >= 0; ) {
    const { token, end, candidate } = readCandidate(text, start, budget);
    if (token) tokens.push(token);
    else if (candidate.length > failed.length) failed = candidate;
    start = nextCandidate(text, end);
  }
  if (tokens.length > 0) return found(distinct(tokens));
  const { why, error } = failureOf(failed);
  return none(
    `This looks like a PyPI token but is damaged: ${why}. Was it copied whole?`,
    `it looks like one but is damaged: ${why}. Was it copied whole?`,
    'damaged',
    { why },
    { whyCode: error?.code, whyParams: error?.params },
  );
}

/**
 * The candidate starting at `start` (its first run), the token it holds if any, and where that ends.
 * Rejoining wrapped pieces spends `budget`, shared by all the candidates of one text.
 */
function readCandidate(
  text: string,
  start: number,
  budget: { left: number },
): { token: string | undefined; end: number; candidate: string } {
  let end = runEnd(text, start + PREFIX.length);
  const candidate = text.slice(start, end);
  let token = tryLoad(candidate);
  if (!token) {
    // `pypi-…/` or `pypi-…+x`: what follows a token may be characters of the standard alphabet.
    let url = start + PREFIX.length;
    while (url < end && isUrlChar(text.charCodeAt(url))) url++;
    token = url < end ? tryLoad(text.slice(start, url)) : undefined;
    if (token) end = url;
  }
  // A terminal wraps long lines: rejoin pieces only when the whole loads and the start alone did not.
  let joined = candidate;
  for (
    let piece = token ? undefined : continuation(text, end);
    piece && budget.left > 0 && !joined.endsWith('=');
    piece = continuation(text, piece.end)
  ) {
    joined += text.slice(piece.start, piece.end);
    if (joined.length > MAX_TOKEN_LENGTH) break;
    budget.left -= joined.length;
    token = tryLoad(joined);
    if (token) {
      end = piece.end;
      break;
    }
  }
  return { token, end, candidate };
}

/** The tokens, each once, in order of first appearance. */
function distinct(tokens: readonly (string | undefined)[]): string[] {
  return [...new Set(tokens.filter((t) => t !== undefined))];
}

/** Runs of base64 characters that could be a token: long enough and holding a prefix. */
function* words(text: string): Generator<string> {
  for (let start = 0; start < text.length; ) {
    let end = start;
    let dash = false;
    for (; end < text.length && isBodyChar(text.charCodeAt(end)); end++)
      dash ||= text.charCodeAt(end) === 0x2d;
    if (dash && end - start >= MIN_TOKEN_LENGTH) yield text.slice(start, end);
    start = end + 1;
  }
}
