import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  // The sources package is what a store reviewer rebuilds from: no tests, fixtures, screenshots or scripts.
  zip: {
    excludeSources: [
      'tests/**',
      'docs/**',
      'scripts/**',
      '.ci/**',
      'vitest*.config.ts',
      'biome.json',
    ],
  },
  manifest: ({ browser }) => ({
    name: 'PyPI Token Restrictor',
    description:
      'Narrow PyPI API tokens in your browser: restrict a token to projects, a user or a time window, offline.',
    // Each permission is justified in PRIVACY.md; no host permissions.
    permissions: [
      'storage',
      'contextMenus',
      'clipboardWrite',
      'alarms',
      ...(browser === 'chrome' ? ['offscreen'] : []),
    ],
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
