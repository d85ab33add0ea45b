/**
 * Values as Python writes them: `repr` of a float (to show a caveat's value as PyPI would) and a string
 * as `json.dumps` writes it (to write caveats byte for byte as pypitoken does).
 * @module
 */

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
