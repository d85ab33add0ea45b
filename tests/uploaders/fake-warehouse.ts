// A stand-in for Warehouse's legacy upload API (`POST /legacy/` on upload.pypi.org and test.pypi.org),
// run by the suite inside a network namespace of its own: it authenticates an upload as Warehouse does
// (HTTP Basic, user `__token__`, the token checked against the project with the core's `check`) and
// answers 403 on failure. Each site has its own root key, as PyPI and TestPyPI do, so a token sent to
// the wrong site is refused. Every request is appended to a log for the test to read.
// Usage: node fake-warehouse.mjs <config.json>; it creates `ready` beside its log once listening.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type ServerOptions } from 'node:https';
import { dirname, join } from 'node:path';
import { normalizeProjectName, Token, ValidationError } from '@/src/core';

export interface WarehouseConfig {
  /** Root key (hex) per upload host. */
  keys: Record<string, string>;
  /** Normalized project name -> its ID, as PyPI's database holds them. */
  projects: Record<string, string>;
  /** The account every upload comes from. */
  userId: string;
  /** PEM files of the server's certificate and key. */
  cert: string;
  key: string;
  /** Where each request is appended, one JSON object a line. */
  log: string;
  /** Unix seconds the checks use; the real clock when absent. */
  now?: number;
}

/** One request, as the test reads it. */
export interface Upload {
  /** The TLS server name the client asked for, and its Host header. */
  sni: string;
  host: string;
  method: string;
  path: string;
  action: string | null;
  username: string | null;
  password: string | null;
  name: string | null;
  version: string | null;
  filename: string | null;
  status: number;
  /** Warehouse's reason for a refusal. */
  reason: string;
}

const config: WarehouseConfig = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8'));

/** `[user, password]` from an `Authorization: Basic` header. */
function basicAuth(header: string | undefined): [string, string] | null {
  const m = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!m?.[1]) return null;
  const text = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = text.indexOf(':');
  return colon < 0 ? null : [text.slice(0, colon), text.slice(colon + 1)];
}

/** Warehouse's verdict on an upload: null when allowed, else why not (never quoting the token). */
function refusal(
  key: string | undefined,
  auth: [string, string] | null,
  name: string,
): string | null {
  if (!key) return 'Not an upload host';
  if (auth?.[0] !== '__token__') return 'Invalid or non-existent authentication information.';
  let token: Token;
  try {
    token = Token.load(auth[1]);
  } catch {
    return 'Invalid API Token: not a token';
  }
  if (token.prefix !== 'pypi') return 'Invalid API Token: wrong prefix';
  const projectName = normalizeProjectName(name);
  try {
    token.check(Buffer.from(key, 'hex'), {
      projectName,
      projectId: config.projects[projectName],
      userId: config.userId,
      now: config.now ?? Math.floor(Date.now() / 1000),
    });
  } catch (e) {
    if (e instanceof ValidationError) return `Invalid API Token: ${e.failures.join(', ')}`;
    throw e;
  }
  return null;
}

const options: ServerOptions = {
  cert: readFileSync(config.cert),
  key: readFileSync(config.key),
};
const server = createServer(options, async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const sni = (req.socket as { servername?: string }).servername ?? '';
  const host = req.headers.host ?? '';
  const path = new URL(req.url ?? '/', 'https://x').pathname;
  let form: FormData | null = null;
  if (req.method === 'POST' && path === '/legacy/') {
    try {
      const headers = { 'content-type': req.headers['content-type'] ?? '' };
      form = await new Response(Buffer.concat(chunks), { headers }).formData();
    } catch {
      form = null;
    }
  }
  const field = (n: string) => {
    const v = form?.get(n);
    return typeof v === 'string' ? v : null;
  };
  const content = form?.get('content');
  const auth = basicAuth(req.headers.authorization);
  const name = field('name');
  let status = 200;
  let reason = 'OK';
  if (!form || field(':action') !== 'file_upload' || !name || !(content instanceof File)) {
    [status, reason] = [400, 'Not an upload'];
  } else if (sni !== host.replace(/:443$/, '')) {
    [status, reason] = [421, 'Misdirected request'];
  } else {
    const why = refusal(config.keys[sni], auth, name);
    if (why) [status, reason] = [403, why];
  }
  const upload: Upload = {
    sni,
    host,
    method: req.method ?? '',
    path,
    action: field(':action'),
    username: auth?.[0] ?? null,
    password: auth?.[1] ?? null,
    name,
    version: field('version'),
    filename: content instanceof File ? content.name : null,
    status,
    reason,
  };
  appendFileSync(config.log, `${JSON.stringify(upload)}\n`);
  // Warehouse puts its reason in the status line, where twine and flit show it.
  res.writeHead(status, reason, { 'content-type': 'text/plain' });
  res.end(`${status} ${reason}\n`);
});
server.listen(443, '127.0.0.1', () => writeFileSync(join(dirname(config.log), 'ready'), ''));
