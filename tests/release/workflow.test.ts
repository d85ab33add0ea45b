// The release workflow (.github/workflows/release.yml) cannot run here, so its facts are checked on its
// parsed YAML: it runs on a pushed tag vX.Y.Z, checks the tag, tests as CI does with Node 20, builds
// the three zips, keeps them, and submits them with `wxt submit`, the secrets reaching that one step
// and never a command line. And scripts/release-tag.mjs, its first check, on fixtures of its own.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = new URL('../..', import.meta.url).pathname;
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const pkg = JSON.parse(read('package.json'));

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  needs?: string | string[];
  container?: { image?: string; options?: string };
  env?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, { tags?: string[]; branches?: string[] } | null>;
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  jobs: Record<string, Job>;
}

const TEXT = read('.github/workflows/release.yml');
const workflow = parse(TEXT) as Workflow;
const jobs = Object.entries(workflow.jobs);
const steps = jobs.flatMap(([, job]) => job.steps);

/** The job holding the step `is` picks, that step's index in it, and the step. */
function find(is: (s: Step) => boolean): { job: string; index: number; step: Step } {
  for (const [name, job] of jobs) {
    const index = job.steps.findIndex(is);
    if (index >= 0) return { job: name, index, step: job.steps[index] as Step };
  }
  throw new Error('no such step in release.yml');
}
const runs = (command: RegExp) => (s: Step) => command.test(s.run ?? '');
const uses = (action: string) => (s: Step) => s.uses?.split('@')[0] === action;
/** `${{ env.NAME }}` read from the workflow's env, as Actions does. */
const resolve = (value: unknown) =>
  String(value).replace(/\$\{\{\s*env\.(\w+)\s*\}\}/g, (_, name) => workflow.env?.[name] ?? '');

/** Every store secret `wxt submit` needs, as publish-browser-extension reads it from the environment. */
const SECRETS = [
  'CHROME_EXTENSION_ID',
  'CHROME_PUBLISHER_ID',
  'CHROME_SERVICE_ACCOUNT_CLIENT_EMAIL',
  'CHROME_SERVICE_ACCOUNT_PRIVATE_KEY',
  'FIREFOX_EXTENSION_ID',
  'FIREFOX_JWT_ISSUER',
  'FIREFOX_JWT_SECRET',
];

