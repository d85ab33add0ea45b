// `npm test`: typecheck, lint, unit tests, the real-browser suites, size and speed budgets, then one
// closing line of totals.
// Every stage runs even when an earlier one fails, so one run shows every problem; the exit code is
// non-zero if any stage failed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'ptr-test-'));
const report = (name) => join(dir, `${name}.json`);
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
  ],
  ['e2e', 'node', ['scripts/run-e2e.mjs', `--json=${report('e2e')}`]],
  ['firefox', 'node', ['scripts/run-e2e.mjs', '--firefox', `--json=${report('firefox')}`]],
  // Mozilla's linter on the Firefox build: errors fail; its one warning is explained in the README.
  ['web-ext lint', 'npm', ['run', '--silent', 'lint:firefox']],
  // Last: it needs the Chrome build and reads the popup timing the Chromium suite measured.
  ['budgets', 'node', ['scripts/budgets.mjs']],
];

let passed = 0;
let failed = 0;
const failedStages = [];
for (const [name, cmd, args] of stages) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const { status } = spawnSync(cmd, args, { stdio: 'inherit' });
  if (status !== 0) failedStages.push(name);
  try {
    const r = JSON.parse(readFileSync(report(name), 'utf8'));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
  } catch {
    // typecheck and lint write no report; a suite that did not run is counted by its exit code.
  }
}
rmSync(dir, { recursive: true, force: true });
if (failedStages.length > 0) console.log(`\nFAILED stages: ${failedStages.join(', ')}`);
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failedStages.length > 0 ? 1 : 0);
