// The real-uploader suite (tests/uploaders): Debian's twine, flit and poetry upload with each copy
// format to a fake Warehouse inside network namespaces of their own. It needs the three tools,
// unshare and ip, openssl, and root; without them it skips LOUDLY, and fails when REQUIRE_E2E=1
// (CI installs them). `--json=<path>` writes vitest's JSON report there, or on a skip
// `{ "stageSkipped": reason }`. Any other argument goes to vitest: `npm run test:uploaders -- -t flit`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { skipStage } from './skip-stage.mjs';

const json = process.argv.find((a) => a.startsWith('--json='))?.slice('--json='.length);
const vitestArgs = process.argv.slice(2).filter((a) => a !== '--' && !a.startsWith('--json='));

const NEEDS = [
  ['/usr/bin/twine', 'twine'],
  ['/usr/bin/flit', 'flit'],
  ['/usr/bin/poetry', 'python3-poetry'],
  ['/usr/bin/unshare', 'util-linux'],
  ['/usr/sbin/ip', 'iproute2'],
  ['/usr/bin/openssl', 'openssl'],
];
const missing = NEEDS.filter(([path]) => !existsSync(path));
if (missing.length > 0) {
  const paths = missing.map(([path]) => path).join(', ');
  const packages = missing.map(([, pkg]) => pkg).join(' ');
  skipStage(`the uploader suite needs ${paths} (apt-get install -y ${packages})`, json);
}
if (process.getuid?.() !== 0)
  skipStage('the uploader suite needs root (unshare --net --mount)', json);
// Root in a container may still be refused new namespaces: try one before the suite relies on it.
const probe = spawnSync('unshare', ['--net', '--mount', '--pid', '--fork', 'true'], {
  timeout: 10_000,
});
if (probe.status !== 0)
  skipStage(
    'the uploader suite needs new namespaces, and `unshare --net --mount` failed here',
    json,
  );

const reporters = json
  ? ['--reporter=default', '--reporter=json', `--outputFile.json=${json}`]
  : [];
const run = spawnSync(
  'npx',
  ['vitest', 'run', '--config', 'vitest.uploaders.config.ts', ...reporters, ...vitestArgs],
  { stdio: 'inherit', timeout: 600_000 },
);
process.exit(run.status ?? 1);
