// Differential test of the core's JSON reader against CPython's json.loads (Debian's python3), as PyPI reads
// caveats: bytes decoded as UTF-8 (a BOM kept), then json.loads. 12,000 seeded texts, one python3 process.
// Compared: accept or refuse, why (not UTF-8, BOM, 4,300-digit limit, syntax, depth) and the value, in a
// canonical text that tells int from float, keeps every digit and every lone surrogate.
// Documented differences: (1) past MAX_JSON_DEPTH levels the core stops and says PyPI *may* accept, while
// CPython reads on; (2) scripts/json_differential.py lifts 3.11's recursion limit (~993 levels here), as
// PyPI's 3.14 reads deeper than Debian's 3.11, so both parsers are compared on the same grammar up to the
// core's limit; (3) error messages and positions are not compared, only the kind of refusal.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromUtf8, utf8 } from '@/src/core/bytes';
import { MAX_JSON_DEPTH, PyFloat, type PyJson, PyJsonError, parsePyJson } from '@/src/core/json';
import { caveatText, type WritableRestriction } from '@/src/core/restrictions';

const PYTHON = '/usr/bin/python3';
const SCRIPT = 'scripts/json_differential.py';
const required = process.env.REQUIRE_E2E === '1';
const available =
  existsSync(PYTHON) &&
  (() => {
    try {
      execFileSync(PYTHON, ['-c', 'import json, sys; sys.get_int_max_str_digits']);
      return true;
    } catch {
      return false;
    }
  })();
if (!available) {
  const say = required
    ? 'is required (REQUIRE_E2E=1) but missing'
    : 'is missing: SKIPPING the JSON differential against CPython';
  process.stderr.write(`\n*** python3 (3.11 or later) ${say} (apt-get install -y python3) ***\n\n`);
}

const N = 12_000;
const SEED = 20260914;

/** Marks text to emit as is while `canon` walks a value without recursion (nesting goes 10,000 deep). */
class Raw {
  constructor(readonly text: string) {}
}
const canonString = (s: string): string => {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    out += cp >= 0x20 && cp < 0x7f && ch !== '"' && ch !== '\\' ? ch : `\\${cp.toString(16)};`;
  }
  return `${out}"`;
};
/** The same canonical text as `canon()` in scripts/json_differential.py. */
function canon(root: PyJson): string {
  let out = '';
  const work: (PyJson | Raw)[] = [root];
  while (work.length > 0) {
    const v = work.pop() as PyJson | Raw;
    if (v instanceof Raw) out += v.text;
    else if (v === null) out += 'null';
    else if (typeof v === 'boolean') out += String(v);
    else if (typeof v === 'number' || typeof v === 'bigint') out += `i${v}`;
    else if (v instanceof PyFloat) out += `f${v}`;
    else if (typeof v === 'string') out += canonString(v);
    else if (Array.isArray(v)) {
      work.push(new Raw(']'));
      for (let i = v.length - 1; i >= 0; i--) {
        work.push(v[i] as PyJson);
        if (i > 0) work.push(new Raw(','));
      }
      out += '[';
    } else {
      work.push(new Raw('}'));
      const entries = [...v];
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, x] = entries[i] as [string, PyJson];
        work.push(x, new Raw(`${canonString(k)}:`));
        if (i > 0) work.push(new Raw(','));
      }
      out += '{';
    }
  }
  return out;
}

type Verdict = { ok: true; v: string } | { ok: false; kind: string };
/** The core's verdict on a caveat's bytes, decoded as `Token.restrictions` decodes them. */
function coreVerdict(bytes: Uint8Array): Verdict {
  const text = fromUtf8(bytes);
  if (text === undefined) return { ok: false, kind: 'utf8' };
  try {
    return { ok: true, v: canon(parsePyJson(text)) };
  } catch (e) {
    if (e instanceof PyJsonError) return { ok: false, kind: e.kind };
    throw e;
  }
}

// ---- the generated caveat texts ----
const pick = <T>(...xs: T[]) => fc.constantFrom(...xs);
const weighted = <T>(...xs: [number, fc.Arbitrary<T>][]) =>
  fc.oneof(...xs.map(([weight, arbitrary]) => ({ weight, arbitrary })));

