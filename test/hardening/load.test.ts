import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBriefings, type BriefingResult } from '../../src/build/build-briefings.ts';
import { BrowserSession } from '../../src/print/browser-session.ts';
import { chromiumBelow, copyOf, DATA, isRenderer, pdfsIn, pssKiB, sleep, TEMPLATES, tempDir, removeTempDirs, waitFor } from '../support/hardening-helpers.ts';

afterAll(removeTempDirs);

/**
 * Many briefings in one run, with one browser session: pages are closed, renderer processes do
 * not pile up, and the browser's memory does not grow from one run to the next.
 *
 * The hardening issue asked for 200 briefings (4 base briefings + 196 department editions). Since
 * every briefing is also checked for layout and finished for PDF/UA, one run of 200 takes about
 * three minutes on the 2-core CI machine, and two no longer fit the suite's budget: by default
 * 120 (two runs in about four minutes); LOAD_BRIEFINGS=200 runs the full number.
 */
const TOTAL = Number(process.env.LOAD_BRIEFINGS ?? 120);
const BASE = 4;
const DEPARTMENTS = TOTAL - BASE;
const MINISTRIES = ['こ', '総', '文', '厚', '経', '内'] as const;

/** A templates copy whose departments are DEPARTMENTS generated ones (the real ones removed). */
function templatesWithManyDepartments(): string {
  const dir = copyOf(TEMPLATES, 'load-templates');
  const departments = path.join(dir, 'departments');
  rmSync(departments, { recursive: true });
  mkdirSync(departments);
  const mext = readFileSync(path.join(TEMPLATES, 'departments', 'mext', 'department.yaml'), 'utf8');
  if (!/^ministry: 文$/m.test(mext)) throw new Error('templates/departments/mext/department.yaml no longer names ministry 文');
  for (let i = 0; i < DEPARTMENTS; i++) {
    const id = `d${String(i).padStart(3, '0')}`;
    const target = path.join(departments, id);
    // One in twenty is an English edition of the whole budget, the rest ministry editions.
    if (i % 20 === 7) cpSync(path.join(TEMPLATES, 'departments', 'english'), target, { recursive: true });
    else {
      mkdirSync(target);
      const ministry = MINISTRIES[i % MINISTRIES.length] ?? '文';
      writeFileSync(
        path.join(target, 'department.yaml'),
        mext.replace(/^ministry: 文$/m, `ministry: ${ministry}`).replace(/^name: .*$/m, `name: 部局 ${id}`).replace(/^shortName: .*$/m, `shortName: ${id}`),
      );
    }
  }
  return dir;
}

const session = new BrowserSession();
afterAll(() => session.close());

/** The renderer processes and the memory of this session's browser (all its processes). */
function browserState(): { renderers: number; processes: number; pssKiB: number } {
  const procs = chromiumBelow(process.pid);
  return { renderers: procs.filter(isRenderer).length, processes: procs.length, pssKiB: procs.reduce((sum, p) => sum + pssKiB(p.pid), 0) };
}

describe(`building ${TOTAL} briefings in one run with one browser session`, () => {
  const templates = templatesWithManyDepartments();
  const out = tempDir('load-out');
  let renderersAfterFirst = -1;
  let afterFirstRun: ReturnType<typeof browserState> | undefined;

  /** Builds them all; the first run notes how many renderers there are after its first briefing. */
  const run = async (measure: boolean): Promise<BriefingResult[]> => {
    let first = measure;
    return buildBriefings({
      dataDir: DATA,
      templatesDir: templates,
      outDir: out,
      session,
      force: true,
      concurrency: 3,
      onResult: () => {
        if (!first) return;
        first = false;
        renderersAfterFirst = browserState().renderers;
      },
    });
  };

  /** Renderers left once the pages are closed; Chrome may take a moment to end one. */
  const settledRenderers = async (limit: number): Promise<number> => {
    await waitFor(() => browserState().renderers <= limit, 3000);
    return browserState().renderers;
  };

  it('builds every briefing, closes every page and leaves no more renderers than after the first briefing', { timeout: 240_000 }, async () => {
    const started = Date.now();
    const results = await run(true);
    const failed = results.filter((r) => r.status !== 'built').map((r) => `${r.name}: ${r.status} ${r.error?.message ?? ''}`);
    expect(failed).toEqual([]);
    expect(results).toHaveLength(TOTAL);
    expect(pdfsIn(out)).toHaveLength(TOTAL);
    expect(await session.openPages()).toBe(0);
    expect(renderersAfterFirst).toBeGreaterThan(0);
    expect(await settledRenderers(renderersAfterFirst)).toBeLessThanOrEqual(renderersAfterFirst);
    await sleep(500);
    afterFirstRun = browserState();
    expect(afterFirstRun.pssKiB).toBeGreaterThan(0);
    console.info(`load: first run of ${TOTAL} in ${Math.round((Date.now() - started) / 1000)} s; ${renderersAfterFirst} renderers after the first briefing; browser ${afterFirstRun.processes} processes (${afterFirstRun.renderers} renderers), ${Math.round(afterFirstRun.pssKiB / 1024)} MiB PSS`);
  });

  it('builds them all again with the same session, without leaking pages, renderers or memory', { timeout: 240_000 }, async () => {
    expect(afterFirstRun, 'the first run must have passed').toBeDefined();
    const started = Date.now();
    const generation = session.generation;
    const results = await run(false);
    expect(results.filter((r) => r.status !== 'built').map((r) => `${r.name}: ${r.error?.message ?? ''}`)).toEqual([]);
    // The same browser did it all: it was never lost and relaunched in between.
    expect(session.generation).toBe(generation);
    expect(await session.openPages()).toBe(0);
    expect(await settledRenderers(renderersAfterFirst)).toBeLessThanOrEqual(renderersAfterFirst);
    await sleep(500);
    const after = browserState();
    console.info(`load: second run of ${TOTAL} in ${Math.round((Date.now() - started) / 1000)} s; browser ${after.processes} processes (${after.renderers} renderers), ${Math.round(after.pssKiB / 1024)} MiB PSS`);
    expect(after.pssKiB).toBeLessThanOrEqual(1.5 * (afterFirstRun?.pssKiB ?? 0));
  });
});
