/**
 * npm run bench: build speed measured side by side in one run on this machine.
 *
 *   a) full build of all briefings into an empty folder
 *   b) naive: the same HTML printed with a fresh browser launch per briefing
 *   c) floor: the already-rendered HTML printed with one warm browser, nothing else
 *   d) no-op build: a second `briefings build` (a new process) when nothing changed
 *   e) scale: 10, 50 and 200 briefings (generated department editions), time per briefing, peak memory
 *
 * Each of a–d is the median of BENCH_RUNS runs (default 3); each scale point is run once
 * (BENCH_SCALE=10,50 to choose the points). Prints the figures, the ratios and where the time goes.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import puppeteer from 'puppeteer-core';
import { allBriefings, buildBriefings, type BriefingResult } from '../src/build/build-briefings.ts';
import { loadDataset } from '../src/validate/validate-dataset.ts';
import { createRenderer } from '../src/render/handlebars-env.ts';
import { renderBriefing } from '../src/render/render-briefing.ts';
import { loadTemplateSet } from '../src/render/template-set.ts';
import { AssetServer } from '../src/print/asset-server.ts';
import { BrowserSession } from '../src/print/browser-session.ts';
import { findBrowser } from '../src/print/find-browser.ts';
import { pageAssets, type PageAsset } from '../src/print/page-assets.ts';
import { MINISTRY_CODES } from '../src/schema/common.ts';
import { distIsFresh } from '../bin/source-hash.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');
const DATA = path.join(ROOT, 'data');
const TEMPLATES = path.join(ROOT, 'templates');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SCALE = (process.env.BENCH_SCALE ?? '10,50,200').split(',').map(Number).filter((n) => n > 0);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 3);
const LAUNCH_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? NaN;
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const tmp = (label: string) => mkdtempSync(path.join(os.tmpdir(), `bench-${label}-`));
const now = () => performance.now();

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = now();
  const value = await fn();
  return { ms: now() - started, value };
}

async function repeat(label: string, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push((await timed(fn)).ms);
  process.stderr.write(`  ${label}: ${times.map(secs).join(', ')}\n`);
  return median(times);
}

/**
 * Memory of this process and all its descendants (the browser), sampled until stopped: the
 * proportional set size (PSS), so pages shared between Chrome's processes count once. Linux /proc.
 */
function memorySampler(): { stop: () => number } {
  const rssOf = (pid: number): number => {
    try {
      const m = /Pss:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      return m ? Number(m[1]) * 1024 : 0;
    } catch {
      return 0;
    }
  };
  const tree = (): number[] => {
    const parents = new Map<number, number>();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      } catch {
        // gone
      }
    }
    const pids = [process.pid];
    for (let i = 0; i < pids.length; i++) for (const [pid, ppid] of parents) if (ppid === pids[i]) pids.push(pid);
    return pids;
  };
  let peak = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, tree().reduce((sum, pid) => sum + rssOf(pid), 0));
  }, 200);
  return {
    stop: () => {
      clearInterval(timer);
      return peak;
    },
  };
}

/** The pages of all briefings, rendered once: what the naive baseline and the floor print. */
async function renderAll(templatesDir: string): Promise<Map<string, PageAsset>[]> {
  const { dataset } = await loadDataset(DATA);
  const pages: Map<string, PageAsset>[] = [];
  for (const spec of await allBriefings(dataset, templatesDir)) {
    const templates = await loadTemplateSet(templatesDir, 'department' in spec ? spec.department : undefined);
    const rendered = await renderBriefing(dataset, spec, templates, createRenderer(templates));
    pages.push(await pageAssets(rendered.html, templates.styles.source, templates.department?.logo));
  }
  return pages;
}

async function printPage(browser: puppeteer.Browser, server: AssetServer, assets: Map<string, PageAsset>): Promise<void> {
  const served = await server.serve(assets);
  const page = await browser.newPage();
  try {
    await page.goto(served.url, { waitUntil: 'load' });
    await page.evaluateHandle('document.fonts.ready');
    await page.pdf({ preferCSSPageSize: true, printBackground: true, outline: true, tagged: true });
  } finally {
    served.release();
    await page.close();
  }
}

/** Prints the pages `concurrency` at a time, each with the given browser getter. */
async function printAll(pages: Map<string, PageAsset>[], print: (assets: Map<string, PageAsset>) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < pages.length) await print(pages[next++] as Map<string, PageAsset>);
    }),
  );
}

/** A templates folder with `count` department editions in all (cycling ministries and languages). */
function scaledTemplates(count: number): string {
  const dir = tmp(`templates-${count}`);
  cpSync(TEMPLATES, dir, { recursive: true });
  rmSync(path.join(dir, 'departments'), { recursive: true, force: true });
  for (let i = 0; i < count; i++) {
    const ministry = MINISTRY_CODES[i % MINISTRY_CODES.length];
    const english = i % 7 === 6;
    const folder = path.join(dir, 'departments', `synthetic-${String(i).padStart(3, '0')}`);
    cpSync(path.join(TEMPLATES, 'departments', english ? 'english' : 'mext'), folder, { recursive: true });
    writeFileSync(
      path.join(folder, 'department.yaml'),
      english ? `name: Synthetic ${i}\nshortName: S${i}\nlanguage: en\n` : `name: 部局${i}\nshortName: 部局${i}\nministry: ${ministry}\n`,
    );
  }
  return dir;
}