/** JSON's four whitespace characters, and look-alikes that json.loads does not skip. */
const ws = weighted<string>(
  [12, fc.constant('')],
  [6, pick(' ', '  ', '\t', '\n', '\r', '\r\n', ' \n\t\r ')],
  [1, pick('\f', '\v', '\u00a0', '\u2028', '\u3000', '\ufeff', '\u0085', '\u200b')],
);
/** `n` digits, cheaply: a random 12-digit block repeated (fast-check drawing 4,000 characters one by one is slow). */
const digits = (n: number) =>
  fc.nat().map((x) =>
    String(x)
      .padStart(12, '7')
      .repeat(Math.ceil(n / 12))
      .slice(0, n),
  );
const number = weighted<string>(
  [4, fc.integer().map(String)],
  [2, fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String)],
  [2, fc.double().map(String)], // NaN, Infinity, 5e-324, 1.7976931348623157e+308, -0, 1e+21, ...
  [
    3,
    pick(
      ...['0', '-0', '1.0', '-0.0', '1e3', '1E3', '1e+3', '1e-3', '1.5e300', '1e400', '-1e400'],
      ...[
        '1e-400',
        '0.1',
        '1e16',
        '1e15',
        '123456789.125',
        '0.0001',
        '0.00001',
        '9007199254740993',
      ],
      ...['-9007199254740993', '9007199254740992', '01', '-01', '00', '1.', '.5', '+1', '1e'],
      ...['1e+', '1.e3', '-', '--1', '0x10', '1_000', '1.5.5', '1e3e3', '١٢'],
    ),
  ],
  [
    2,
    fc
      .tuple(pick('', '-'), pick(4299, 4300, 4301, 4302, 6000))
      .chain(([sign, n]) => digits(n - 1).map((d) => `${sign}${1 + (n % 9)}${d}`)),
  ],
  [
    1,
    fc
      .tuple(pick('', '-'), digits(4400), pick('.0', 'e0', '.5e-3'))
      .map((p) => `${p[0]}1${p[1]}${p[2]}`),
  ],
  [
    2,
    fc
      .tuple(fc.integer(), fc.nat(999999), fc.integer({ min: -400, max: 400 }), pick('e', 'E'))
      .map(([a, b, e, x]) => `${a}.${b}${x}${e}`),
  ],
);
const literal = pick(
  ...['null', 'true', 'false', 'NaN', 'Infinity', '-Infinity', 'nan', 'inf', '-NaN', 'True'],
  ...['None', 'nul', 'tru', 'Infinit', '-infinity', 'undefined', '+Infinity', 'NaNa'],
);
const hex4 = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16).padStart(4, '0'));
const hexCase = (h: string) =>
  fc.boolean().map((upper) => (upper ? h.toUpperCase() : h.toLowerCase()));
