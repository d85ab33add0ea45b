// `npm test`: typecheck, lint, unit tests, the real-browser suites, the rebuild from the sources zip,
// size and speed budgets, then one closing line: `tests: N passed, N failed, N skipped`, naming
// whatever was skipped.
// Every stage runs even when an earlier one fails, so one run shows every problem; the exit code is
// non-zero if any stage failed, if a test suite ran no test at all, or, under REQUIRE_E2E=1, if
// anything was skipped (CI installs every browser and reference, so a skip there hides a failure).
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const required = process.env.REQUIRE_E2E === '1';
const dir = mkdtempSync(join(tmpdir(), 'ptr-test-'));
const report = (name) => join(dir, `${name}.json`);
// The Chromium suite writes the popup's timing into this fresh file, stamped with this id; the budgets
// stage reads only this file and refuses it unless the id matches, so no earlier run can stand in.
const env = {
  ...process.env,
  PTR_METRICS_FILE: join(dir, 'metrics.json'),
  PTR_RUN_ID: randomUUID(),
};

/** [name, command, args, writes a vitest report]; budgets' args depend on whether e2e ran. */
const stages = [
  ['typecheck', 'npx', ['tsc', '--noEmit']],
  ['lint', 'npx', ['biome', 'check', '.']],
  [
    'unit',
    'npx',
    [
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report('unit')}`,
    ],
    true,
  ],
  ['e2e', 'node', ['scripts/run-e2e.mjs', `--json=${report('e2e')}`], true],
  ['firefox', 'node', ['scripts/run-e2e.mjs', '--firefox', `--json=${report('firefox')}`], true],
  // twine, flit and poetry upload with every copy format they read, to a fake Warehouse, offline.
  ['uploaders', 'node', ['scripts/run-uploaders.mjs', `--json=${report('uploaders')}`], true],
  // Mozilla's linter on the Firefox build: errors fail; its one warning is explained in the README.
  ['web-ext lint', 'npm', ['run', '--silent', 'lint:firefox']],
  // What AMO's reviewers get: the sources zip's contents (no tests, no token), and the Firefox package
  // rebuilt from it in a scratch folder (`npm ci`, the build: about a minute), byte for byte.
  [
    'release',
    'npx',
    [
      'vitest',
      'run',
      '--config',
      'tests/release/vitest.config.ts',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report('release')}`,
    ],
    true,
  ],
  // Last: it needs the Chrome build and reads the popup timing the Chromium suite measured.
  ['budgets', 'node', ['scripts/budgets.mjs']],
];

const count = { passed: 0, failed: 0, skipped: 0 };
const failedStages = [];
/** What did not run, for the closing line: tests by their describe block, and whole stages. */
const skippedTests = [];
const skippedStages = [];
const skippedDetail = [];

/**
 * Adds one suite's vitest JSON report to the totals; a file that failed outside its tests counts.
 * Returns how many tests actually ran (passed or failed).
 */
function tally(name, r) {
  let ran = 0;
  /** Skipped tests by file and top describe block (or their own title): [file, block] -> count. */
  const skippedBlocks = new Map();
  for (const file of r.testResults) {
    const tests = file.assertionResults;
    // A throwing beforeAll or import leaves the file failed and its tests "skipped": they failed.
    const brokenFile = file.status === 'failed' && !tests.some((t) => t.status === 'failed');
    if (brokenFile && tests.every((t) => t.status === 'passed' || t.status === 'todo')) {
      count.failed++;
    }
    for (const t of tests) {
      if (t.status === 'passed' || t.status === 'failed') ran++;
      if (t.status === 'passed') count.passed++;
      else if (t.status === 'failed' || (brokenFile && t.status !== 'todo')) count.failed++;
      else {
        count.skipped++;
        const block = `${t.ancestorTitles[0] ?? t.title}${t.status === 'todo' ? ' (todo)' : ''}`;
        const key = JSON.stringify([relative(process.cwd(), file.name), block]);
        skippedBlocks.set(key, (skippedBlocks.get(key) ?? 0) + 1);
      }
    }
  }
  for (const [key, n] of skippedBlocks) {
    const [file, block] = JSON.parse(key);
    skippedDetail.push(`${name}: ${n} test${n > 1 ? 's' : ''} in ${file} › ${block}`);
    skippedTests.push(`${block} ×${n}`);
  }
  return ran;
}

let chromiumSkipped = false;
for (const [name, cmd, baseArgs, writesReport] of stages) {
  const args = name === 'budgets' && chromiumSkipped ? [...baseArgs, '--no-tti'] : baseArgs;
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const { status } = spawnSync(cmd, args, { stdio: 'inherit', env });
  let why = '';
  if (name === 'budgets' && chromiumSkipped) {
    skippedDetail.push('budgets: popup time to interactive (the Chromium suite skipped itself)');
    skippedStages.push('budgets (popup time to interactive)');
  }
  if (writesReport) {
    const r = existsSync(report(name)) ? JSON.parse(readFileSync(report(name), 'utf8')) : undefined;
    if (r?.stageSkipped) {
      if (name === 'e2e') chromiumSkipped = true;
      skippedDetail.push(`${name}: ${r.stageSkipped}`);
      skippedStages.push(name);
    } else if (!r) why = ' (wrote no test report)';
    else if (tally(name, r) === 0) why = ' (ran no test)';
  }
  if (status !== 0 || why) failedStages.push(`${name}${why}`);
}
rmSync(dir, { recursive: true, force: true });

if (required && skippedTests.length + skippedStages.length > 0)
  failedStages.push('skips, under REQUIRE_E2E=1');
if (skippedDetail.length > 0)
  console.log(`\n${skippedDetail.map((l) => `SKIPPED ${l}`).join('\n')}`);
if (failedStages.length > 0) console.log(`\nFAILED stages: ${failedStages.join(', ')}`);
const which = skippedTests.length > 0 ? ` (${skippedTests.join(', ')})` : '';
const stagesSkipped =
  skippedStages.length > 0 ? `; stages skipped: ${skippedStages.join(', ')}` : '';
console.log(
  `\ntests: ${count.passed} passed, ${count.failed} failed, ${count.skipped} skipped${which}${stagesSkipped}`,
);
process.exit(failedStages.length > 0 ? 1 : 0);
