// The Firefox package and the sources zip as AMO's reviewers get them (RELEASING.md). Slow (an `npm ci`
// and three builds), so it is not a unit test: `npm run test:release`, the `release` stage of `npm test`.
// - The sources zip holds exactly the repository's files less what may be left out (tests and their
//   fixtures, screenshots, scripts, tool configs), nothing git ignores, no token in any file, and a
//   README that tells a reviewer how to build.
// - Unpacked in a scratch folder, `npm ci` and `npm run build:firefox` (the README's two commands) give
//   every file of the Firefox package byte for byte, and `wxt zip -b firefox` there remakes both zips.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractTokens, redact } from '@/src/core';
import { readZip } from './zip';

const ROOT = new URL('../..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const FIREFOX_ZIP = `.output/${pkg.name}-${pkg.version}-firefox.zip`;
const SOURCES_ZIP = `.output/${pkg.name}-${pkg.version}-sources.zip`;

/**
 * What the sources zip may leave out of the repository's files, and why. Everything else is the
 * source a reviewer needs (a file added anywhere, such as `public/_locales/`, is expected in the zip).
 */
const LEFT_OUT: [why: string, (path: string) => boolean][] = [
  ['tests and their fixtures (they hold tokens)', (p) => p.startsWith('tests/')],
  ['screenshots', (p) => p.startsWith('docs/')],
  ['the store listing kit: texts and images for the dashboards', (p) => p.startsWith('store/')],
  ['scripts: tests, benchmarks, icons, the release check', (p) => p.startsWith('scripts/')],
  ['dotfiles: .ci, .github, .gitignore (WXT zips none)', (p) => p.split('/').some(isDot)],
  ['test configs', (p) => /^vitest[^/]*\.config\.ts$/.test(p)],
  ["the linter's config", (p) => p === 'biome.json'],
  // WXT's own exclusions, wherever a file is.
  ['test files', (p) => /(^|\/)__tests__\//.test(p) || /\.(test|spec)\.[cm]?[jt]sx?$/.test(p)],
  ["web-ext's config", (p) => posix.basename(p) === 'web-ext.config.ts'],
  // WXT leaves out an entrypoint the Firefox build skips (its file, not the modules it imports).
  ['entrypoints only Chrome builds', (p) => p.startsWith('entrypoints/') && notForFirefox(p)],
];

/** Whether the entrypoint file at `path` keeps Firefox out: `include` without it, or `exclude` with it. */
function notForFirefox(path: string): boolean {
  const text = readFileSync(join(ROOT, path), 'utf8');
  const list = (key: string) =>
    text.match(new RegExp(`manifest\\.${key}"\\s+content="([^"]*)"`))?.[1] ??
    text.match(new RegExp(`\\b${key}:\\s*\\[([^\\]]*)\\]`))?.[1];
  const include = list('include');
  return (
    (include !== undefined && !include.includes('firefox')) ||
    !!list('exclude')?.includes('firefox')
  );
}
const isDot = (segment: string) => segment.startsWith('.');

/** What must never be in the sources zip, whatever the list above says. */
const NEVER: [what: string, (path: string) => boolean][] = [
  ['tests', (p) => p.startsWith('tests/')],
  ['installed packages', (p) => p.split('/').includes('node_modules')],
  ['build output', (p) => p.startsWith('.output/') || p.startsWith('.wxt/')],
  ['dotfiles', (p) => p.split('/').some(isDot)],
];

/** PyPI's own leak pattern (src/core/read.ts), for text that holds a token without loading as one. */
const LEAK = /pypi-[\w+/=-]{85,}/gi;

/** Each token in `files` as `file: redacted` (never the whole token). */
function tokensIn(files: Map<string, Buffer>): string[] {
  const found: string[] = [];
  for (const [name, data] of files) {
    const text = data.toString('utf8');
    const tokens = new Set<string>();
    for (const t of extractTokens(text).tokens) tokens.add(t.dump());
    for (const m of text.matchAll(LEAK)) tokens.add(m[0]);
    for (const t of tokens) found.push(`${name}: ${redact(t)}`);
  }
  return found;
}

function run(cmd: string, args: string[], cwd: string, env = process.env) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: 600_000 });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`  ${cmd} ${args.join(' ')} (${posix.basename(cwd)}): ${seconds} s`);
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}:\n${r.stdout}\n${r.stderr}`);
}

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex').slice(0, 16);

/** Every file under `dir`, by path relative to it. */
function readTree(dir: string, prefix = ''): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const e of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) for (const [k, v] of readTree(dir, rel)) files.set(k, v);
    else files.set(rel, readFileSync(join(dir, rel)));
  }
  return files;
}

/** How `got` differs from `want`, file by file: missing, extra, or other bytes (sizes and hashes). */
function differences(want: Map<string, Buffer>, got: Map<string, Buffer>): string[] {
  const out: string[] = [];
  for (const [name, data] of want) {
    const other = got.get(name);
    if (!other) out.push(`missing: ${name}`);
    else if (!data.equals(other))
      out.push(
        `differs: ${name} (${data.length} B ${sha(data)} -> ${other.length} B ${sha(other)})`,
      );
  }
  for (const name of got.keys()) if (!want.has(name)) out.push(`extra: ${name}`);
  return out;
}

/**
 * A release's or a reviewer's shell: none of the variables `npm test` and vitest set. NODE_ENV above
 * all: vitest sets it to `test`, and any value but `production` builds Preact's development code.
 */
const env = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^(npm_|PTR_|VITEST|NODE_ENV$)/i.test(k)),
);

let firefox: Map<string, Buffer>;
let sources: Map<string, Buffer>;

beforeAll(() => {
  run('npx', ['wxt', 'zip', '-b', 'firefox'], ROOT, env);
  firefox = readZip(join(ROOT, FIREFOX_ZIP));
  sources = readZip(join(ROOT, SOURCES_ZIP));
});

describe('the sources zip', () => {
  it("holds exactly the repository's files, less what may be left out", () => {
    const listed = execFileSync(
      'git',
      ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    const repo = listed
      .split('\0')
      .filter((p) => p && existsSync(join(ROOT, p)) && statSync(join(ROOT, p)).isFile());
    const expected = repo.filter((p) => !LEFT_OUT.some(([, out]) => out(p))).sort();
    const names = [...sources.keys()];
    expect(names.filter((p) => !expected.includes(p)).map((p) => `not expected: ${p}`)).toEqual([]);
    expect(expected.filter((p) => !sources.has(p)).map((p) => `missing: ${p}`)).toEqual([]);
    // What git ignores (logs, dist/, the build) never ships, even when it is in the working tree.
    expect(names.filter((p) => !repo.includes(p)).map((p) => `not in git: ${p}`)).toEqual([]);
  });

  it('holds no tests, installed packages, build output or dotfiles', () => {
    const bad = [...sources.keys()].flatMap((p) =>
      NEVER.filter(([, is]) => is(p)).map(([what]) => `${what}: ${p}`),
    );
    expect(bad).toEqual([]);
    for (const needed of ['package.json', 'package-lock.json', 'wxt.config.ts', 'README.md'])
      expect(sources.has(needed), needed).toBe(true);
  });

  it('holds no token, nor does the Firefox package', () => {
    expect(tokensIn(sources)).toEqual([]);
    expect(tokensIn(firefox)).toEqual([]);
  });

  it("tells a reviewer how to build: its README's section, with commands package.json has", () => {
    const readme = sources.get('README.md')?.toString('utf8') ?? '';
    const section = readme.split(/^### Building from the sources zip/m)[1]?.split(/^#/m)[0] ?? '';
    expect(section, 'README.md: "### Building from the sources zip"').not.toBe('');
    expect(section).toMatch(/\bNode 20\.\d+\.\d+\b/);
    expect(section).toMatch(/\bnpm \d+\.\d+\.\d+\b/);
    expect(section).toContain('npm ci');
    expect(section).toContain('npm run build:firefox');
    const shipped = JSON.parse(sources.get('package.json')?.toString('utf8') ?? '{}');
    expect(shipped.scripts?.['build:firefox']).toBe('wxt build -b firefox');
  });

  it("the Firefox package is package.json's version", () => {
    const manifest = JSON.parse(firefox.get('manifest.json')?.toString('utf8') ?? '{}');
    expect(manifest.version).toBe(pkg.version);
  });
});

describe('the Firefox package, rebuilt from the sources zip as a reviewer does', () => {
  let scratch: string;

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'ptr-rebuild-'));
    for (const [name, data] of sources) {
      mkdirSync(dirname(join(scratch, name)), { recursive: true });
      writeFileSync(join(scratch, name), data);
    }
    // What a reviewer runs; --prefer-offline only takes packages from npm's cache when it has them
    // (the lockfile's integrity hashes are checked either way).
    run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], scratch, env);
    run('npm', ['run', 'build:firefox'], scratch, env);
  });
  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it("every file of the build is byte-identical to the package's", () => {
    const rebuilt = readTree(join(scratch, '.output/firefox-mv2'));
    expect(rebuilt.size).toBeGreaterThan(0);
    expect(differences(firefox, rebuilt)).toEqual([]);
  });

  it('`wxt zip -b firefox` there remakes both zips byte for byte', () => {
    run('npx', ['wxt', 'zip', '-b', 'firefox'], scratch, env);
    for (const zip of [FIREFOX_ZIP, SOURCES_ZIP]) {
      const original = readFileSync(join(ROOT, zip));
      const again = readFileSync(join(scratch, zip));
      expect(`${zip}: ${again.length} B ${sha(again)}`).toBe(
        `${zip}: ${original.length} B ${sha(original)}`,
      );
    }
  });
});
