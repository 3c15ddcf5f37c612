import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBriefings, type BriefingResult } from '../../src/build/build-briefings.ts';
import { drawChart } from '../../src/chart/draw-chart.ts';
import { chartThread, renderChart } from '../../src/chart/render-chart.ts';
import { BrowserSession } from '../../src/print/browser-session.ts';
import { BriefingError } from '../../src/problems.ts';
import { copyOf, DATA, pdfCompactText, pdfsIn, removeTempDirs, sleep, STACK_LINE, TEMPLATES, tempDir, waitFor } from '../support/hardening-helpers.ts';

afterAll(removeTempDirs);

/**
 * Charts are drawn in Node, where the page's content security policy does not apply: a chart
 * spec must see only the rows the build gives it, and a runaway spec must fail its briefing
 * alone, promptly and within bounded memory. A page, once loaded, must stay where it is.
 */
const CHART_FILE = '/templates/departments/hostile/charts/ministry-comparison.vl.json';
const ROWS = [
  { ministry: '文', amount: 1, year: 'R7' },
  { ministry: '厚', amount: 2, year: 'R8' },
];
const BAR = { mark: 'bar', encoding: { x: { field: 'amount', type: 'quantitative' }, y: { field: 'ministry', type: 'nominal' } } };

/** The error a chart spec gets, or undefined when it draws. */
async function chartError(spec: unknown): Promise<BriefingError | undefined> {
  return renderChart({ file: CHART_FILE, spec, theme: {}, rows: ROWS }).then(
    () => undefined,
    (e: unknown) => {
      if (!(e instanceof BriefingError)) throw e;
      return e;
    },
  );
}

