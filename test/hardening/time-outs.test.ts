import net from 'node:net';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { afterAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/print/find-browser.ts';
import { Deadline, StepTimeout } from '../../src/print/deadline.ts';
import { BriefingError } from '../../src/problems.ts';
import { chromiumBelow, filesIn, finished, listProcesses, pdfsIn, removeTempDirs, ROOT, STACK_LINE, startCli, tempDir, TEMPLATES, waitFor } from '../support/hardening-helpers.ts';

afterAll(removeTempDirs);

/**
 * Every step of a briefing runs under its time-out (timeoutSeconds), the browser included: a
 * browser that never answers, or one that freezes half-way, ends the affected briefings with one
 * clear line each, and the build ends.
 */

const never = new Promise<never>(() => undefined);

describe('a briefing’s deadline', () => {
  it('ends a step that never finishes at the time-out, naming the step and the setting', async () => {
    const deadline = new Deadline(300);
    const started = performance.now();
    const error = await deadline.step('loading the page', never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StepTimeout);
    expect((error as StepTimeout).message).toBe('loading the page did not finish within 0.3 s (timeoutSeconds in the config)');
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('is shared by the steps: a later step gets only what is left, and none once it is spent', async () => {
    const deadline = new Deadline(400);
    await deadline.step('rendering the charts and templates', new Promise((resolve) => setTimeout(resolve, 250)));
    const started = performance.now();
    await expect(deadline.step('printing', never)).rejects.toThrow('printing did not finish');
    expect(performance.now() - started).toBeLessThan(400);
    // Spent: the next step is not even started.
    let ran = false;
    await expect(deadline.step('finishing the PDF', async () => void (ran = true))).rejects.toBeInstanceOf(StepTimeout);
    expect(ran).toBe(false);
  });

  it('ends the wait at once when the build is interrupted', async () => {
    const controller = new AbortController();
    const deadline = new Deadline(60_000, controller.signal);
    const waiting = deadline.step('starting the browser', never).catch((e: unknown) => e);
    setTimeout(() => controller.abort(), 50);
    const error = await waiting;
    expect(error).toBeInstanceOf(BriefingError);
    expect((error as BriefingError).code).toBe('interrupted');
  });

  it('passes results and failures of a step through unchanged', async () => {
    const deadline = new Deadline(5_000);
    await expect(deadline.step('reading the templates', Promise.resolve(42))).resolves.toBe(42);
    const own = new BriefingError('template', 'x.hbs:3: unknown helper');
    await expect(deadline.step('rendering the charts and templates', Promise.reject(own))).rejects.toBe(own);
  });
});

/** A config of a few briefings with the given time-out, into a fresh out/. */
function config(timeoutSeconds: number, names: readonly string[]): { file: string; out: string } {
  const dir = tempDir('timeouts-config');
  const all: Record<string, string> = {
    'fy2024-vs-fy2023': '{ name: fy2024-vs-fy2023, kind: year-comparison, fiscalYear: 2024, baseFiscalYear: 2023 }',
    'trend-fy2023-fy2026': '{ name: trend-fy2023-fy2026, kind: trend, fromFiscalYear: 2023, toFiscalYear: 2026 }',
    'fy2026-vs-fy2025': '{ name: fy2026-vs-fy2025, kind: year-comparison, fiscalYear: 2026, baseFiscalYear: 2025 }',
  };
  const file = path.join(dir, 'briefings.config.yaml');
  writeFileSync(
    file,
    [
      `data: ${path.join(ROOT, 'data')}`,
      `templates: ${TEMPLATES}`,
      'out: out',
      'departmentEditions: false',
      // Only the listed briefings (not also the newest edition's comparison).
      'latestComparison: false',
      'concurrency: 2',
      `timeoutSeconds: ${timeoutSeconds}`,
      'briefings:',
      ...names.map((n) => `  - ${all[n]}`),
      '',
    ].join('\n'),
  );
  return { file, out: path.join(dir, 'out') };
}

/** The ✗ lines of a build's output. */
const failures = (output: string) => output.split('\n').filter((line) => line.startsWith('✗'));

describe('--browser-ws to a port that accepts connections and never answers', () => {
  it('fails the briefing with one line naming the endpoint within about the time-out (exit 3)', { timeout: 150_000 }, async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const endpoint = `ws://127.0.0.1:${(silent.address() as net.AddressInfo).port}/devtools/browser/silent`;
    try {
      const { file, out } = config(15, ['fy2024-vs-fy2023']);
      const started = Date.now();
      const run = await finished(startCli(['build', '--config', file, '--force', '--browser-ws', endpoint]), 120_000);
      const output = run.stdout + run.stderr;
      expect(run.code, output).toBe(3);
      // The time-out plus start-up on a loaded machine; it used to wait for ever.
      expect(Date.now() - started).toBeLessThan(100_000);
      expect(failures(output)).toEqual([`✗ fy2024-vs-fy2023: cannot connect to the browser at ${endpoint} (no answer within 15 s); check that it is running and the endpoint is right`]);
      expect(output).not.toMatch(STACK_LINE);
      expect(pdfsIn(out)).toEqual([]);
    } finally {
      silent.close();
    }
  });
});

describe('a browser that freezes during the build (SIGSTOP)', () => {
  it('ends each briefing it held with one line within about the time-out; the browser is ended and the build ends', { timeout: 180_000 }, async () => {
    const timeoutSeconds = 15;
    const { file, out } = config(timeoutSeconds, ['fy2024-vs-fy2023', 'trend-fy2023-fy2026', 'fy2026-vs-fy2025']);
    const child = startCli(['build', '--config', file, '--force', '--concurrency', '1']);
    const done = finished(child, 170_000);
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer | string) => (stdout += chunk.toString()));
    const browser = () => chromiumBelow(child.pid ?? -1).find((p) => p.ppid === child.pid);
    // Frozen once the first PDF is out, while the next briefing is in the browser's hands.
    expect(await waitFor(() => stdout.includes('✓'), 120_000, 20), 'the first briefing was built').toBe(true);
    const frozen = browser()?.pid;
    expect(frozen, 'the browser process').toBeDefined();
    process.kill(frozen as number, 'SIGSTOP');
    const frozenAt = Date.now();
    try {
      const run = await done;
      const output = run.stdout + run.stderr;
      // Per briefing held: the time-out, the probe (3 s) and closing (2 s); the rest is margin.
      expect(Date.now() - frozenAt, output).toBeLessThan(2 * timeoutSeconds * 1000 + 60_000);
      expect([2, 3], output).toContain(run.code);
      expect(output).not.toMatch(STACK_LINE);
      const failed = failures(output);
      expect(failed.length, output).toBeGreaterThan(0);
      for (const line of failed) expect(line).toMatch(/^✗ [\w-]+: .*(did not finish within 15 s|stopped answering)/);
      // The frozen browser was ended by the build, not left stopped.
      expect(listProcesses().some((p) => p.pid === frozen)).toBe(false);
      expect(filesIn(out).filter((n) => n.endsWith('.tmp') || n.startsWith('.briefings.lock'))).toEqual([]);
    } finally {
      try {
        process.kill(frozen as number, 'SIGKILL');
      } catch {
        // ended by the build
      }
    }
  });
});

