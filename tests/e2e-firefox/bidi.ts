// A minimal WebDriver BiDi client and a Firefox launcher: Debian's firefox-esr, headless, fresh profile,
// all its traffic through a loopback proxy that only lets pypi.org and test.pypi.org reach the fake PyPI.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer, type Server, connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** An HTTP CONNECT proxy: tunnels the two PyPI hosts to `port`, refuses and records everything else. */
export async function startProxy(
  port: number,
): Promise<{ port: number; refused: string[]; close(): Promise<void> }> {
  const refused: string[] = [];
  const server: Server = createServer((client) => {
    client.once('data', (chunk) => {
      const [method, target] = chunk.toString('latin1').split(' ');
      if (method === 'CONNECT' && (target === 'pypi.org:443' || target === 'test.pypi.org:443')) {
        const upstream = tcpConnect(port, '127.0.0.1', () => {
          client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
          upstream.pipe(client);
          client.pipe(upstream);
        });
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
      } else {
        refused.push(`${method} ${target}`);
        client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      }
    });
    client.on('error', () => undefined);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    port: (server.address() as AddressInfo).port,
    refused,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

export interface Bidi {
  send<T = Record<string, unknown>>(method: string, params?: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

/** Firefox with a fresh profile whose every connection goes through the proxy. */
export async function launchFirefox(proxyPort: number): Promise<Bidi> {
  const profile = mkdtempSync(join(tmpdir(), 'ptr-firefox-'));
  const prefs: Record<string, string | number | boolean> = {
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
    'network.dns.disablePrefetch': true,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'app.update.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'toolkit.telemetry.enabled': false,
    'extensions.update.enabled': false,
    'extensions.getAddons.cache.enabled': false,
    // Mozilla's own test settings for a Firefox that must not phone home.
    'services.settings.server': 'data:,#remote-settings-dummy/v1',
    'extensions.blocklist.enabled': false,
    'browser.region.network.url': '',
    'browser.region.update.enabled': false,
    'browser.topsites.contile.enabled': false,
    'browser.newtabpage.activity-stream.feeds.system.topstories': false,
    'network.trr.mode': 5,
    'browser.ping-centre.telemetry': false,
    'media.gmp-manager.url': 'data:text/plain,',
    'browser.shell.checkDefaultBrowser': false,
  };
  writeFileSync(
    join(profile, 'user.js'),
    Object.entries(prefs)
      .map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`)
      .join('\n'),
  );
  const firefox: ChildProcess = spawn(
    FIREFOX,
    ['--headless', '--no-remote', '--profile', profile, '--remote-debugging-port', '0'],
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  const url = await new Promise<string>((ok, fail) => {
    let err = '';
    const timer = setTimeout(
      () => fail(new Error(`Firefox did not start: ${err.slice(-500)}`)),
      30_000,
    );
    firefox.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
      const m = err.match(/WebDriver BiDi listening on (ws:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        ok(`${m[1]}/session`);
      }
    });
    firefox.on('exit', () => fail(new Error(`Firefox exited: ${err.slice(-500)}`)));
  });
  const ws = new WebSocket(url);
  await new Promise((ok, fail) => ws.once('open', ok).once('error', fail));
  let id = 0;
  const waiting = new Map<number, { ok(v: unknown): void; fail(e: Error): void }>();
  ws.on('message', (data) => {
    const m = JSON.parse(data.toString());
    const w = waiting.get(m.id);
    if (!w) return;
    waiting.delete(m.id);
    if (m.type === 'error') w.fail(new Error(`${m.error}: ${m.message}`));
    else w.ok(m.result);
  });
  const send = <T>(method: string, params: Record<string, unknown> = {}) =>
    new Promise<T>((ok, fail) => {
      waiting.set(++id, { ok: ok as (v: unknown) => void, fail });
      ws.send(JSON.stringify({ id, method, params }));
    });
  await send('session.new', { capabilities: { alwaysMatch: { acceptInsecureCerts: true } } });
  return {
    send,
    async close() {
      await send('session.end').catch(() => undefined);
      ws.close();
      try {
        process.kill(-(firefox.pid as number), 'SIGKILL');
      } catch {
        // already gone
      }
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