function stageTotals(results: BriefingResult[]): Record<string, number> {
  const totals: Record<string, number> = { render: 0, assets: 0, load: 0, pdf: 0, finalize: 0, write: 0 };
  for (const r of results) for (const [k, v] of Object.entries(r.timings ?? {})) totals[k] = (totals[k] ?? 0) + v;
  return totals;
}

async function main(): Promise<void> {
  const { executablePath } = findBrowser();
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`Machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${executablePath}`);
  console.log(`Runs per figure: ${RUNS} (median); concurrency ${CONCURRENCY}\n`);

  const pages = await renderAll(TEMPLATES);
  const n = pages.length;

  // a) full build, forced, into a fresh folder each time
  let lastFull: BriefingResult[] = [];
  const full = await repeat('full build', async () => {
    lastFull = await buildBriefings({ dataDir: DATA, templatesDir: TEMPLATES, outDir: tmp('full'), force: true, concurrency: CONCURRENCY });
  });

  // b) naive: a browser launched and closed for every briefing
  const server = new AssetServer();
  const naive = await repeat('naive (browser per briefing)', () =>
    printAll(pages, async (assets) => {
      const browser = await puppeteer.launch({ executablePath, headless: true, args: LAUNCH_ARGS });
      try {
        await printPage(browser, server, assets);
      } finally {
        await browser.close();
      }
    }),
  );

  // c) floor: one warm browser, the rendered pages printed and nothing else
  const warm = await puppeteer.launch({ executablePath, headless: true, args: LAUNCH_ARGS });
  await printPage(warm, server, pages[0] as Map<string, PageAsset>);
  const floor = await repeat('floor (warm browser, print only)', () => printAll(pages, (assets) => printPage(warm, server, assets)));
  await warm.close();
  await server.close();

  // d) no-op: the CLI in a new process, with everything up to date, as users run it: from the
  // compiled dist/ (compiled here first if the sources changed since).
  if (!distIsFresh()) await run('npm', ['run', 'compile'], { cwd: ROOT });
  const noopOut = tmp('noop');
  await run(process.execPath, [path.join(ROOT, 'bin', 'briefings.js'), 'build', '--out', noopOut], { cwd: ROOT });
  let noopOutput = '';
  const noop = await repeat('no-op build (new process)', async () => {
    noopOutput = (await run(process.execPath, [path.join(ROOT, 'bin', 'briefings.js'), 'build', '--out', noopOut], { cwd: ROOT })).stdout;
  });
  const noopLaunched = !/^0 built, \d+ up to date/m.test(noopOutput);

  // e) scale
  const scale: { count: number; ms: number; perBriefing: number; peak: number; failed: number }[] = [];
  for (const count of SCALE) {
    const departments = Math.max(0, count - 4);
    const templates = scaledTemplates(departments);
    const sampler = memorySampler();
    const session = new BrowserSession();
    const { ms, value } = await timed(() =>
      buildBriefings({ dataDir: DATA, templatesDir: templates, outDir: tmp(`scale-${count}`), force: true, concurrency: CONCURRENCY, session }),
    );
    await session.close();
    const peak = sampler.stop();
    scale.push({ count: value.length, ms, perBriefing: ms / value.length, peak, failed: value.filter((r) => r.status === 'failed').length });
    process.stderr.write(`  scale ${value.length}: ${secs(ms)}\n`);
  }

  console.log(`Briefings: ${n}`);
  console.log(`a) full build           ${secs(full)}   (${secs(full / n)} per briefing)`);
  console.log(`b) naive                ${secs(naive)}`);
  console.log(`c) floor                ${secs(floor)}`);
  console.log(`d) no-op build          ${secs(noop)}   browser launched: ${noopLaunched ? 'yes' : 'no'}, from compiled dist/: ${distIsFresh() ? 'yes' : 'no'}`);
  for (const s of scale)
    console.log(`e) ${String(s.count).padStart(3)} briefings        ${secs(s.ms)}   ${secs(s.perBriefing)} per briefing, peak memory ${(s.peak / 2 ** 20).toFixed(0)} MiB${s.failed ? `, ${s.failed} FAILED` : ''}`);

  const base = scale[0]?.perBriefing ?? NaN;
  const drift = Math.max(...scale.map((s) => Math.abs(s.perBriefing / base - 1)));
  const peak200 = scale.find((s) => s.count >= 200)?.peak;
  console.log('\nRatios (target)');
  console.log(`  full build / floor        ${(full / floor).toFixed(2)}   (≤ 1.30)`);
  console.log(`  naive / full build        ${(naive / full).toFixed(2)}   (≥ 3.00)`);
  console.log(`  no-op build               ${secs(noop)}   (< 0.5 s, no browser)`);
  if (scale.length > 1) console.log(`  per-briefing drift        ${(drift * 100).toFixed(0)}% from ${scale[0]?.count} to ${scale.at(-1)?.count}   (≤ 20%)`);
  if (peak200 !== undefined) console.log(`  peak memory at 200        ${(peak200 / 2 ** 30).toFixed(2)} GiB   (< 1.5 GiB)`);

  const totals = stageTotals(lastFull);
  const all = Object.values(totals).reduce((a, b) => a + b, 0);
  console.log('\nWhere the time goes in a full build (sum over briefings, last run)');
  for (const [stage, ms] of Object.entries(totals)) console.log(`  ${stage.padEnd(9)} ${secs(ms)}  ${((ms / all) * 100).toFixed(0)}%`);
  console.log('  (render = comparisons, view models, Vega charts, templates; assets = font subsets; load = page, stylesheet and fonts in Chrome)');
}

await main();
