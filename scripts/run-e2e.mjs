// The real-browser suites: builds the extension, then runs tests/e2e in Debian's Chromium, or with
// `--firefox` tests/e2e-firefox in Debian's Firefox ESR. Without the browser it skips LOUDLY, and
// fails when REQUIRE_E2E=1 (CI installs both). `--json=<path>` writes vitest's JSON report there.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const firefox = process.argv.includes('--firefox');
const suite = firefox
  ? {
      name: 'Firefox',
      path: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
      pkg: 'firefox-esr',
      build: ['wxt', 'build', '-b', 'firefox'],
      config: 'vitest.firefox.config.ts',
    }
  : {
      name: 'Chromium',
      path: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      pkg: 'chromium',
      build: ['wxt', 'build'],
      config: 'vitest.e2e.config.ts',
    };

if (!existsSync(suite.path)) {
  const required = process.env.REQUIRE_E2E === '1';
  const bar = '*'.repeat(72);
  console.error(
    `\n${bar}\n*** ${required ? 'FAILED' : 'SKIPPED'}: the ${suite.name} suite needs ${suite.path}`,
  );
  console.error(
    `*** (apt-get install -y ${suite.pkg})${required ? ' and REQUIRE_E2E=1 is set' : ''}\n${bar}\n`,
  );
  process.exit(required ? 1 : 0);
}
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit' }).status ?? 1;
if (run('npx', suite.build) !== 0) process.exit(1);
const json = process.argv.find((a) => a.startsWith('--json='))?.slice('--json='.length);
const reporters = json
  ? ['--reporter=default', '--reporter=json', `--outputFile.json=${json}`]
  : [];
// playwright-core reports a service worker's requests by default; the suite proves it with a probe.
process.exit(run('npx', ['vitest', 'run', '--config', suite.config, ...reporters]));
