import { defineConfig } from 'vitest/config';

// The Firefox suite: one browser, generous timeouts; run through scripts/run-e2e.mjs.
export default defineConfig({
  test: {
    include: ['tests/e2e-firefox/**/*.e2e.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
  resolve: { alias: { '@': new URL('.', import.meta.url).pathname } },
});
