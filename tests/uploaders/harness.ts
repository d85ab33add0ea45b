// The real-uploader suite's machinery: a CA and a server certificate for PyPI's hostnames made with
// openssl, a hosts file pointing them at loopback, the fake Warehouse bundled for node, tiny packages
// built with flit, and `upload`, which runs one uploader command against the fake Warehouse inside
// fresh network, mount and PID namespaces (in-namespace.sh). Everything lives in one temp dir,
// removed by `close`; the root keys are random per run, never PyPI's.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { redact, Token } from '@/src/core';
import type { Site } from '@/src/shared/pypi';
import type { Upload, WarehouseConfig } from './fake-warehouse';

/** The hosts each site uploads to (its `/legacy/` API). */
export const UPLOAD_HOST: Record<Site, string> = {
  'pypi.org': 'upload.pypi.org',
  'test.pypi.org': 'test.pypi.org',
};
/** The account the parent tokens belong to, and the projects the fake Warehouse knows. */
export const USER_ID = randomUUID();
export const PROJECT_IDS: Record<string, string> = {
  'tiny-a': randomUUID(),
  'tiny-b': randomUUID(),
  pypi: randomUUID(),
};
/** Files flit builds for one project: a wheel and an sdist. */
export const BUILT_FILES = 2;

const here = dirname(new URL(import.meta.url).pathname);
const CLEAN_ENV = { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8' };

export interface Harness {
  /** The temp dir everything lives in. */
  work: string;
  /** Per site, a token as PyPI issues a user-scoped one (bound to USER_ID), and its key. */
  parents: Record<Site, Token>;
  keys: Record<Site, Buffer>;
  /** The directory of a built project (`dist/` holds its wheel and sdist). */
  project(name: string): string;
  close(): void;
}

export interface Run {
  status: number;
  /** Every request the fake Warehouse received, in order. */
  uploads: Upload[];
  /** The tool's output, tokens redacted. */
  output: string;
}

/** Token-shaped text redacted, for messages: tool output must never show a whole token. */
export const redactTokens = (text: string) =>
  text.replace(/pypi-[A-Za-z0-9_-]{20,}/g, (t) => redact(t));

function openssl(dir: string, args: string[]) {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe', timeout: 30_000 });
}

/** A CA and a certificate it signed for PyPI's three hostnames, as a real client verifies them. */
function makeCertificates(dir: string) {
  writeFileSync(
    join(dir, 'server.ext'),
    [
      'basicConstraints = critical, CA:FALSE',
      'keyUsage = critical, digitalSignature, keyEncipherment',
      'extendedKeyUsage = serverAuth',
      'subjectAltName = DNS:upload.pypi.org, DNS:test.pypi.org, DNS:pypi.org',
      'subjectKeyIdentifier = hash',
      'authorityKeyIdentifier = keyid',
      '',
    ].join('\n'),
  );
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(dir, [
    'req',
    '-x509',
    ...key,
    '-days',
    '1',
    '-subj',
    '/CN=Uploader suite CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
  ]);
  openssl(dir, [
    'req',
    ...key,
    '-subj',
    '/CN=upload.pypi.org',
    '-keyout',
    'server.key',
    '-out',
    'server.csr',
  ]);
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-days',
    '1',
    '-extfile',
    'server.ext',
    '-out',
    'server.pem',
  ]);
}

/** A package both flit (`[project]`) and poetry (`[tool.poetry]`) read, built by flit. */
function buildProject(dir: string, name: string) {
  const module = name.replace(/-/g, '_');
  mkdirSync(join(dir, module), { recursive: true });
  writeFileSync(
    join(dir, module, '__init__.py'),
    '"""A tiny package the uploader suite uploads."""\n',
  );
  writeFileSync(
    join(dir, 'pyproject.toml'),
    `[build-system]
requires = ["flit_core >=3.2,<4"]
build-backend = "flit_core.buildapi"

[project]
name = "${name}"
version = "0.1.0"
description = "A tiny package the uploader suite uploads"

[tool.poetry]
name = "${name}"
version = "0.1.0"
description = "A tiny package the uploader suite uploads"
authors = ["Uploader suite <suite@example.invalid>"]
packages = [{ include = "${module}" }]
`,
  );
  execFileSync('/usr/bin/flit', ['build'], {
    cwd: dir,
    env: { ...CLEAN_ENV, HOME: dir },
    stdio: 'pipe',
    timeout: 60_000,
  });
}

