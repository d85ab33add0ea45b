/**
 * JSON as CPython's `json.loads` reads text, and its strings as `json.dumps` writes them. PyPI parses caveats
 * with `json.loads` and checks types strictly, so the parser keeps what `JSON.parse` loses: `1` is an integer,
 * `1.0` a float, integers of any size stay exact, and what CPython refuses (a leading byte-order mark, an
 * integer over 4,300 digits) is refused here too. `tests/core/json-cpython.test.ts` holds it to CPython.
 * @module
 */

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
export const MAX_INT_DIGITS = 4300;

/**
 * Why a text does not parse. `syntax`: not JSON at all. `bom` and `int-limit`: JSON that CPython's
 * `json.loads` still refuses. `depth`: nested past `MAX_JSON_DEPTH`, so this parser did not read it.
 */
export type PyJsonErrorKind = 'syntax' | 'bom' | 'int-limit' | 'depth';

export class PyJsonError extends SyntaxError {
  constructor(
    what: string,
    readonly kind: PyJsonErrorKind,
    readonly position: number,
  ) {
    super(`${what} at character ${position}`);
  }
}

const NAN = new PyFloat(Number.NaN);
const INFINITY = new PyFloat(Number.POSITIVE_INFINITY);
const MINUS_INFINITY = new PyFloat(Number.NEGATIVE_INFINITY);
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

/**
 * Parses as CPython's `json.loads(text)` does, NaN and Infinity included. Throws `PyJsonError`. Iterative,
 * so depth costs no call stack: nesting is bounded by `MAX_JSON_DEPTH` alone.
 */
