import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// Manifest permissions are kept to the minimum; each one is justified in README.md.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: 'PyPI Token Restrictor',
    description:
      'Narrow PyPI API tokens in your browser: restrict a token to projects, a user or a time window, offline.',
    permissions: ['storage'],
  },
});