let cases = 0;

export async function setUp(): Promise<Harness> {
  const work = mkdtempSync(join(tmpdir(), 'ptr-uploaders-'));
  try {
    makeCertificates(work);
    writeFileSync(
      join(work, 'hosts'),
      '127.0.0.1 localhost upload.pypi.org test.pypi.org pypi.org\n',
    );
    await build({
      entryPoints: [join(here, 'fake-warehouse.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: join(work, 'fake-warehouse.mjs'),
      logLevel: 'warning',
    });
    for (const name of Object.keys(PROJECT_IDS)) buildProject(join(work, 'projects', name), name);
  } catch (e) {
    rmSync(work, { recursive: true, force: true });
    throw e;
  }
  const keys = { 'pypi.org': randomBytes(32), 'test.pypi.org': randomBytes(32) };
  const mint = (site: Site) =>
    Token.create({ domain: site, identifier: randomUUID(), key: keys[site] }).restrict({
      userId: USER_ID,
    });
  return {
    work,
    parents: { 'pypi.org': mint('pypi.org'), 'test.pypi.org': mint('test.pypi.org') },
    keys,
    project: (name) => join(work, 'projects', name),
    close: () => rmSync(work, { recursive: true, force: true }),
  };
}

/**
 * Runs `command` (bash, in `project`'s directory, `$CASE` naming this run's directory) with `files`
 * written first (paths relative to `$CASE`, e.g. `home/.pypirc`, `env.sh`), against the fake
 * Warehouse, offline. Returns what the tool did and what the Warehouse saw.
 */
export function upload(
  h: Harness,
  o: { project: string; command: string; files?: Record<string, string> },
): Run {
  const { work } = h;
  const dir = join(work, `case-${++cases}`);
  mkdirSync(join(dir, 'home'), { recursive: true });
  for (const [path, text] of Object.entries(o.files ?? {})) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text, { mode: 0o600 });
  }
  const hex = (k: Buffer) => k.toString('hex');
  const config: WarehouseConfig = {
    keys: {
      [UPLOAD_HOST['pypi.org']]: hex(h.keys['pypi.org']),
      [UPLOAD_HOST['test.pypi.org']]: hex(h.keys['test.pypi.org']),
    },
    projects: PROJECT_IDS,
    userId: USER_ID,
    cert: join(work, 'server.pem'),
    key: join(work, 'server.key'),
    log: join(dir, 'uploads.jsonl'),
  };
  writeFileSync(join(dir, 'warehouse.json'), JSON.stringify(config));
  writeFileSync(config.log, '');
  const r = spawnSync(
    'unshare',
    [
      '--net',
      '--mount',
      '--pid',
      '--fork',
      '--kill-child',
      'bash',
      join(here, 'in-namespace.sh'),
      work,
      dir,
      h.project(o.project),
      o.command,
    ],
    {
      env: { ...CLEAN_ENV, NODE: process.execPath },
      encoding: 'utf8',
      timeout: 90_000,
      killSignal: 'SIGKILL',
    },
  );
  const read = (f: string) => {
    try {
      return readFileSync(join(dir, f), 'utf8');
    } catch {
      return '';
    }
  };
  const uploads = read('uploads.jsonl')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Upload);
  const output = redactTokens(`${r.stderr ?? ''}${read('tool.out')}`);
  if (r.status === 97 || r.error)
    throw new Error(`the namespace did not run: ${r.error ?? output}`);
  rmSync(dir, { recursive: true, force: true });
  return { status: r.status ?? -1, uploads, output };
}