export function parsePyJson(text: string): PyJson {
  let pos = 0;
  const fail = (what: string, kind: PyJsonErrorKind = 'syntax', at = pos): never => {
    throw new PyJsonError(what, kind, at);
  };
  // Python's json.loads refuses a str that starts with U+FEFF (only bytes input may carry a BOM).
  if (text.charCodeAt(0) === 0xfeff) fail('Unexpected UTF-8 BOM', 'bom');
  const skip = () => {
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return;
      pos++;
    }
  };
  const string = (): string => {
    const start = pos++; // the opening quote
    let out = '';
    let run = pos;
    for (;;) {
      if (pos >= text.length) fail('Unterminated string starting', 'syntax', start);
      const c = text.charCodeAt(pos);
      if (c === 0x22) {
        out += text.slice(run, pos++);
        return out;
      }
      if (c === 0x5c) {
        out += text.slice(run, pos);
        const e = text[pos + 1];
        if (e === undefined) fail('Unterminated string starting', 'syntax', start);
        if (e === 'u') {
          const hex = text.slice(pos + 2, pos + 6);
          if (!HEX4.test(hex)) fail('Invalid \\uXXXX escape', 'syntax', pos + 1);
          // Lone surrogates are kept, as Python keeps them; a high+low pair is one character in both.
          out += String.fromCharCode(Number.parseInt(hex, 16));
          pos += 6;
        } else {
          const decoded = ESCAPES[e as string];
          if (decoded === undefined) fail('Invalid \\escape', 'syntax', pos);
          out += decoded;
          pos += 2;
        }
        run = pos;
        continue;
      }
      if (c < 0x20) fail('Invalid control character');
      pos++;
    }
  };
  const key = (): string => {
    if (text.charCodeAt(pos) !== 0x22) fail('Expecting property name enclosed in double quotes');
    const k = string();
    skip();
    if (text.charCodeAt(pos) !== 0x3a) fail("Expecting ':' delimiter");
    pos++;
    skip();
    return k;
  };
  const literal = (word: string, v: PyJson): PyJson | undefined => {
    if (!text.startsWith(word, pos)) return undefined;
    pos += word.length;
    return v;
  };
  const scalar = (): PyJson => {
    let v: PyJson | undefined;
    switch (text[pos]) {
      case '"':
        return string();
      case 'n':
        v = literal('null', null);
        break;
      case 't':
        v = literal('true', true);
        break;
      case 'f':
        v = literal('false', false);
        break;
      case 'N':
        v = literal('NaN', NAN);
        break;
      case 'I':
        v = literal('Infinity', INFINITY);
        break;
      case '-':
        v = literal('-Infinity', MINUS_INFINITY);
        break;
    }
    if (v !== undefined) return v;
    NUMBER.lastIndex = pos;
    const m = NUMBER.exec(text);
    if (!m) return fail('Expecting value');
    const start = pos;
    const s = m[0];
    pos += s.length;
    if (m[1] !== undefined || m[2] !== undefined) return new PyFloat(Number(s));
    const digits = s.length - (s.charCodeAt(0) === 0x2d ? 1 : 0);
    if (digits > MAX_INT_DIGITS) {
      // CPython raises ValueError from int() here: not a JSONDecodeError, but PyPI refuses all the same.
      fail(
        `Exceeds the limit (${MAX_INT_DIGITS} digits) for integer string conversion`,
        'int-limit',
        start,
      );
    }
    const n = Number(s);
    if (Number.isSafeInteger(n)) return n === 0 ? 0 : n; // `-0` is the integer 0 in Python
    return BigInt(s);
  };

  // One open array or object per level, and for each open object the key awaiting its value.
  const open: (PyJson[] | Map<string, PyJson>)[] = [];
  const keys: string[] = [];
  let value: PyJson;
  skip();
  parse: for (;;) {
    const c = text.charCodeAt(pos);
    if (c === 0x5b || c === 0x7b) {
      if (open.length >= MAX_JSON_DEPTH)
        fail(`nested deeper than ${MAX_JSON_DEPTH} levels`, 'depth');
      pos++;
      skip();
      if (c === 0x5b) {
        if (text.charCodeAt(pos) === 0x5d) {
          pos++;
          value = [];
        } else {
          open.push([]);
          continue;
        }
      } else if (text.charCodeAt(pos) === 0x7d) {
        pos++;
        value = new Map();
      } else {
        open.push(new Map());
        keys.push(key());
        continue;
      }
    } else value = scalar();
    // A value is complete: hand it to its container, then close every container that ends here.
    for (;;) {
      const top = open[open.length - 1];
      if (top === undefined) break parse;
      skip();
      const sep = text.charCodeAt(pos);
      if (Array.isArray(top)) {
        top.push(value);
        if (sep === 0x2c) {
          pos++;
          skip();
          continue parse;
        }
        if (sep !== 0x5d) fail("Expecting ',' delimiter");
      } else {
        top.set(keys.pop() as string, value);
        if (sep === 0x2c) {
          pos++;
          skip();
          keys.push(key());
          continue parse;
        }
        if (sep !== 0x7d) fail("Expecting ',' delimiter");
      }
      pos++;
      value = open.pop() as PyJson;
    }
  }
  skip();
  if (pos !== text.length) fail('Extra data');
  return value;
}

/**
 * Python's `repr(float)`: the shortest digits that round-trip (as JavaScript's), written in fixed notation
 * for exponents -4 to 15 (with `.0` when whole) and as `1.5e+16` otherwise.
 */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const [mantissa = '', e = '0'] = String(Math.abs(x)).split('e');
  const dot = mantissa.indexOf('.');
  const whole = dot < 0 ? mantissa : mantissa.slice(0, dot);
  let digits = whole + (dot < 0 ? '' : mantissa.slice(dot + 1));
  let exp = Number(e) + whole.length - 1;
  const zeros = /^0*/.exec(digits)?.[0].length ?? 0;
  digits = digits.slice(zeros).replace(/0+$/, '');
  exp -= zeros;
  if (exp < -4 || exp >= 16) {
    const frac = digits.length > 1 ? `.${digits.slice(1)}` : '';
    return `${sign}${digits[0]}${frac}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  return `${sign}${digits.slice(0, exp + 1).padEnd(exp + 1, '0')}.${digits.slice(exp + 1) || '0'}`;
}

const SHORT: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

const PLAIN = /^[ !#-[\]-~]*$/;

/** A string as Python's `json.dumps` writes it (`ensure_ascii=True`): the result is always ASCII. */
export function pyString(s: string): string {
  if (PLAIN.test(s)) return `"${s}"`;
  // Python's ensure_ascii: escape quotes, backslashes and everything outside printable ASCII.
  const escaped = s.replace(
    /["\\]|[^ -~]/g,
    (c) => SHORT[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `"${escaped}"`;
}