const high = fc.integer({ min: 0xd800, max: 0xdbff }).map((n) => n.toString(16));
const low = fc.integer({ min: 0xdc00, max: 0xdfff }).map((n) => n.toString(16));
const stringPiece = weighted<string>(
  [10, fc.string({ unit: 'grapheme-ascii', maxLength: 8 }).map((s) => s.replace(/["\\]/g, ''))],
  [3, fc.string({ unit: 'grapheme', maxLength: 4 })],
  [2, fc.string({ unit: 'binary', maxLength: 3 })], // lone surrogates: UTF-8 encoding makes them U+FFFD
  [4, pick('\\"', '\\\\', '\\/', '\\b', '\\f', '\\n', '\\r', '\\t')],
  [4, hex4.chain(hexCase).map((h) => `\\u${h}`)],
  [3, high.map((h) => `\\u${h}`)],
  [3, low.map((h) => `\\u${h}`)],
  [3, fc.tuple(high, low).map(([h, l]) => `\\u${h}\\u${l}`)],
  [
    2,
    fc
      .tuple(high, pick('\\n', '\\u0041', '\\uD800', 'x', '\\', '\\x', '\\u12', ''))
      .map((p) => `\\u${p[0]}${p[1]}`),
  ],
  [2, pick('\\x', '\\a', '\\U0041', "\\'", '\\0', '\\u12', '\\u12g4', '\\u', '\\ ', '\\\n')],
  [2, fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c))],
  [1, pick('\u007f', '\u0080', '\u2028', '\ufeff', '\uffff', '\u{10ffff}', 'é', '中', '😀')],
);
const string = fc
  .tuple(
    fc.array(stringPiece, { maxLength: 6 }),
    weighted<string>([20, fc.constant('"')], [1, fc.constant('')]),
  )
  .map(([pieces, close]) => `"${pieces.join('')}${close}`);
const key = weighted<string>(
  [3, pick('"a"', '"b"')], // repeated keys: the last value wins, in the first key's place
  [
    3,
    pick(
      '"a"',
      '"b"',
      '"version"',
      '"permissions"',
      '"nbf"',
      '"exp"',
      '"project_ids"',
      '"\\u0061"',
    ),
  ],
  [2, string],
  [1, pick('a', "'a'", '1', 'null', '')],
);
const comma = weighted<string>([30, fc.constant(',')], [1, pick(',,', '', ';', ' ')]);
const colon = weighted<string>([30, fc.constant(':')], [1, pick('', '=', '::', ',')]);
const trailing = weighted<string>([12, fc.constant('')], [1, fc.constant(',')]);
const join = (items: string[], seps: string[]) =>
  items.map((x, i) => (i === 0 ? x : `${seps[i % seps.length] ?? ','}${x}`)).join('');
const { value } = fc.letrec<{ value: string; array: string; object: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 5 },
    { weight: 3, arbitrary: number },
    { weight: 2, arbitrary: literal },
    { weight: 3, arbitrary: string },
    { weight: 2, arbitrary: tie('array') },
    { weight: 2, arbitrary: tie('object') },
  ),
  array: fc
    .tuple(
      fc.array(fc.tuple(ws, tie('value'), ws), { maxLength: 5 }),
      fc.array(comma, { minLength: 1, maxLength: 3 }),
      trailing,
      ws,
    )
    .map(
      ([items, seps, t, w]) =>
        `[${w}${join(
          items.map((p) => p.join('')),
          seps,
        )}${items.length ? t : ''}]`,
    ),
  object: fc
    .tuple(
      fc.array(fc.tuple(ws, key, ws, colon, ws, tie('value'), ws), { maxLength: 4 }),
      fc.array(comma, { minLength: 1, maxLength: 3 }),
      trailing,
      ws,
    )
    .map(
      ([items, seps, t, w]) =>
        `{${w}${join(
          items.map((p) => p.join('')),
          seps,
        )}${items.length ? t : ''}}`,
    ),
}));

const uuid = fc.uuid().map((u) => u.toLowerCase());
const projectName = fc.stringMatching(/^[a-z0-9]([a-z0-9._-]{0,20}[a-z0-9])?$/);
const restriction: fc.Arbitrary<WritableRestriction> = fc.oneof(
  fc
    .tuple(fc.nat(2 ** 31), fc.nat(10 ** 7))
    .map(([nb, len]) => ({ kind: 'date' as const, notBefore: nb, notAfter: nb + len })),
  fc
    .array(projectName, { maxLength: 3 })
    .map((projectNames) => ({ kind: 'project-names' as const, projectNames })),
  fc
    .array(uuid, { maxLength: 3 })
    .map((projectIds) => ({ kind: 'project-ids' as const, projectIds })),
  uuid.map((userId) => ({ kind: 'user-id' as const, userId })),
  fc.constant({ kind: 'legacy-noop' as const }),
  fc
    .array(projectName, { maxLength: 3 })
    .map((projectNames) => ({ kind: 'legacy-project-names' as const, projectNames })),
  fc
    .tuple(fc.nat(2 ** 31), fc.nat(10 ** 7))
    .map(([nb, len]) => ({ kind: 'legacy-date' as const, notBefore: nb, notAfter: nb + len })),
);
/** Caveats as PyPI and pypitoken write them, then with PyPI's other tags, other spacing and extra elements. */
const realistic = weighted<string>(
  [3, fc.tuple(restriction, fc.boolean()).map(([r, compact]) => caveatText(r, compact))],
  [
    3,
    fc
      .tuple(
        pick('0', '1', '2', '3', '4', '5', '9', '1.0', 'true', '"1"', '-0', '0.0', '4.0'),
        fc.array(fc.tuple(ws, weighted<string>([3, value], [1, fc.constant('["foo"]')]), ws), {
          maxLength: 4,
        }),
        ws,
        ws,
      )
      .map(
        ([tag, fields, w1, w2]) =>
          `${w1}[${tag}${fields.map((f) => `,${f.join('')}`).join('')}]${w2}`,
      ),
  ],
  [
    2,
    fc
      .tuple(
        pick('[4,"x"', '[4, "x"', '[4,"pub-id"'),
        pick(',5', ',[]', ',true', ',null', ',{}', ',{"sub":"a"}', ',"y"', ',1.0', ''),
        pick('', ',5', ',[1]'),
      )
      .map((p) => `${p.join('')}]`),
  ],
);
/** Well-formed objects whose keys repeat: Python keeps the first key's place and the last value. */
const repeatedKeys = fc
  .array(
    fc.tuple(
      pick('"a"', '"b"', '"c"', '"nbf"', '"exp"', '"version"'),
      ws,
      weighted<string>([3, number], [1, literal], [1, string]),
    ),
    {
      minLength: 2,
      maxLength: 7,
    },
  )
  .map((pairs) => `{${pairs.map(([k, w, v]) => `${k}:${w}${v}`).join(',')}}`);
