import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { TOKEN_PAGES } from './src/shared/pypi';

/**
 * The extension's own pages (the view, Chrome's offscreen document, Firefox's background page) and
 * Chrome's service worker run under this policy, so the browser itself keeps the promise of no network:
 * `connect-src 'none'` refuses every fetch, XHR, WebSocket and beacon, and nothing runs, loads or is
 * framed that the package does not ship. (MV3 takes it as `extension_pages`; WXT writes the string
 * Firefox's MV2 manifest takes.) `wxt` in dev mode keeps WXT's own policy: its dev server needs a socket.
 */
const EXTENSION_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  hooks: {
    // What runs in PyPI's pages (the content script on every visit to the form, the panel on the result
    // page) takes WXT's own `browser` (the browser's native promise API: Firefox's `browser`, Chrome
    // MV3's `chrome`), not the polyfill (about 3 KB gzip): they call only `runtime.sendMessage` and
    // `storage.local.get`, promise-based in both. The background and the view keep the polyfill.
    'vite:build:extendConfig'(entrypoints, config) {
      if (!entrypoints.every((e) => e.name === 'content' || e.name === 'panel')) return;
      const alias = config.resolve?.alias;
      if (Array.isArray(alias)) {
        config.resolve = {
          ...config.resolve,
          alias: alias.filter((a) => a.find !== 'wxt/browser'),
        };
      } else if (alias) delete (alias as Record<string, string>)['wxt/browser'];
    },
  },
  vite: () => ({ plugins: [preact()] }),
  // The sources package is what a store reviewer rebuilds from: no tests, fixtures (they hold tokens),
  // screenshots or scripts. WXT zips the working tree, so what .gitignore keeps out of the repository
  // (logs, dist/, tmp/) is kept out here too; node_modules, .output and dotfiles WXT leaves out itself.
  // tests/release/package.release.ts holds the zip to exactly the repository's files less these.
  zip: {
    excludeSources: [
      'tests/**',
      'docs/**',
      'scripts/**',
      '.ci/**',
      'vitest*.config.ts',
      'biome.json',
      '**/*.log',
      'dist/**',
      'tmp/**',
    ],
  },
  manifest: ({ browser, command }) => ({
    name: 'PyPI Token Restrictor',
    description:
      'Narrow PyPI API tokens in your browser: restrict a token to projects, a user or a time window, offline.',
    // Each permission is justified in PRIVACY.md. `scripting` and the host permissions let the
    // background inject the narrowing panel into the result page: nothing is web-accessible. Both
    // browsers read a host permission's path as `/*`: the grant is all of pypi.org and test.pypi.org
    // (the sites the content script already runs on, so the install prompt says nothing new).
    permissions: [
      'storage',
      'contextMenus',
      'clipboardWrite',
      'alarms',
      'scripting',
      ...(browser === 'chrome' ? ['offscreen'] : []),
    ],
    host_permissions: TOKEN_PAGES,
    ...(command === 'build' && { content_security_policy: { extension_pages: EXTENSION_CSP } }),
    browser_specific_settings: {
      gecko: {
        id: '{71178b2c-0d7f-406e-a1d8-e5f7a41acdcd}',
        // 140: the first release that reads data_collection_permissions (142 on Android).
        strict_min_version: '140.0',
        // Firefox's declaration that the add-on collects and transmits no data at all.
        data_collection_permissions: { required: ['none'] },
      },
      gecko_android: { strict_min_version: '142.0' },
    },
  }),
});
