import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    // The real-browser suites run through scripts/run-e2e.mjs, after a build; the real-uploader
    // suite through scripts/run-uploaders.mjs, which checks it has root and the tools.
    exclude: ['tests/e2e/**', 'tests/e2e-firefox/**', 'tests/uploaders/**'],
    environment: 'node',
    setupFiles: ['tests/i18n-setup.ts'],
  },
});