/** A loopback server that counts every request: a request reaching it means a chart or page got out. */
let spy: http.Server;
const spyHits: string[] = [];
let spyOrigin = '';
beforeAll(async () => {
  spy = http.createServer((req, res) => {
    spyHits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ministry\tamount\nLEAKED\t999\n');
  });
  await new Promise<void>((resolve) => spy.listen(0, '127.0.0.1', resolve));
  spyOrigin = `http://127.0.0.1:${(spy.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => (spy.close(() => resolve()), spy.closeAllConnections())));

describe('chart specs cannot load data of their own', () => {
  const layerWith = (data: unknown) => ({ layer: [BAR, { data, mark: 'text', encoding: { text: { field: 'ministry' } } }] });

  it.each([
    ['a file', layerWith({ url: 'file:///etc/passwd', format: { type: 'tsv' } }), 'layer[1].data.url'],
    ['a loopback URL', () => layerWith({ url: `${spyOrigin}/x.csv` }), 'layer[1].data.url'],
    ['a data: URL', layerWith({ url: 'data:text/csv,ministry%0ALEAKED' }), 'layer[1].data.url'],
    ['a path relative to the templates', layerWith({ url: '../../data/reference.yaml' }), 'layer[1].data.url'],
    ['a lookup from a file', { ...BAR, transform: [{ lookup: 'ministry', from: { data: { url: '/etc/hostname' }, key: 'a', fields: ['a'] } }] }, 'transform[0].from.data.url'],
    ['a concatenated view', { vconcat: [BAR, { hconcat: [{ ...BAR, data: { url: 'https://example.com/x.json' } }] }] }, 'vconcat[1].hconcat[0].data.url'],
    ['an image mark with a fixed URL', { layer: [BAR, { mark: { type: 'image', url: `${spyOrigin}/x.png` } }] }, 'layer[1].mark.url'],
  ])('refuses %s, naming the spec file and the property', async (_what, spec, property) => {
    const error = await chartError(typeof spec === 'function' ? spec() : spec);
    expect(error?.code).toBe('template');
    expect(error?.message).toContain(CHART_FILE);
    expect(error?.message).toContain(property);
    expect(error?.message).toMatch(/may not load/);
    expect(spyHits).toEqual([]);
  });

  it('draws nothing it would have to load even past the spec check: Vega itself is given a loader that refuses', async () => {
    const error = await drawChart({ spec: layerWith({ url: `${spyOrigin}/direct.csv` }), theme: {}, rows: ROWS, maxRows: 100 }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/may not load files or URLs/);
    expect(spyHits).toEqual([]);
  });
});

describe('runaway chart specs', () => {
  it('refuses a 3,000,000-point sequence at once, naming the property', async () => {
    const started = performance.now();
    const error = await chartError({ data: { sequence: { start: 0, stop: 3_000_000, as: 'n' } }, mark: 'point' });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(error?.message).toContain(CHART_FILE);
    expect(error?.message).toContain('data.sequence');
    expect(error?.message).toMatch(/3,000,000 rows/);
  });

  it('stops a computed explosion (sequence() + flatten) within seconds, keeps the main thread free, and draws the next chart', { timeout: 60_000 }, async () => {
    await renderChart({ file: CHART_FILE, spec: BAR, theme: {}, rows: ROWS }); // the chart thread is started
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 100);
    const started = performance.now();
    const error = await chartError({
      ...BAR,
      transform: [{ calculate: 'sequence(0, 3000000)', as: 's' }, { flatten: ['s'] }, { fold: ['s', 'amount'] }],
    });
    const elapsed = performance.now() - started;
    clearInterval(ticker);
    expect(error?.message).toContain(CHART_FILE);
    expect(error?.message).toMatch(/longer than \d+ s|more than \d+ MB|rows after its transforms/);
    expect(error?.message).not.toMatch(STACK_LINE);
    expect(elapsed).toBeLessThan(15_000);
    // The main thread ran its timers meanwhile (it would have run none while Vega computed in it).
    expect(ticks).toBeGreaterThan(elapsed / 100 / 4);
    const next = await renderChart({ file: CHART_FILE, spec: BAR, theme: {}, rows: ROWS });
    expect(next.svg).toMatch(/^<svg/);
  });

  it('refuses more rows after the transforms than a chart may have', { timeout: 30_000 }, async () => {
    const error = await chartError({ ...BAR, transform: [{ calculate: 'sequence(0, 20000)', as: 's' }, { flatten: ['s'] }] });
    expect(error?.message).toMatch(/has 40,000 rows after its transforms; a chart may have at most 10,000/);
  });
});

describe('Vega expression errors', () => {
  it.each([
    ['an unknown function', 'nosuchfn(1)', /Unrecognized function: nosuchfn/],
    ['a call of something that is not a function', '(1)(2)', /Illegal callee type/],
  ])('%s names the chart file, with no stack trace', { timeout: 30_000 }, async (_what, expression, reason) => {
    const error = await chartError({ ...BAR, transform: [{ calculate: expression, as: 'x' }] });
    expect(error?.code).toBe('template');
    expect(error?.message).toContain(CHART_FILE);
    expect(error?.message).toMatch(reason);
    expect(error?.message).not.toMatch(STACK_LINE);
    expect(error?.cause).toBeUndefined();
  });
});

describe('in a build', () => {
  const session = new BrowserSession();
  afterAll(() => session.close());

  it('a department whose chart reads /etc/passwd fails alone, naming its chart; the other briefing is built', { timeout: 120_000 }, async () => {
    const templates = copyOf(TEMPLATES, 'chart-hostile');
    const chart = path.join(templates, 'departments', 'english', 'charts', 'ministry-comparison.vl.json');
    const base = JSON.parse(readFileSync(path.join(TEMPLATES, 'charts', 'ministry-comparison.vl.json'), 'utf8')) as Record<string, unknown>;
    mkdirSync(path.dirname(chart), { recursive: true });
    writeFileSync(chart, JSON.stringify({ layer: [base, { data: { url: 'file:///etc/passwd', format: { type: 'tsv' } }, mark: 'text' }] }));
    const out = tempDir('chart-hostile-out');
    const results = await buildBriefings({
      dataDir: DATA,
      templatesDir: templates,
      outDir: out,
      names: ['fy2026-vs-fy2025', 'english-fy2026-vs-fy2025'],
      force: true,
      session,
    });
    const byName = new Map(results.map((r) => [r.name, r]));
    expect(byName.get('fy2026-vs-fy2025')?.status).toBe('built');
    const failed = byName.get('english-fy2026-vs-fy2025');
    expect(failed?.status).toBe('failed');
    expect(failed?.error?.message).toContain(chart);
    expect(failed?.error?.message).toContain('layer[1].data.url');
    expect(pdfsIn(out)).toEqual(['fy2026-vs-fy2025.pdf']);
    expect(pdfCompactText(path.join(out, 'fy2026-vs-fy2025.pdf'))).not.toContain('root:');
  });

  it('an interrupted build stops a runaway chart at once instead of waiting for its time limit', { timeout: 120_000 }, async () => {
    const templates = copyOf(TEMPLATES, 'chart-runaway');
    const chart = path.join(templates, 'departments', 'english', 'charts', 'ministry-comparison.vl.json');
    mkdirSync(path.dirname(chart), { recursive: true });
    writeFileSync(chart, JSON.stringify({ ...BAR, transform: [{ calculate: 'sequence(0, 5000000)', as: 's' }, { flatten: ['s'] }] }));
    const out = tempDir('chart-runaway-out');
    const controller = new AbortController();
    // A session of its own: an interrupted build closes its browser.
    const own = new BrowserSession();
    const building = buildBriefings({ dataDir: DATA, templatesDir: templates, outDir: out, names: ['english-fy2026-vs-fy2025'], force: true, session: own, signal: controller.signal });
    expect(await waitFor(() => chartThread().drawing, 30_000, 20)).toBe(true);
    await sleep(300);
    const aborted = performance.now();
    controller.abort();
    const [result] = await building;
    expect(performance.now() - aborted).toBeLessThan(2_000);
    expect(result?.status).toBe('failed');
    expect(result?.error).toBeInstanceOf(BriefingError);
    expect((result?.error as BriefingError).code).toBe('interrupted');
    expect(pdfsIn(out)).toEqual([]);
    await own.close();
  });

  it.each([['launched'], ['remote (--browser-ws)']])(
    'a template that refreshes the page to another URL keeps its page; the navigation is blocked and reported (%s browser)',
    { timeout: 120_000 },
    async (mode) => {
      const templates = copyOf(TEMPLATES, 'chart-refresh');
      const layout = path.join(templates, 'layout.hbs');
      writeFileSync(layout, readFileSync(layout, 'utf8').replace('<head>', `<head><meta http-equiv="refresh" content="0;url=${spyOrigin}/refreshed">`));
      const out = tempDir('chart-refresh-out');
      const remote = mode === 'launched' ? undefined : await puppeteer.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
      try {
        const options = remote ? { browserWSEndpoint: remote.wsEndpoint() } : { session };
        const [result] = (await buildBriefings({ dataDir: DATA, templatesDir: templates, outDir: out, names: ['fy2026-vs-fy2025'], force: true, ...options })) as [BriefingResult];
        expect([result.status, result.error?.message]).toEqual(['built', undefined]);
        expect(result.blocked).toContain(`navigation to ${spyOrigin}/refreshed`);
        expect(spyHits).toEqual([]);
        // The briefing itself was printed, not an empty or error page.
        expect(pdfCompactText(path.join(out, 'fy2026-vs-fy2025.pdf'))).toContain('1,238億円');
      } finally {
        await remote?.close();
      }
    },
  );
});
