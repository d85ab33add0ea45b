import { defineConfig } from 'vitest/config';

// The real-uploader suite: twine, flit and poetry against a fake Warehouse in network namespaces of
// their own, one upload at a time; run through scripts/run-uploaders.mjs.
export default defineConfig({
  test: {
    include: ['tests/uploaders/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
  resolve: { alias: { '@': new URL('.', import.meta.url).pathname } },
});
