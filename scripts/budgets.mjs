// Size and speed budgets, enforced by `npm test`: prints every figure, exits 1 on any regression.
// Run after a build (`npm run build`); it zips the store packages itself.
// The popup's time to interactive comes only from this run: `npm test` names a fresh file and a run id
// (PTR_METRICS_FILE, PTR_RUN_ID) that the Chromium suite writes into; a file that is missing or carries
// another id fails. Run alone, this script runs the time-to-interactive test itself (it rebuilds).
// `--no-tti` leaves that figure out: `npm test` passes it when the Chromium suite skipped itself.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Bytes allowed: gzip size of each shipped script (chrome-mv3 build), and the Chrome store zip as is.
 * Raised with the view's second edition (project picker, paste extraction, eight copy formats, draft,
 * undo): 24.7 -> 31.4 KB popup. Background 13.5 -> 16.0 KB: paste extraction for the menu, a JSON
 * reader exact to CPython's, whole-message guards, clipboard clears that survive a restart. Content
 * script lowered 15.5 -> 9.5 KB once it stopped carrying HMAC and the caveat parser (src/core/read.ts).
 * The narrowing panel (issue 10): what runs in PyPI's pages is measured per page. The form page runs
 * the content script alone (8 KB, the issue's ceiling; 5.7 KB once it dropped webextension-polyfill);
 * the result page runs it plus the panel the background injects there (core with HMAC, Preact, the
 * view's reducer, picker, result bar and stylesheet: 27 KB), 36 KB in all. Zip 66 -> 90 KB (88 KB measured).
 * Issue 13: the fixed .pypirc (each section names its upload URL, +0.1 KB), the token-per-project
 * .pypirc (+0.4 KB), private windows (the view marks its draft and labels a private token, +0.2 KB),
 * no piece of a held token in a field (+0.3 KB) and the auto-clear note: popup 32.9 -> 34.1 KB,
 * budget 33 -> 34.5 KB; background 16.4 -> 17.3 KB (the private-window sweep, the panel's binding, the
 * piece check in `restrict`), budget 17 -> 17.5 KB; Chrome zip 88 -> 91 KB, budget 90 -> 92 KB.
 * Issue 14: the background reads tokens without `Token` (the menu's search works on texts, capture
 * and Undo read with `readToken`), so it carries no HMAC and no caveat parser: 18.3 -> 10.3 KB,
 * budget 17.5 -> 11 KB; the zip follows, 94 -> 86 KB, budget 92 -> 88 KB. The popup grew 34.5 -> 35.5 KB:
 * the core keeps no token bytes after a call (a zeroed scratch, +0.5 KB) and the view is in small
 * pieces with tokens parsed once (+0.5 KB); budget 34.5 -> 36 KB.
 * Issue 15: every word moved into the catalogue (_locales/en/messages.json, shipped without its
 * translators' notes: 22.4 KB, 7 KB deflated; 117 of its 276 messages are the core's, whose English
 * stays in the core for library users), leaving the view's scripts but adding the core's messages as
 * data (a code and params on every error, finding and reason: +1.5 KB) and core-text (+0.5 KB): popup
 * 35.6 -> 36.3 KB, budget 36 -> 37 KB; result page 35.4 -> 37.2 KB, budget 36 -> 38 KB; zip 87.0 ->
 * 95.9 KB with the store's 64 px icon, budget 88 -> 97 KB (the same margin of about 1 KB as the others).
 */
const SIZE_BUDGETS = {
  'popup (all its chunks)': 37_000,
  background: 11_000,
  'PyPI form page (content)': 8_000,
  'PyPI result page (+ panel)': 38_000,
  'chrome zip': 97_000,
};
/** restrict+dump on a loaded token, over the two HMAC-SHA256 it must compute, same run. */
const DERIVE_BUDGET = 1.5;
/**
 * The popup's median time to interactive over a blank extension page's, both opened the same way in
 * the same browser and run, interleaved: load on a shared machine slows both alike, where an absolute
 * 150 ms gate read 145 ms on a busy machine. Measured 1.15-1.31x over 15 opens each (1.10-1.43x over 9), three engineers sharing 2 cores.
 */
const POPUP_TTI_RATIO_BUDGET = 1.6;

/** Standalone: the Chromium suite's time-to-interactive test alone, into a file of this run's own. */
function measureTti() {
  console.log('     measuring popup time to interactive: the Chromium suite, that test alone');
  const dir = mkdtempSync(join(tmpdir(), 'ptr-budgets-'));
  const env = { PTR_METRICS_FILE: join(dir, 'metrics.json'), PTR_RUN_ID: randomUUID() };
  const json = join(dir, 'report.json');
  const run = spawnSync(
    'node',
    [
      'scripts/run-e2e.mjs',
      `--json=${json}`,
      'tests/e2e/popup.e2e.test.ts',
      '-t',
      'time to interactive',
    ],
    { encoding: 'utf8', env: { ...process.env, ...env } },
  );
  const skipped = existsSync(json) && JSON.parse(readFileSync(json, 'utf8')).stageSkipped;
  const metrics = skipped
    ? undefined
    : existsSync(env.PTR_METRICS_FILE) && readFileSync(env.PTR_METRICS_FILE, 'utf8');
  // The suite's own output only when it measured nothing: that is where the reason is.
  if (!skipped && !metrics) console.log(run.stdout, run.stderr);
  rmSync(dir, { recursive: true, force: true });
  return { env, skipped, metrics };
}

const out = '.output/chrome-mv3';
const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const popupChunks =
  readFileSync(join(out, 'popup.html'), 'utf8')
    .match(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)
    ?.map((m) => m.replace(/^(?:src|href)="\/?/, '').replace(/"$/, '')) ?? [];

execFileSync('npx', ['wxt', 'zip'], { stdio: 'ignore' });
execFileSync('npx', ['wxt', 'zip', '-b', 'firefox'], { stdio: 'ignore' });
const zipPath = (kind) => readdirSync('.output').find((f) => f.endsWith(`-${kind}.zip`));
const zip = zipPath('chrome');

/** The file names in a zip, from its central directory. */
function zipEntries(file) {
  const b = readFileSync(file);
  const end = b.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const names = [];
  for (let p = b.readUInt32LE(end + 16); b.readUInt32LE(p) === 0x02014b50; ) {
    const [n, x, c] = [b.readUInt16LE(p + 28), b.readUInt16LE(p + 30), b.readUInt16LE(p + 32)];
    names.push(b.toString('utf8', p + 46, p + 46 + n));
    p += 46 + n + x + c;
  }
  return names;
}

const figures = [
  ['popup (all its chunks)', popupChunks.reduce((n, f) => n + gz(join(out, f)), 0)],
  ['background', gz(join(out, 'background.js'))],
  ['PyPI form page (content)', gz(join(out, 'content-scripts/content.js'))],
  [
    'PyPI result page (+ panel)',
    gz(join(out, 'content-scripts/content.js')) + gz(join(out, 'panel.js')),
  ],
  ['chrome zip', zip ? readFileSync(join('.output', zip)).length : Number.POSITIVE_INFINITY],
];
let failed = 0;
// Nothing that does not belong in what is shipped or handed to a store reviewer.
const STRAY = /(^|\/)(tests|docs|scripts|\.ci|node_modules)\/|\.(pem|key|log)$|\.test\.|artifacts/;
for (const kind of ['chrome', 'firefox', 'sources']) {
  const name = zipPath(kind);
  const stray = name
    ? zipEntries(join('.output', name)).filter((e) => STRAY.test(e))
    : ['(missing zip)'];
  if (stray.length > 0) failed++;
  console.log(
    `${stray.length ? 'BAD ' : 'ok  '} ${kind} zip contents${stray.length ? `: ${stray.join(', ')}` : ''}`,
  );
}
const line = (name, value, budget, unit) => {
  const ok = value <= budget;
  if (!ok) failed++;
  console.log(
    `${ok ? 'ok  ' : 'OVER'} ${name.padEnd(28)} ${String(value).padStart(8)} ${unit} (budget ${budget})`,
  );
};
for (const [name, bytes] of figures)
  line(name, bytes, SIZE_BUDGETS[name], name.endsWith('zip') ? 'B' : 'B gzip');

// Timing noise only ever adds time, so the least of up to three runs is the truest figure.
const ratios = [];
for (let run = 0; run < 3 && !(Math.min(...ratios) <= DERIVE_BUDGET); run++) {
  const bench = spawnSync('npm', ['run', '--silent', 'bench'], { encoding: 'utf8' });
  ratios.push(Number(bench.stdout.match(/interleaved median\): ([\d.]+)x/)?.[1]));
}
const ratio = Math.min(...ratios);
if (ratios.length > 1) console.log(`     derive / 2x HMAC runs: ${ratios.join(', ')}`);
line('derive / 2x HMAC', Number(ratio.toFixed(2)), DERIVE_BUDGET, 'x');

const fromNpmTest = process.env.PTR_METRICS_FILE !== undefined;
if (process.argv.includes('--no-tti')) {
  console.log('SKIP popup time to interactive: the Chromium suite did not run');
} else {
  const { env, skipped, metrics } = fromNpmTest
    ? {
        env: process.env,
        skipped: false,
        metrics:
          existsSync(process.env.PTR_METRICS_FILE) &&
          readFileSync(process.env.PTR_METRICS_FILE, 'utf8'),
      }
    : measureTti();
  const m = metrics ? JSON.parse(metrics) : undefined;
  if (skipped) {
    console.log(`SKIP popup time to interactive: ${skipped}`);
  } else if (!m) {
    failed++;
    console.log('BAD  popup time to interactive: the Chromium suite wrote no figure in this run');
  } else if (!env.PTR_RUN_ID || m.runId !== env.PTR_RUN_ID) {
    failed++;
    console.log(
      `BAD  popup time to interactive: the metrics file is from run ${m.runId}, not this run (${env.PTR_RUN_ID})`,
    );
  } else if (!(m.popupTtiRatio > 0 && Number.isFinite(m.popupTtiRatio))) {
    failed++;
    console.log(`BAD  popup time to interactive: no ratio in the metrics (${metrics})`);
  } else {
    console.log(
      `     popup ${m.popupTtiMedianMs} ms, blank extension page ${m.blankMedianMs} ms (medians of ${m.opens} opens each)`,
    );
    line('popup TTI / blank page', m.popupTtiRatio, POPUP_TTI_RATIO_BUDGET, 'x');
  }
}
process.exit(failed > 0 ? 1 : 0);