/** Arrays and objects nested around CPython 3.11's depth (~990), past 3.14's, and at and past the core's limit. */
const deep = fc
  .tuple(
    pick(
      1,
      2,
      255,
      256,
      257,
      500,
      992,
      993,
      994,
      995,
      1000,
      2000,
      MAX_JSON_DEPTH - 1,
      MAX_JSON_DEPTH,
      MAX_JSON_DEPTH + 1,
      MAX_JSON_DEPTH + 50,
    ),
    pick('array', 'object', 'mixed', 'unbalanced'),
    weighted<string>([2, fc.constant('')], [1, number], [1, string]),
    fc.boolean(),
  )
  .map(([depth, shape, inner, wrapped]) => {
    let open = '';
    let close = '';
    for (let i = 0; i < depth; i++) {
      const obj = shape === 'object' || (shape === 'mixed' && i % 3 === 1);
      open += obj ? '{"k":' : '[';
      close = (obj ? '}' : ']') + close;
    }
    // An object needs a value: `{"k":}` is refused, so give the innermost one something.
    const body = `${open}${inner || (open.endsWith(':') ? '0' : '')}${shape === 'unbalanced' ? close.slice(1) : close}`;
    return wrapped ? `[1,["foo"],${body}]` : body;
  });
const text = weighted<string>(
  [6, fc.tuple(ws, value, ws).map((p) => p.join(''))],
  [4, realistic],
  [1, deep],
  [1, repeatedKeys],
  [1, fc.tuple(value, ws, value).map((p) => p.join(''))], // extra data
);
const BOM = [0xef, 0xbb, 0xbf];
/** Byte-level damage: a byte-order mark where json.loads sees it, bytes that are not UTF-8, a cut. */
const mutation = weighted<(b: number[], r: number) => number[]>(
  [20, fc.constant((b) => b)],
  [3, fc.constant((b) => [...BOM, ...b])],
  [1, fc.constant((b) => [0x20, ...BOM, ...b])],
  [1, fc.constant((b) => [...b, ...BOM])],
  [1, fc.constant((b) => [...BOM, ...BOM, ...b])],
  [1, fc.constant((b, r) => b.slice(0, r % (b.length + 1)))],
  [
    1,
    pick(
      [0xff],
      [0x80],
      [0xc0, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xe2, 0x82],
    ).map((bad) => (b: number[], r: number) => {
      const at = r % (b.length + 1);
      return [...b.slice(0, at), ...bad, ...b.slice(at)];
    }),
  ],
);
const caseArb = fc
  .tuple(text, mutation, fc.nat())
  .map(([t, m, r]) => Uint8Array.from(m([...utf8(t)], r)));

/** How many arrays and objects are open at the deepest point (strings skipped): what limits a parser. */
function nesting(t: string): number {
  let depth = 0;
  let most = 0;
  let inString = false;
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') most = Math.max(most, ++depth);
    else if (c === ']' || c === '}') depth--;
  }
  return most;
}

