/**
 * JSON as CPython's `json.loads` reads text. PyPI parses caveats with `json.loads` and checks types
 * strictly, so the parser keeps what `JSON.parse` loses: `1` is an integer, `1.0` a float, integers of any
 * size stay exact, and what CPython refuses (a leading byte-order mark, an integer over 4,300 digits) is
 * refused here too. `tests/core/json-cpython.test.ts` holds it to CPython.
 * @module
 */
import type { TextParams } from './coded.ts';
import { pyFloatRepr } from './python-text.ts';

/** A JSON number written with a fraction or exponent (or NaN/Infinity): never a valid integer field. */
export class PyFloat {
  constructor(readonly value: number) {}
  /** Python's `repr`: `1.0`, `1e+16`, `nan`, `-inf`. */
  toString(): string {
    return pyFloatRepr(this.value);
  }
}

/**
 * A parsed value. Integers are `number` when safe (|n| < 2^53), `bigint` beyond, so none loses a digit;
 * floats are `PyFloat`; objects `Map` (insertion order; a repeated key keeps its first place and its last value).
 */
export type PyJson =
  | null
  | boolean
  | number
  | bigint
  | string
  | PyFloat
  | PyJson[]
  | Map<string, PyJson>;

/**
 * How deep arrays and objects may nest here. CPython's own limit follows its stack: 3.11 reads about 990
 * levels, 3.14 (PyPI's) more. Past this limit the text is not known to be refused, only unread (`depth`).
 */
export const MAX_JSON_DEPTH = 10_000;
/** CPython's default `sys.get_int_max_str_digits()`: `int()` of a longer digit string raises ValueError. */
const MAX_INT_DIGITS = 4300;

/**
 * Why a text does not parse. `syntax`: not JSON at all. `bom` and `int-limit`: JSON that CPython's
 * `json.loads` still refuses. `depth`: nested past `MAX_JSON_DEPTH`, so this parser did not read it.
 */
type PyJsonErrorKind = 'syntax' | 'bom' | 'int-limit' | 'depth';

/**
 * Each message a text can fail with: CPython's `json.loads` wording for all but `depth` (this parser's
 * own limit). A `PyJsonError`'s params hold `position` (where, in characters), and `limit` (digits) for
 * `int-limit`, `levels` for `depth`.
 */
export const JSON_ERROR_CODES = [
  'bom',
  'extra-data',
  'expecting-delimiter',
  'expecting-property-name',
  'expecting-colon',
  'unterminated-string',
  'invalid-control-character',
  'invalid-unicode-escape',
  'invalid-escape',
  'expecting-value',
  'int-limit',
  'depth',
] as const;
export type JsonErrorCode = (typeof JSON_ERROR_CODES)[number];

export class PyJsonError extends SyntaxError {
  /** The values the message interpolates: `position`, and the limit `int-limit` or `depth` names. */
  readonly params: TextParams;
  constructor(
    what: string,
    position: number,
    readonly code: JsonErrorCode,
    params: TextParams = {},
  ) {
    super(`${what} at character ${position}`);
    this.params = { ...params, position };
  }

  /** `bom`, `int-limit` and `depth` are kinds of their own; every other code is a syntax error. */
  get kind(): PyJsonErrorKind {
    const code = this.code;
    return code === 'bom' || code === 'int-limit' || code === 'depth' ? code : 'syntax';
  }
}

const NAN = new PyFloat(Number.NaN);
const INFINITY = new PyFloat(Number.POSITIVE_INFINITY);
const MINUS_INFINITY = new PyFloat(Number.NEGATIVE_INFINITY);
/** The words a value may be, by their first character (a `-` that does not start one starts a number). */
const LITERALS = new Map<string | undefined, readonly [string, PyJson]>([
  ['n', ['null', null]],
  ['t', ['true', true]],
  ['f', ['false', false]],
  ['N', ['NaN', NAN]],
  ['I', ['Infinity', INFINITY]],
  ['-', ['-Infinity', MINUS_INFINITY]],
]);
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;
const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/**
 * Parses as CPython's `json.loads(text)` does, NaN and Infinity included. Throws `PyJsonError`. Iterative,
 * so depth costs no call stack: nesting is bounded by `MAX_JSON_DEPTH` alone.
 */
export function parsePyJson(text: string): PyJson {
  const c: Cursor = { text, pos: 0 };
  // Python's json.loads refuses a str that starts with U+FEFF (only bytes input may carry a BOM).
  if (text.charCodeAt(0) === 0xfeff) fail(c, 'bom', 'Unexpected UTF-8 BOM');
  skip(c);
  const result = value(c);
  skip(c);
  if (c.pos !== text.length) fail(c, 'extra-data', 'Extra data');
  return result;
}

// Recursive descent made iterative: one function per rule, over a cursor, and the open containers on
// an explicit stack.

/** The text being read and the position reached. */
interface Cursor {
  readonly text: string;
  pos: number;
}

/** An array or object being read, and for an object the key awaiting its value. */
interface Open {
  readonly items: PyJson[] | Map<string, PyJson>;
  key: string;
}

function fail(
  c: Cursor,
  code: JsonErrorCode,
  what: string,
  at = c.pos,
  params: TextParams = {},
): never {
  throw new PyJsonError(what, at, code, params);
}

/** JSON's four whitespace characters, no others. */
function skip(c: Cursor): void {
  for (;;) {
    const ch = c.text.charCodeAt(c.pos);
    if (ch !== 0x20 && ch !== 0x09 && ch !== 0x0a && ch !== 0x0d) return;
    c.pos++;
  }
}

