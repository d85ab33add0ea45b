// The real-browser suites: builds the extension, then runs tests/e2e in Debian's Chromium, or with
// `--firefox` tests/e2e-firefox in Debian's Firefox ESR. Without the browser it skips LOUDLY, and
// fails when REQUIRE_E2E=1 (CI installs both). `--json=<path>` writes vitest's JSON report there, or
// on a skip `{ "stageSkipped": reason }`, so `npm test` names the skip instead of counting a pass.
// Any other argument goes to vitest: `npm run test:e2e -- tests/e2e/popup.e2e.test.ts -t interactive`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { skipStage } from './skip-stage.mjs';

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
      // The pseudo-locale build too: tests/e2e/locale.e2e.test.ts lays the view and the panel out in it.
      alsoBuild: ['wxt', 'build', '--mode', 'pseudo'],
      config: 'vitest.e2e.config.ts',
    };
const json = process.argv.find((a) => a.startsWith('--json='))?.slice('--json='.length);
const vitestArgs = process.argv
  .slice(2)
  .filter((a) => a !== '--firefox' && a !== '--' && !a.startsWith('--json='));

if (!existsSync(suite.path))
  skipStage(`the ${suite.name} suite needs ${suite.path} (apt-get install -y ${suite.pkg})`, json);
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit' }).status ?? 1;
if (run('npx', suite.build) !== 0) process.exit(1);
if (suite.alsoBuild && run('npx', suite.alsoBuild) !== 0) process.exit(1);
const reporters = json
  ? ['--reporter=default', '--reporter=json', `--outputFile.json=${json}`]
  : [];
// playwright-core reports a service worker's requests by default; the suite proves it with a probe.
process.exit(run('npx', ['vitest', 'run', '--config', suite.config, ...reporters, ...vitestArgs]));
