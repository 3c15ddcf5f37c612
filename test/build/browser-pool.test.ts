import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBriefings } from '../../src/build/build-briefings.ts';
import { BrowserPool } from '../../src/print/browser-pool.ts';
import type { BrowserSession } from '../../src/print/browser-session.ts';
import { DATA, TEMPLATES, tempDir } from '../support/build-helpers.ts';

/** A member that only says whether it is remote, for the pool's bookkeeping. */
const member = (remote: boolean, name: string) => ({ remote, endpoint: name, close: async () => undefined, warmUp: () => undefined }) as unknown as BrowserSession;

describe('the browser pool', () => {
  it('hands each page to the member with the fewest pages in hand', async () => {
    const [a, b] = [member(true, 'a'), member(true, 'b')];
    const pool = new BrowserPool([a, b]);
    const seen: string[] = [];
    let release: () => void = () => undefined;
    const held = pool.use(pool.pick(), () => new Promise<void>((resolve) => (release = resolve)));
    seen.push(pool.pick().endpoint ?? '');
    release();
    await held;
    seen.push(pool.pick().endpoint ?? '');
    expect(seen).toEqual(['b', 'a']);
  });

  it('retires a remote member that went away, and says so when none is left', () => {
    const [a, b] = [member(true, 'ws://a'), member(true, 'ws://b')];
    const pool = new BrowserPool([a, b]);
    expect(pool.retire(a, 'ws://a went away')).toBe(true);
    expect(pool.pick()).toBe(b);
    expect(pool.retire(b, 'ws://b went away')).toBe(true);
    expect(pool.alive).toBe(0);
    expect(() => pool.pick()).toThrow(/no browser of the pool is left to print with \(ws:\/\/a went away; ws:\/\/b went away\)/);
  });

  it('keeps its only browser: that browser\'s own error then fails the briefings left', () => {
    const only = member(true, 'ws://only');
    const pool = new BrowserPool([only]);
    expect(pool.retire(only, 'went away')).toBe(false);
    expect(pool.pick()).toBe(only);
  });

  it('never retires a browser it launched (its session relaunches it)', () => {
    const local = member(false, 'local');
    const pool = new BrowserPool([local]);
    expect(pool.retire(local, 'crashed')).toBe(false);
    expect(pool.pick()).toBe(local);
  });
});

/** Two running Chromes, as two containers of a pool would be; the build only connects to them. */
const ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-dev-shm-usage'];
let browsers: Browser[] = [];
beforeAll(async () => {
  browsers = await Promise.all([0, 1].map(() => puppeteer.launch({ executablePath: '/usr/bin/chromium', args: ARGS })));
});
afterAll(async () => {
  await Promise.all(browsers.map((b) => b.close().catch(() => undefined)));
});

/** How many pages each browser was asked to open. */
function countPages(): number[] {
  const counts = browsers.map(() => 0);
  browsers.forEach((b, i) => b.on('targetcreated', (t) => void (t.type() === 'page' && counts[i]!++)));
  return counts;
}

const NAMES = ['fy2024-vs-fy2023', 'cfa-fy2026-vs-fy2025', 'mic-fy2026-vs-fy2025', 'cao-fy2026-vs-fy2025'];

describe('building with a pool of running Chromes (--browser-ws given twice)', () => {
  it('spreads the pages over both browsers', { timeout: 180_000 }, async () => {
    const counts = countPages();
    const results = await buildBriefings({
      dataDir: DATA,
      templatesDir: TEMPLATES,
      outDir: tempDir('pool'),
      names: NAMES,
      force: true,
      outputs: ['pdf'],
      concurrency: 2,
      browserWSEndpoints: browsers.map((b) => b.wsEndpoint()),
    });
    expect(results.map((r) => [r.name, r.status, r.error?.message]).sort()).toEqual(NAMES.map((n) => [n, 'built', undefined]).sort());
    expect(counts[0], 'pages printed by the first browser').toBeGreaterThan(0);
    expect(counts[1], 'pages printed by the second browser').toBeGreaterThan(0);
  });

  it('survives one browser dying mid-build: its briefings go to the other', { timeout: 180_000 }, async () => {
    const [doomed, survivor] = browsers as [Browser, Browser];
    // The first page the doomed browser opens is the moment it dies, with that page in hand.
    let killed = false;
    doomed.once('targetcreated', () => (killed = doomed.process()?.kill('SIGKILL') ?? false));
    const results = await buildBriefings({
      dataDir: DATA,
      templatesDir: TEMPLATES,
      outDir: tempDir('pool-kill'),
      names: NAMES,
      force: true,
      outputs: ['pdf'],
      concurrency: 2,
      browserWSEndpoints: [doomed.wsEndpoint(), survivor.wsEndpoint()],
    });
    expect(killed, 'the first browser was killed while the build used it').toBe(true);
    expect(results.map((r) => [r.name, r.status, r.error?.message]).sort()).toEqual(NAMES.map((n) => [n, 'built', undefined]).sort());
    expect(survivor.connected).toBe(true);
  });
});
