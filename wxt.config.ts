import { readFileSync } from 'node:fs';
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { type Catalogue, pseudoCatalogue } from './src/shared/pseudo';
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
    // Each catalogue ships without its translators' descriptions (browsers never read them), and
    // `wxt build --mode pseudo` (into .output/<browser>-pseudo) puts the pseudo-locale in English's
    // place, to see every word come from the catalogue and every layout take longer words.
    'build:publicAssets'(wxt, files) {
      files.forEach((file, i) => {
        if (
          !('absoluteSrc' in file) ||
          !/^_locales\/[^/]+\/messages\.json$/.test(file.relativeDest)
        )
          return;
        const catalogue: Catalogue = JSON.parse(readFileSync(file.absoluteSrc, 'utf8'));
        const shipped = wxt.config.mode === 'pseudo' ? pseudoCatalogue(catalogue) : catalogue;
        const messages = Object.entries(shipped).map(([key, { message }]) => [key, { message }]);
        files[i] = {
          relativeDest: file.relativeDest,
          contents: JSON.stringify(Object.fromEntries(messages)),
        };
      });
    },
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
      'store/**',
      'scripts/**',
      '.ci/**',
      'vitest*.config.ts',
      'biome.json',
      '**/*.log',
      'dist/**',
      'tmp/**',
    ],
  },
  manifest: ({ browser, command, manifestVersion }) => ({
    // The words are the catalogue's (public/_locales), as every word the extension shows.
    name: '__MSG_ext_name__',
    description: '__MSG_ext_description__',
    default_locale: 'en',
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
    // A key opens the view, as a click on the toolbar button does (README: Use). Alt+Shift+K: no default
    // shortcut of Chrome's (chrome/browser/ui/accelerator_table.cc) or Firefox's (browser-sets.inc), where
    // Alt+Shift+P would create a tab group in Chrome. On macOS Option+Shift types characters, so Control.
    // MV2 names the action's command `_execute_browser_action`; WXT does not rename it.
    commands: {
      [manifestVersion === 2 ? '_execute_browser_action' : '_execute_action']: {
        suggested_key: { default: 'Alt+Shift+K', mac: 'MacCtrl+Shift+K' },
      },
    },
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
