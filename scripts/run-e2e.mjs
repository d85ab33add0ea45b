// The real-browser suite: builds the extension, then runs tests/e2e in Debian's Chromium.
// Without a Chromium it skips LOUDLY, and fails when REQUIRE_E2E=1 (CI installs one).
// `--json=<path>` writes vitest's JSON report there (scripts/test.mjs counts it).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  const required = process.env.REQUIRE_E2E === '1';
  console.error(
    `\n${'*'.repeat(72)}\n*** ${required ? 'FAILED' : 'SKIPPED'}: the real-browser suite needs Chromium at ${chromium}`,
  );
  console.error(
    `*** (apt-get install -y chromium, or set CHROMIUM_PATH)${required ? ' and REQUIRE_E2E=1 is set' : ''}\n${'*'.repeat(72)}\n`,
  );
  process.exit(required ? 1 : 0);
}
const run = (cmd, args, env = {}) =>
  spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
if (run('npx', ['wxt', 'build']) !== 0) process.exit(1);
const json = process.argv.find((a) => a.startsWith('--json='))?.slice('--json='.length);
const reporters = json
  ? ['--reporter=default', '--reporter=json', `--outputFile.json=${json}`]
  : [];
// Service-worker network events let the suite see any request the extension's worker makes.
process.exit(
  run('npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts', ...reporters], {
    PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS: '1',
  }),
);