/**
 * value = array | object | scalar. Each complete value goes to the innermost open container; each
 * container that ends there is then itself a complete value, until none is open.
 */
function value(c: Cursor): PyJson {
  const open: Open[] = [];
  for (;;) {
    let v = begin(c, open);
    if (v === undefined) continue; // a container opened: its first element comes next
    for (let top = open.at(-1); top !== undefined; top = open.at(-1)) {
      add(top, v);
      if (more(c, top)) break;
      v = top.items;
      open.pop();
    }
    if (open.length === 0) return v;
  }
}

/** A scalar or an empty container, complete; or undefined once a container with elements is opened. */
function begin(c: Cursor, open: Open[]): PyJson | undefined {
  const ch = c.text.charCodeAt(c.pos);
  if (ch !== OPEN_ARRAY && ch !== OPEN_OBJECT) return scalar(c);
  if (open.length >= MAX_JSON_DEPTH)
    fail(c, 'depth', `nested deeper than ${MAX_JSON_DEPTH} levels`, c.pos, {
      levels: MAX_JSON_DEPTH,
    });
  c.pos++;
  skip(c);
  const array = ch === OPEN_ARRAY;
  if (c.text.charCodeAt(c.pos) === (array ? CLOSE_ARRAY : CLOSE_OBJECT)) {
    c.pos++;
    return array ? [] : new Map();
  }
  open.push(array ? { items: [], key: '' } : { items: new Map(), key: key(c) });
  return undefined;
}

function add(top: Open, v: PyJson): void {
  if (Array.isArray(top.items)) top.items.push(v);
  else top.items.set(top.key, v);
}

/** After an element: true past a `,` (and, in an object, the next key), false past the closing bracket. */
function more(c: Cursor, top: Open): boolean {
  skip(c);
  const array = Array.isArray(top.items);
  const ch = c.text.charCodeAt(c.pos);
  if (ch === COMMA) {
    c.pos++;
    skip(c);
    if (!array) top.key = key(c);
    return true;
  }
  if (ch !== (array ? CLOSE_ARRAY : CLOSE_OBJECT))
    fail(c, 'expecting-delimiter', "Expecting ',' delimiter");
  c.pos++;
  return false;
}

/** key = string ':' (with the whitespace around the colon). */
function key(c: Cursor): string {
  if (c.text.charCodeAt(c.pos) !== QUOTE)
    fail(c, 'expecting-property-name', 'Expecting property name enclosed in double quotes');
  const k = string(c);
  skip(c);
  if (c.text.charCodeAt(c.pos) !== 0x3a) fail(c, 'expecting-colon', "Expecting ':' delimiter");
  c.pos++;
  skip(c);
  return k;
}

function scalar(c: Cursor): PyJson {
  if (c.text.charCodeAt(c.pos) === QUOTE) return string(c);
  const literal = LITERALS.get(c.text[c.pos]);
  if (literal && c.text.startsWith(literal[0], c.pos)) {
    c.pos += literal[0].length;
    return literal[1];
  }
  return number(c);
}

/** A string, its escapes decoded; runs without escapes are copied whole. */
function string(c: Cursor): string {
  const { text } = c;
  const start = c.pos++; // the opening quote
  let out = '';
  let run = c.pos;
  for (;;) {
    if (c.pos >= text.length) fail(c, 'unterminated-string', 'Unterminated string starting', start);
    const ch = text.charCodeAt(c.pos);
    if (ch === QUOTE) {
      out += text.slice(run, c.pos++);
      return out;
    }
    if (ch === BACKSLASH) {
      out += text.slice(run, c.pos);
      out += escapeAt(c, start);
      run = c.pos;
    } else if (ch < 0x20) fail(c, 'invalid-control-character', 'Invalid control character');
    else c.pos++;
  }
}

/** One escape, at a backslash, inside the string that starts at `start`. */
function escapeAt(c: Cursor, start: number): string {
  const e = c.text[c.pos + 1];
  if (e === undefined) fail(c, 'unterminated-string', 'Unterminated string starting', start);
  if (e === 'u') {
    const hex = c.text.slice(c.pos + 2, c.pos + 6);
    if (!HEX4.test(hex)) fail(c, 'invalid-unicode-escape', 'Invalid \\uXXXX escape', c.pos + 1);
    c.pos += 6;
    // Lone surrogates are kept, as Python keeps them; a high+low pair is one character in both.
    return String.fromCharCode(Number.parseInt(hex, 16));
  }
  const decoded = ESCAPES[e];
  if (decoded === undefined) fail(c, 'invalid-escape', 'Invalid \\escape');
  c.pos += 2;
  return decoded;
}

/** An integer (exact, however large, up to CPython's digit limit) or a float. */
function number(c: Cursor): PyJson {
  NUMBER.lastIndex = c.pos;
  const m = NUMBER.exec(c.text);
  if (!m) return fail(c, 'expecting-value', 'Expecting value');
  const start = c.pos;
  const s = m[0];
  c.pos += s.length;
  if (m[1] !== undefined || m[2] !== undefined) return new PyFloat(Number(s));
  const digits = s.length - (s.charCodeAt(0) === 0x2d ? 1 : 0);
  if (digits > MAX_INT_DIGITS) {
    // CPython raises ValueError from int() here: not a JSONDecodeError, but PyPI refuses all the same.
    fail(
      c,
      'int-limit',
      `Exceeds the limit (${MAX_INT_DIGITS} digits) for integer string conversion`,
      start,
      { limit: MAX_INT_DIGITS },
    );
  }
  const n = Number(s);
  if (Number.isSafeInteger(n)) return n === 0 ? 0 : n; // `-0` is the integer 0 in Python
  return BigInt(s);
}
