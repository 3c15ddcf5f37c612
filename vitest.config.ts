import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // PDF tests share one Chromium; building twice on a 2-core CI machine takes a while.
    testTimeout: 30_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
