import { defineConfig } from 'vitest/config';

const root = new URL('../..', import.meta.url).pathname;

// The release suite (tests/release/*.release.ts): the store packages as reviewers get them, rebuilt
// from the sources zip. Slow (an `npm ci` and builds), one file at a time; `npm run test:release`,
// and the `release` stage of `npm test`. The workflow's own test is a unit test (workflow.test.ts).
export default defineConfig({
  root,
  test: {
    include: ['tests/release/**/*.release.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 900_000,
  },
  resolve: { alias: { '@': root } },
});
