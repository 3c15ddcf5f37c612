import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { buildBriefings, type BriefingResult } from '../../src/build/build-briefings.ts';
import { BASE_BRIEFINGS } from '../../src/schema/base-briefings.ts';
import { BrowserSession } from '../../src/print/browser-session.ts';
import { BriefingError } from '../../src/problems.ts';
import { DATA, filesIn, listProcesses, pdfIsComplete, pdfsIn, runCli, STACK_LINE, TEMPLATES, removeTempDirs, tempDir } from '../support/hardening-helpers.ts';

afterAll(removeTempDirs);

/** The Chromium processes this test process started itself (the browsers, not their children). */
function browserChildren(): number[] {
  const out = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && /chrom/i.test(m[2] ?? ''))
    .map((m) => Number(m[1]));
}

const alive = (pid: number): boolean => listProcesses().some((p) => p.pid === pid);

describe('the browser is killed during a build', () => {
  const session = new BrowserSession();
  afterAll(() => session.close());
  const NAMES = BASE_BRIEFINGS.map((b) => b.name);

  it('relaunches and retries: every briefing is built, or fails cleanly with no PDF; the session works afterwards', { timeout: 120_000 }, async () => {
    // Launch the browser through the session first, so that it is running when the build starts.
    const warmOut = tempDir('faults-warm');
    const [warm] = await buildBriefings({ dataDir: DATA, templatesDir: TEMPLATES, outDir: warmOut, session, names: ['mic-fy2026-vs-fy2025'], force: true });
    expect(warm?.status).toBe('built');
    const generation = session.generation;
    expect(browserChildren().length, 'the session’s browser is a child of this process').toBeGreaterThan(0);

    const out = tempDir('faults-out');
    const killed: number[] = [];
    const results: BriefingResult[] = await buildBriefings({
      dataDir: DATA,
      templatesDir: TEMPLATES,
      outDir: out,
      session,
      names: NAMES,
      force: true,
      concurrency: 2,
      onResult: () => {
        if (killed.length > 0) return;
        for (const pid of browserChildren()) {
          process.kill(pid, 'SIGKILL');
          killed.push(pid);
        }
      },
    });

    expect(killed.length, 'a browser was killed').toBeGreaterThan(0);
    for (const pid of killed) expect(alive(pid), `browser ${pid} is gone`).toBe(false);
    // The session noticed: the browser was lost (and a new one launched for the rest).
    expect(session.generation).toBeGreaterThan(generation);

    expect(results.map((r) => r.name).sort()).toEqual([...NAMES].sort());
    for (const r of results) {
      const file = path.join(out, `${r.name}.pdf`);
      if (r.status === 'built') expect(pdfIsComplete(file), `${r.name} is a complete PDF`).toBe(true);
      else {
        expect(r.status, r.name).toBe('failed');
        expect(r.error, `${r.name}: ${String(r.error)}`).toBeInstanceOf(BriefingError);
        expect(existsSync(file), `${r.name} failed but has a PDF`).toBe(false);
      }
    }
    // The retry is what makes a killed browser harmless: all four are expected to make it.
    expect(results.filter((r) => r.status !== 'built').map((r) => `${r.name}: ${r.error?.message ?? ''}`)).toEqual([]);
    expect(filesIn(out).filter((n) => n.endsWith('.tmp') || n === '.briefings.lock')).toEqual([]);
    expect(await session.openPages()).toBe(0);

    const after = tempDir('faults-after');
    const [again] = await buildBriefings({ dataDir: DATA, templatesDir: TEMPLATES, outDir: after, session, names: ['fy2024-vs-fy2023'], force: true });
    expect([again?.status, again?.error?.message]).toEqual(['built', undefined]);
    expect(pdfIsComplete(path.join(after, 'fy2024-vs-fy2023.pdf'))).toBe(true);
    expect(await session.connected()).toBe(true);
  });
});

describe('the session is closed while its browser is still starting', () => {
  it('ends that browser and starts no other to ask it what went wrong', { timeout: 60_000 }, async () => {
    const session = new BrowserSession();
    const opening = session.withPage(new Map(), async () => 'printed').then(
      () => 'printed',
      (error: unknown) => error,
    );
    // Closed as soon as the browser process exists, before puppeteer is connected to it.
    for (let i = 0; i < 600 && browserChildren().length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(browserChildren().length, 'a browser is starting').toBeGreaterThan(0);
    await session.close();
    expect(await opening).toMatchObject({ code: 'interrupted' });
    // A browser started afterwards (to diagnose a launch the build itself ended) would show here.
    const seen = new Set<number>();
    for (let i = 0; i < 20; i++) {
      for (const pid of browserChildren()) seen.add(pid);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect([...seen].filter(alive), 'browsers running after the close').toEqual([]);
    expect(readdirSync(os.tmpdir()).filter((n) => n.startsWith(`briefings-chrome-${process.pid}-`)), 'profiles left').toEqual([]);
  });
});

describe('BRIEFINGS_BROWSER names a file that is not a browser', () => {
  const saved = process.env.BRIEFINGS_BROWSER;
  afterEach(() => {
    if (saved === undefined) delete process.env.BRIEFINGS_BROWSER;
    else process.env.BRIEFINGS_BROWSER = saved;
  });

  const failingScript = (): string => {
    const file = path.join(tempDir('faults-script'), 'not-a-browser.sh');
    writeFileSync(file, '#!/bin/sh\necho "this is not a browser" >&2\nexit 1\n');
    chmodSync(file, 0o755);
    return file;
  };

  for (const [label, executable] of [
    ['/bin/true', () => '/bin/true'],
    ['a shell script that exits 1', failingScript],
  ] as const) {
    it(`fails every briefing with BriefingError('browser') naming what to install or set (${label})`, { timeout: 60_000 }, async () => {
      const file = executable();
      process.env.BRIEFINGS_BROWSER = file;
      const out = tempDir('faults-bad-browser');
      const results = await buildBriefings({ dataDir: DATA, templatesDir: TEMPLATES, outDir: out, names: ['fy2026-vs-fy2025', 'mic-fy2026-vs-fy2025'], force: true });
      expect(results).toHaveLength(2);
      for (const r of results) {
        expect(r.status).toBe('failed');
        expect(r.error).toBeInstanceOf(BriefingError);
        expect((r.error as BriefingError).code).toBe('browser');
        expect(r.error?.message).toContain(file);
        expect(r.error?.message).toMatch(/BRIEFINGS_BROWSER/);
        expect(r.error?.message).toMatch(/install/i);
      }
      expect(pdfsIn(out)).toEqual([]);
      expect(filesIn(out).filter((n) => n.endsWith('.tmp') || n === '.briefings.lock')).toEqual([]);
    });
  }

  it('makes `briefings build` exit 3 with the message, not a stack trace', { timeout: 60_000 }, async () => {
    const script = failingScript();
    const out = tempDir('faults-cli');
    const run = await runCli(['build', 'mic-fy2026-vs-fy2025', '--force', '--out', out], { BRIEFINGS_BROWSER: script });
    expect(run.code, run.stdout + run.stderr).toBe(3);
    expect(run.stdout + run.stderr).toContain('BRIEFINGS_BROWSER');
    expect(run.stdout + run.stderr).not.toMatch(STACK_LINE);
    expect(pdfsIn(out)).toEqual([]);
  });
});