describe('JSON reader against CPython json.loads', () => {
  if (!available && required) {
    it('needs python3 when REQUIRE_E2E=1', () => {
      expect.fail('python3 is required (REQUIRE_E2E=1) for the JSON differential but is missing');
    });
  }

  it.skipIf(!available)(
    `${N} generated caveat texts: same accept/refuse and same values, but for nesting past the core's limit`,
    () => {
      const cases = fc.sample(caseArb, { numRuns: N, seed: SEED });
      const input = cases.map((b) => `b${Buffer.from(b).toString('base64')}`).join('\n');
      const [header, ...lines] = execFileSync(PYTHON, [SCRIPT], {
        input,
        encoding: 'utf8',
        maxBuffer: 512 * 1024 * 1024,
      })
        .trim()
        .split('\n');
      const python = JSON.parse(header as string) as {
        python: string;
        int_max_str_digits: number;
        default_depth: number;
      };
      expect(python.int_max_str_digits).toBe(4300);
      expect(lines).toHaveLength(N);

      const counts = new Map<string, number>();
      const count = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
      const disagreements: { text: string; python: Verdict; core: Verdict }[] = [];
      let beyondCore = 0;
      let beyond311 = 0;
      cases.forEach((bytes, i) => {
        const py = JSON.parse(lines[i] as string) as Verdict;
        const core = coreVerdict(bytes);
        count(py.ok ? 'accepted' : `refused: ${py.kind}`);
        const depth = nesting(new TextDecoder().decode(bytes));
        if (depth > python.default_depth && py.ok) beyond311++;
        // Deliberate difference: past MAX_JSON_DEPTH the core stops reading and says PyPI *may* accept;
        // CPython, whose limit follows its stack (3.14's deeper than this 3.11's, lifted here), reads on.
        if (!core.ok && core.kind === 'depth' && depth > MAX_JSON_DEPTH) {
          beyondCore++;
          return;
        }
        if (JSON.stringify(core) !== JSON.stringify(py)) {
          const shown = new TextDecoder().decode(bytes);
          disagreements.push({
            text: shown.length > 200 ? `${shown.slice(0, 200)}…` : shown,
            python: py,
            core,
          });
        }
      });
      process.stderr.write(
        `JSON differential: ${N} texts, ${N - disagreements.length - beyondCore} agree with CPython ${python.python}, ` +
          `${beyondCore} nest past the core's ${MAX_JSON_DEPTH} levels (documented), ${disagreements.length} disagree; ` +
          `${beyond311} accepted deeper than json.loads reads with 3.11's default limit (${python.default_depth}); ` +
          `${[...counts].map(([k, n]) => `${k} ${n}`).join(', ')}\n`,
      );
      expect(disagreements.slice(0, 10)).toEqual([]);
      expect(disagreements).toHaveLength(0);
      // The generator reaches every case the issue names, as CPython read it.
      const accepted = lines
        .map((l) => JSON.parse(l) as Verdict)
        .flatMap((v) => (v.ok ? [v.v] : []));
      const texts = cases.map((b) => new TextDecoder().decode(b));
      const features: [string, number][] = [
        ['NaN', accepted.filter((v) => v.includes('fnan')).length],
        ['Infinity or -Infinity', accepted.filter((v) => /f-?inf/.test(v)).length],
        ['1.0 or 1e3 (floats)', accepted.filter((v) => /f1(000)?\.0\b/.test(v)).length],
        ['integers past 2^53', accepted.filter((v) => /i-?\d{17,}/.test(v)).length],
        ['negative integers', accepted.filter((v) => /i-\d/.test(v)).length],
        ['lone surrogates', accepted.filter((v) => /\\d[89a-f][0-9a-f]{2};/.test(v)).length],
        [
          'astral characters from \\u pairs',
          accepted.filter((v) => /\\1[0-9a-f]{4};/.test(v)).length,
        ],
        ['escaped control characters', accepted.filter((v) => /\\1?[0-9a-f];/.test(v)).length],
        [
          'raw control characters',
          texts.filter((t) => [...t].some((c) => c < ' ' && !'\t\n\r'.includes(c))).length,
        ],
        ['trailing commas', texts.filter((t) => /,\s*[\]}]/.test(t)).length],
        ['repeated keys', texts.filter((t) => /"(a|b|c)":.*"\1":/.test(t)).length],
        ['non-JSON whitespace', texts.filter((t) => /[\f\v\u00a0\u2028\u3000]/.test(t)).length],
      ];
      expect(features.filter(([, n]) => n < 20)).toEqual([]);
      for (const kind of [
        'accepted',
        'refused: bom',
        'refused: int-limit',
        'refused: syntax',
        'refused: utf8',
      ])
        expect(counts.get(kind) ?? 0, kind).toBeGreaterThan(50);
      expect(beyondCore).toBeGreaterThan(10);
      expect(beyond311).toBeGreaterThan(10);
      expect(python.default_depth).toBeGreaterThan(900);
      expect(python.default_depth).toBeLessThan(MAX_JSON_DEPTH);
    },
    60_000,
  );
});
