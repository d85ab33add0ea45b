/**
 * JSON as CPython's `json.loads` reads text. PyPI parses caveats with `json.loads` and checks types
 * strictly, so the parser keeps what `JSON.parse` loses: `1` is an integer, `1.0` a float, integers of any
 * size stay exact, and what CPython refuses (a leading byte-order mark, an integer over 4,300 digits) is
 * refused here too. `tests/core/json-cpython.test.ts` holds it to CPython.
 * @module
 */
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

export class PyJsonError extends SyntaxError {
  constructor(
    what: string,
    readonly kind: PyJsonErrorKind,
    position: number,
  ) {
    super(`${what} at character ${position}`);
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
  const p = new Parser(text);
  // Python's json.loads refuses a str that starts with U+FEFF (only bytes input may carry a BOM).
  if (text.charCodeAt(0) === 0xfeff) p.fail('Unexpected UTF-8 BOM', 'bom');
  p.skip();
  const value = p.value();
  p.skip();
  if (p.pos !== text.length) p.fail('Extra data');
  return value;
}

/** An array or object being read, and for an object the key awaiting its value. */
interface Open {
  readonly items: PyJson[] | Map<string, PyJson>;
  key: string;
}

/** Recursive descent made iterative: one method per rule, open containers on an explicit stack. */
class Parser {
  pos = 0;
  constructor(readonly text: string) {}

  fail(what: string, kind: PyJsonErrorKind = 'syntax', at = this.pos): never {
    throw new PyJsonError(what, kind, at);
  }

  /** JSON's four whitespace characters, no others. */
  skip(): void {
    for (;;) {
      const c = this.text.charCodeAt(this.pos);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return;
      this.pos++;
    }
  }

  /**
   * value = array | object | scalar. Each complete value goes to the innermost open container; each
   * container that ends there is then itself a complete value, until none is open.
   */
  value(): PyJson {
    const open: Open[] = [];
    for (;;) {
      let value = this.begin(open);
      if (value === undefined) continue; // a container opened: its first element comes next
      for (let top = open.at(-1); top !== undefined; top = open.at(-1)) {
        this.add(top, value);
        if (this.more(top)) break;
        value = top.items;
        open.pop();
      }
      if (open.length === 0) return value;
    }
  }

  /** A scalar or an empty container, complete; or undefined once a container with elements is opened. */
  private begin(open: Open[]): PyJson | undefined {
    const c = this.text.charCodeAt(this.pos);
    if (c !== OPEN_ARRAY && c !== OPEN_OBJECT) return this.scalar();
    if (open.length >= MAX_JSON_DEPTH)
      this.fail(`nested deeper than ${MAX_JSON_DEPTH} levels`, 'depth');
    this.pos++;
    this.skip();
    const array = c === OPEN_ARRAY;
    if (this.text.charCodeAt(this.pos) === (array ? CLOSE_ARRAY : CLOSE_OBJECT)) {
      this.pos++;
      return array ? [] : new Map();
    }
    open.push(array ? { items: [], key: '' } : { items: new Map(), key: this.key() });
    return undefined;
  }

  private add(top: Open, value: PyJson): void {
    if (Array.isArray(top.items)) top.items.push(value);
    else top.items.set(top.key, value);
  }

  /** After an element: true past a `,` (and, in an object, the next key), false past the closing bracket. */
  private more(top: Open): boolean {
    this.skip();
    const array = Array.isArray(top.items);
    const c = this.text.charCodeAt(this.pos);
    if (c === COMMA) {
      this.pos++;
      this.skip();
      if (!array) top.key = this.key();
      return true;
    }
    if (c !== (array ? CLOSE_ARRAY : CLOSE_OBJECT)) this.fail("Expecting ',' delimiter");
    this.pos++;
    return false;
  }

  /** key = string ':' (with the whitespace around the colon). */
  private key(): string {
    if (this.text.charCodeAt(this.pos) !== QUOTE)
      this.fail('Expecting property name enclosed in double quotes');
    const k = this.string();
    this.skip();
    if (this.text.charCodeAt(this.pos) !== 0x3a) this.fail("Expecting ':' delimiter");
    this.pos++;
    this.skip();
    return k;
  }

  private scalar(): PyJson {
    if (this.text.charCodeAt(this.pos) === QUOTE) return this.string();
    const literal = LITERALS.get(this.text[this.pos]);
    if (literal && this.text.startsWith(literal[0], this.pos)) {
      this.pos += literal[0].length;
      return literal[1];
    }
    return this.number();
  }

  /** A string, its escapes decoded; runs without escapes are copied whole. */
  private string(): string {
    const { text } = this;
    const start = this.pos++; // the opening quote
    let out = '';
    let run = this.pos;
    for (;;) {
      if (this.pos >= text.length) this.fail('Unterminated string starting', 'syntax', start);
      const c = text.charCodeAt(this.pos);
      if (c === QUOTE) {
        out += text.slice(run, this.pos++);
        return out;
      }
      if (c === BACKSLASH) {
        out += text.slice(run, this.pos);
        out += this.escape(start);
        run = this.pos;
      } else if (c < 0x20) this.fail('Invalid control character');
      else this.pos++;
    }
  }

  /** One escape, at a backslash, inside the string that starts at `start`. */
  private escape(start: number): string {
    const e = this.text[this.pos + 1];
    if (e === undefined) this.fail('Unterminated string starting', 'syntax', start);
    if (e === 'u') {
      const hex = this.text.slice(this.pos + 2, this.pos + 6);
      if (!HEX4.test(hex)) this.fail('Invalid \\uXXXX escape', 'syntax', this.pos + 1);
      this.pos += 6;
      // Lone surrogates are kept, as Python keeps them; a high+low pair is one character in both.
      return String.fromCharCode(Number.parseInt(hex, 16));
    }
    const decoded = ESCAPES[e];
    if (decoded === undefined) this.fail('Invalid \\escape');
    this.pos += 2;
    return decoded;
  }

  /** An integer (exact, however large, up to CPython's digit limit) or a float. */
  private number(): PyJson {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (!m) return this.fail('Expecting value');
    const start = this.pos;
    const s = m[0];
    this.pos += s.length;
    if (m[1] !== undefined || m[2] !== undefined) return new PyFloat(Number(s));
    const digits = s.length - (s.charCodeAt(0) === 0x2d ? 1 : 0);
    if (digits > MAX_INT_DIGITS) {
      // CPython raises ValueError from int() here: not a JSONDecodeError, but PyPI refuses all the same.
      this.fail(
        `Exceeds the limit (${MAX_INT_DIGITS} digits) for integer string conversion`,
        'int-limit',
        start,
      );
    }
    const n = Number(s);
    if (Number.isSafeInteger(n)) return n === 0 ? 0 : n; // `-0` is the integer 0 in Python
    return BigInt(s);
  }
}
