/**
 * JSON as Python's `json` module reads it, and its strings as it writes them. PyPI parses caveats with `json.loads` and checks
 * types strictly, so the parser keeps what `JSON.parse` loses: `1` is an integer, `1.0` a float.
 * @module
 */

/** A JSON number written with a fraction or exponent (or NaN/Infinity): never a valid integer field. */
export class PyFloat {
  constructor(readonly value: number) {}
  toString(): string {
    return String(this.value);
  }
}

/** A parsed value: integers are `number`, floats `PyFloat`, objects `Map` (insertion order, last key wins). */
export type PyJson = null | boolean | number | string | PyFloat | PyJson[] | Map<string, PyJson>;

const MAX_DEPTH = 256;
const LITERALS: [string, PyJson][] = [
  ['null', null],
  ['true', true],
  ['false', false],
  ['NaN', new PyFloat(Number.NaN)],
  ['Infinity', new PyFloat(Number.POSITIVE_INFINITY)],
  ['-Infinity', new PyFloat(Number.NEGATIVE_INFINITY)],
];
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;
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

/** Parses like Python's `json.loads` (NaN and Infinity included). Throws `SyntaxError` with a position. */
export function parsePyJson(text: string): PyJson {
  let pos = 0;
  const fail = (what: string): never => {
    throw new SyntaxError(`${what} at character ${pos}`);
  };
  const skip = () => {
    while (pos < text.length && ' \t\n\r'.includes(text[pos] as string)) pos++;
  };
  const string = (): string => {
    let out = '';
    pos++; // opening quote
    for (;;) {
      const c = text[pos++];
      if (c === undefined) fail('unterminated string');
      if (c === '"') return out;
      if ((c as string) < ' ') fail('invalid control character');
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = text[pos++] as string;
      if (e === 'u') {
        const hex = text.slice(pos, pos + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('invalid \\u escape');
        out += String.fromCharCode(Number.parseInt(hex, 16));
        pos += 4;
      } else if (e in ESCAPES) out += ESCAPES[e];
      else fail('invalid escape');
    }
  };
  const value = (depth: number): PyJson => {
    if (depth > MAX_DEPTH) fail('too deeply nested');
    skip();
    const c = text[pos];
    if (c === '"') return string();
    if (c === '[') {
      pos++;
      const items: PyJson[] = [];
      skip();
      if (text[pos] === ']') {
        pos++;
        return items;
      }
      for (;;) {
        items.push(value(depth + 1));
        skip();
        const sep = text[pos++];
        if (sep === ']') return items;
        if (sep !== ',') fail("expected ',' or ']'");
      }
    }
    if (c === '{') {
      pos++;
      const map = new Map<string, PyJson>();
      skip();
      if (text[pos] === '}') {
        pos++;
        return map;
      }
      for (;;) {
        skip();
        if (text[pos] !== '"') fail('expected a property name');
        const key = string();
        skip();
        if (text[pos++] !== ':') fail("expected ':'");
        map.set(key, value(depth + 1));
        skip();
        const sep = text[pos++];
        if (sep === '}') return map;
        if (sep !== ',') fail("expected ',' or '}'");
      }
    }
    for (const [word, v] of LITERALS) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return v;
      }
    }
    NUMBER.lastIndex = pos;
    const m = NUMBER.exec(text);
    if (!m) return fail('expecting value');
    pos += m[0].length;
    return m[1] || m[2] ? new PyFloat(Number(m[0])) : Number(m[0]);
  };
  const result = value(0);
  skip();
  if (pos !== text.length) fail('extra data');
  return result;
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
