import { vi } from 'vitest';

/**
 * Setup of the unit tests (vitest.unit.config.ts): they run without a browser, so any attempt to
 * start or reach one fails the test that made it, naming the cause, instead of quietly launching
 * Chromium. Importing puppeteer-core stays possible: modules that can print may be loaded.
 */
vi.mock('puppeteer-core', async (importOriginal) => {
  const real = await importOriginal<typeof import('puppeteer-core')>();
  const refuse = (): never => {
    throw new Error('the unit tests run without a browser, but this test started one; move it to a browser test folder (test/build, test/pdf…)');
  };
  return { ...real, launch: refuse, connect: refuse, default: { ...real.default, launch: refuse, connect: refuse } };
});
