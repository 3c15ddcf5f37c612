import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

/**
 * `npm run test:unit`: the tests that need no browser (comparisons, views, charts drawn in Node,
 * formats, the PDF's finishing on fixture files, the authoring commands), in seconds.
 * `npm test` still runs everything with vitest.config.ts. A test here that starts a browser fails
 * (test/support/no-browser.ts).
 */
// Spread, not mergeConfig: that would add these folders to the base's test/**, not replace it.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    // The data checks (test/data) and the import (test/import) need no browser either, but take a
    // minute together: they stay in `npm test`.
    include: ['test/unit/**/*.test.ts', 'test/compare/**/*.test.ts', 'test/render/**/*.test.ts', 'test/chart/**/*.test.ts', 'test/format/**/*.test.ts'],
    setupFiles: ['test/support/no-browser.ts'],
    // One module cache for all files: most of them load the same dataset, templates, fonts and
    // Vega, and importing them again for every file was most of the run's time.
    pool: 'threads',
    isolate: false,
  },
});