describe('a browser connected with --browser-ws that freezes during the build', () => {
  it('fails the briefing it held and those left with one line each, leaves the browser to its owner, and the build ends', { timeout: 180_000 }, async () => {
    const owned = await puppeteer.launch({ executablePath: findBrowser().executablePath, args: ['--no-sandbox', '--disable-gpu'] });
    const pid = owned.process()?.pid as number;
    try {
      const timeoutSeconds = 15;
      const { file } = config(timeoutSeconds, ['fy2024-vs-fy2023', 'trend-fy2023-fy2026', 'fy2026-vs-fy2025']);
      const child = startCli(['build', '--config', file, '--force', '--concurrency', '1', '--browser-ws', owned.wsEndpoint()]);
      const done = finished(child, 170_000);
      let stdout = '';
      child.stdout?.on('data', (chunk: Buffer | string) => (stdout += chunk.toString()));
      expect(await waitFor(() => stdout.includes('✓'), 120_000, 20), 'the first briefing was built').toBe(true);
      process.kill(pid, 'SIGSTOP');
      const frozenAt = Date.now();
      const run = await done;
      const output = run.stdout + run.stderr;
      expect(run.code, output).toBe(3);
      expect(Date.now() - frozenAt, output).toBeLessThan(2 * timeoutSeconds * 1000 + 60_000);
      expect(output).not.toMatch(STACK_LINE);
      const failed = failures(output);
      expect(failed).toHaveLength(2);
      expect(failed.some((line) => line.includes(`the browser at ${owned.wsEndpoint()} stopped answering`)), output).toBe(true);
      // Someone else's browser is not ended by the build.
      expect(listProcesses().some((p) => p.pid === pid)).toBe(true);
    } finally {
      process.kill(pid, 'SIGCONT');
      await owned.close();
    }
  });
});
