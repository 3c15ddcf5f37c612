import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBriefings } from '../../src/build/build-briefings.ts';
import { DATA, filesIn, sha256, TEMPLATES, tempDir } from '../support/build-helpers.ts';

/** A Chrome that someone else started and owns; the build only connects to it. */
let browser: Browser;

/** The browser contexts that exist in the browser, whoever made them. */
async function contextIds(): Promise<string[]> {
  const cdp = await browser.target().createCDPSession();
  try {
    return (await cdp.send('Target.getBrowserContexts')).browserContextIds;
  } finally {
    await cdp.detach();
  }
}

/** The pages open in the browser, whoever opened them. */
const pageTargets = () => browser.targets().filter((t) => t.type() === 'page');
let contextsBefore: string[] = [];
let pagesBefore = 0;
beforeAll(async () => {
  browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'] });
  contextsBefore = await contextIds();
  pagesBefore = pageTargets().length;
});
afterAll(async () => {
  await browser?.close();
});

describe('building with --browser-ws (a running Chrome)', () => {
  const out = tempDir('browser-ws');

  it('prints the PDF in the browser it connects to', async () => {
    const results = await buildBriefings({ dataDir: DATA, templatesDir: TEMPLATES, outDir: out, names: ['fy2024-vs-fy2023'], force: true, browserWSEndpoint: browser.wsEndpoint() });
    expect(results.map((r) => [r.name, r.status, r.error?.message])).toEqual([['fy2024-vs-fy2023', 'built', undefined]]);
    expect(results[0]?.sha256).toBe(sha256(path.join(out, 'fy2024-vs-fy2023.pdf')));
    expect(filesIn(out)).toContain('fy2024-vs-fy2023.pdf');
  });

  it('leaves no pages of its own open in someone else’s browser', () => {
    expect(pageTargets()).toHaveLength(pagesBefore);
  });

  // Regression: the session's own context used to stay behind in a browser it only connected to.
  it('leaves no browser context of its own behind in someone else’s browser', async () => {
    await expect.poll(contextIds, { timeout: 2000 }).toEqual(contextsBefore);
  });

  it('leaves the browser running and usable afterwards', async () => {
    expect(browser.connected).toBe(true);
    const page = await browser.newPage();
    await page.setContent('<p>still here</p>');
    expect(await page.evaluate(() => document.body.textContent)).toBe('still here');
    await page.close();
  });

  it('can connect to the same browser again for the next build', async () => {
    const results = await buildBriefings({ dataDir: DATA, templatesDir: TEMPLATES, outDir: out, names: ['fy2024-vs-fy2023'], force: true, browserWSEndpoint: browser.wsEndpoint() });
    expect(results[0]?.status).toBe('built');
    expect(browser.connected).toBe(true);
  });
});