describe('the release workflow', () => {
  it('runs on a pushed tag v*, and by hand, with read-only access to the repository', () => {
    expect(workflow.on.push).toEqual({ tags: ['v*'] });
    expect(Object.keys(workflow.on).sort()).toEqual(['push', 'workflow_dispatch']);
    expect(workflow.permissions).toEqual({ contents: 'read' });
  });

  it("uses Node 20 and the npm of the README's build steps for reviewers, in every job", () => {
    const setups = steps.filter(uses('actions/setup-node'));
    expect(setups.length).toBe(jobs.length);
    for (const s of setups) expect(resolve(s.with?.['node-version'])).toMatch(/^20\.\d+\.\d+$/);
    const readme = read('README.md').split(/^### Building from the sources zip/m)[1] ?? '';
    expect(readme).toContain(
      `Node ${workflow.env?.NODE_VERSION} and npm ${workflow.env?.NPM_VERSION}`,
    );
    expect(steps.filter(runs(/npm install -g .*"npm@\$NPM_VERSION"/)).length).toBe(jobs.length);
  });

  it('checks the tag on a push, then tests as CI does: every suite, none skipped', () => {
    const tag = find(runs(/^node scripts\/release-tag\.mjs "\$GITHUB_REF_NAME"$/m));
    expect(tag.step.if).toBe("github.event_name == 'push'");
    const test = find(runs(/^bash \.ci\/run$/m));
    expect(test.job).toBe(tag.job);
    expect(test.index).toBeGreaterThan(tag.index);
    const ci = read('.ci/run');
    expect(ci).toMatch(/^export REQUIRE_E2E=1$/m);
    expect(ci).toMatch(/^npm test$/m);
    // The uploader suite makes namespaces as root: a privileged Debian container, as root.
    const job = workflow.jobs[test.job];
    expect(job?.container?.image).toMatch(/^debian:/);
    expect(job?.container?.options).toContain('--privileged');
  });

  it('builds the three zips after the tests and keeps them as an artifact', () => {
    const test = find(runs(/^bash \.ci\/run$/m));
    const zip = find(runs(/^npm run zip$/m));
    expect(zip.job).toBe(test.job);
    expect(zip.index).toBeGreaterThan(test.index);
    expect(pkg.scripts.zip).toBe('wxt zip && wxt zip -b firefox');
    const upload = find(uses('actions/upload-artifact'));
    expect(upload.index).toBeGreaterThan(zip.index);
    const paths = String(upload.step.with?.path).trim().split('\n');
    expect(paths).toEqual([
      '.output/*-chrome.zip',
      '.output/*-firefox.zip',
      '.output/*-sources.zip',
    ]);
    expect(upload.step.with?.['if-no-files-found']).toBe('error');
  });

  it('submits those zips with `wxt submit` after the build, for real only on a tag', () => {
    const submit = find(runs(/npx wxt submit/));
    const job = workflow.jobs[submit.job] as Job;
    expect([job.needs].flat()).toContain(find(runs(/^npm run zip$/m)).job);
    const download = find(uses('actions/download-artifact'));
    expect(download.job).toBe(submit.job);
    expect(download.index).toBeLessThan(submit.index);
    expect(download.step.with).toEqual({ name: 'store-packages', path: '.output' });
    for (const flag of ['--chrome-zip', '--firefox-zip', '--firefox-sources-zip'])
      expect(submit.step.run).toContain(flag);
    expect(submit.step.run).not.toContain('--dry-run');
    expect(submit.step.env?.DRY_RUN).toBe(`\${{ github.event_name != 'push' }}`);
    expect(submit.step.env?.CHROME_API_VERSION).toBe('v2');
  });

  it('hands each store secret to the submit step alone, as the variable the tool reads', () => {
    const submit = find(runs(/npx wxt submit/)).step;
    for (const name of SECRETS) expect(submit.env?.[name]).toBe(`\${{ secrets.${name} }}`);
    // The publish-browser-extension that this wxt runs (`wxt submit`), as installed.
    const fromWxt = createRequire(join(ROOT, 'node_modules/wxt/package.json'));
    const entry = fromWxt.resolve('publish-browser-extension');
    const source = [readFileSync(entry, 'utf8'), ...chunksOf(entry)].join('\n');
    for (const name of [...SECRETS, 'CHROME_API_VERSION', 'DRY_RUN'])
      expect(source, `publish-browser-extension reads ${name}`).toContain(`process.env.${name}`);
    // Every `secrets.` in the file is one of those env entries: none in a command, another step or job.
    expect(TEXT.match(/secrets\./g)?.length).toBe(SECRETS.length);
  });

  it('prints no secret: no command names one, expands one, or traces itself', () => {
    for (const s of steps) {
      const run = s.run ?? '';
      expect(run).not.toMatch(/\$\{\{/);
      for (const name of SECRETS) expect(run).not.toContain(name);
      expect(run).not.toMatch(/\bset -[a-z]*x|\bbash -[a-z]*x|\benv\b\s*$|\bprintenv\b/m);
    }
    for (const scope of [workflow.env, ...jobs.map(([, job]) => job.env)])
      expect(JSON.stringify(scope ?? {})).not.toContain('secrets');
  });
});

/** The texts of the files a bundled module imports (its chunks). */
function chunksOf(entry: string): string[] {
  return [...readFileSync(entry, 'utf8').matchAll(/from\s*"\.\/([^"]+)"/g)].map((m) =>
    readFileSync(join(dirname(entry), m[1] as string), 'utf8'),
  );
}

describe('scripts/release-tag.mjs', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  /** The script's verdict on `tag`, run in a folder of its own with this package.json and changelog. */
  function check(tag: string, version: string, changelog: string) {
    const dir = mkdtempSync(join(tmpdir(), 'ptr-tag-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'scripts'));
    copyFileSync(join(ROOT, 'scripts/release-tag.mjs'), join(dir, 'scripts/release-tag.mjs'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ version }));
    writeFileSync(join(dir, 'CHANGELOG.md'), changelog);
    const r = spawnSync('node', ['scripts/release-tag.mjs', tag], { cwd: dir, encoding: 'utf8' });
    return { ok: r.status === 0, said: r.stdout + r.stderr };
  }
  const entry = (v: string) => `# Changelog\n\n## [Unreleased]\n\n## [${v}] - 2026-12-01\n\n- x\n`;

  it("passes this repository's own version, which has its CHANGELOG.md entry", () => {
    const r = spawnSync('node', ['scripts/release-tag.mjs', `v${pkg.version}`], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('passes a tag equal to v + the version, with its entry', () => {
    expect(check('v1.2.3', '1.2.3', entry('1.2.3'))).toMatchObject({ ok: true });
  });

  it.each([
    ['another version', 'v1.2.4', '1.2.3', entry('1.2.3'), 'it must be "v1.2.3"'],
    ['no v', '1.2.3', '1.2.3', entry('1.2.3'), 'it must be "v1.2.3"'],
    ['no tag at all', '', '1.2.3', entry('1.2.3'), 'it must be "v1.2.3"'],
    ['a pre-release', 'v1.2.3-beta.1', '1.2.3-beta.1', entry('1.2.3-beta.1'), 'is not X.Y.Z'],
    ['a part over 65535', 'v1.65536.0', '1.65536.0', entry('1.65536.0'), 'is not X.Y.Z'],
    ['a leading zero', 'v1.02.3', '1.02.3', entry('1.02.3'), 'is not X.Y.Z'],
    ['no entry', 'v1.2.3', '1.2.3', entry('1.2.2'), 'no "## [1.2.3] - YYYY-MM-DD" entry'],
    ['an entry without a date', 'v1.2.3', '1.2.3', '## [1.2.3]\n', 'no "## [1.2.3]'],
    ['only Unreleased', 'v1.2.3', '1.2.3', '## [Unreleased]\n\n- 1.2.3\n', 'no "## [1.2.3]'],
    ['a near version', 'v1.2.3', '1.2.3', entry('1x2x3'), 'no "## [1.2.3]'],
  ])('refuses %s', (_, tag, version, changelog, why) => {
    const r = check(tag, version, changelog);
    expect(r.ok).toBe(false);
    expect(r.said).toContain(why);
  });
});
