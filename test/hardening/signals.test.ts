import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, constants, existsSync, mkdirSync, symlinkSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../src/build/output-lock.ts';
import { MANIFEST_FILE } from '../../src/build/manifest.ts';
import {
  chromiumBelow,
  copyOf,
  filesIn,
  finished,
  listProcesses,
  pdfIsComplete,
  pdfsIn,
  removeTempDirs,
  ROOT,
  sleep,
  STACK_LINE,
  startCli,
  tempDir,
  TEMPLATES,
  userDataDir,
  waitFor,
  type CliRun,
} from '../support/hardening-helpers.ts';

afterAll(removeTempDirs);

/**
 * SIGINT, SIGTERM and SIGHUP end `briefings build` in every state it can be in (reading
 * templates, launching the browser, waiting on a browser that froze), promptly, with the signal's
 * exit code, and leave nothing behind: no browser process, no profile folder, no temporary file,
 * no lock. A build killed outright (SIGKILL) keeps what it finished.
 */

/** The build stops within GRACE_MS (1.5 s) by design; the margin is for a loaded machine. */
const PROMPT_MS = 8_000;
const CODES = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;

/** A small config: two briefings, no department editions, the given time-out. */
function config(timeoutSeconds: number, templates = TEMPLATES): string {
  const file = path.join(tempDir('signals-config'), 'briefings.config.yaml');
  writeFileSync(
    file,
    [
      `data: ${path.join(ROOT, 'data')}`,
      `templates: ${templates}`,
      'out: out',
      'departmentEditions: false',
      'concurrency: 2',
      `timeoutSeconds: ${timeoutSeconds}`,
      'briefings:',
      '  - { name: fy2024-vs-fy2023, kind: year-comparison, fiscalYear: 2024, baseFiscalYear: 2023 }',
      '  - { name: trend-fy2023-fy2026, kind: trend, fromFiscalYear: 2023, toFiscalYear: 2026 }',
      '  - { name: fy2026-vs-fy2025, kind: year-comparison, fiscalYear: 2026, baseFiscalYear: 2025 }',
      '',
    ].join('\n'),
  );
  return file;
}

/** A running build, with its browser processes and profile folders noted every 50 ms while it runs. */
function watchBuild(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  const child = startCli(args, env);
  const done = finished(child, 120_000);
  const browserPids = new Set<number>();
  const profiles = new Set<string>();
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer | string) => (stdout += chunk.toString()));
  const look = () => {
    for (const p of chromiumBelow(child.pid ?? -1)) {
      browserPids.add(p.pid);
      const dir = userDataDir(p);
      if (dir) profiles.add(dir);
    }
  };
  const watcher = setInterval(look, 50);
  void done.finally(() => clearInterval(watcher)).catch(() => undefined);
  return { child, done, browserPids, profiles, look, stdout: () => stdout };
}

type Watched = ReturnType<typeof watchBuild>;

/** Sends the signal and waits for the exit; returns the run and the milliseconds it took. */
async function stop(build: Watched, signal: keyof typeof CODES): Promise<{ run: CliRun; exitMs: number }> {
  build.look();
  const exited = new Promise<number>((resolve) => (build.child.exitCode !== null ? resolve(Date.now()) : build.child.once('exit', () => resolve(Date.now()))));
  const sent = Date.now();
  build.child.kill(signal);
  const run = await build.done;
  return { run, exitMs: (await exited) - sent };
}

/** The profile folders this build made (named after its pid) that still exist. */
function profilesLeftBy(child: ChildProcess): string[] {
  return readdirSync(os.tmpdir()).filter((n) => n.startsWith(`briefings-chrome-${child.pid}-`));
}

async function expectStoppedCleanly(build: Watched, result: { run: CliRun; exitMs: number }, signal: keyof typeof CODES, out: string): Promise<void> {
  const output = `${result.run.stdout}\n${result.run.stderr}`;
  // The exit code, or, when the orderly stop could not finish in time, the signal itself: a shell
  // reports both as 128 + the signal's number.
  expect(result.run.code ?? result.run.signal, output).toBe(result.run.code === null ? signal : CODES[signal]);
  expect(result.exitMs, 'exits promptly after the signal').toBeLessThan(PROMPT_MS);
  expect(output).not.toMatch(STACK_LINE);
  // Nothing of its browser is left (a moment for the kernel to reap what was killed) …
  await sleep(500);
  const alive = new Set(listProcesses().map((p) => p.pid));
  expect([...build.browserPids].filter((pid) => alive.has(pid)), 'browser processes left').toEqual([]);
  // … nor its profile folder: its own, which it made and removed, never puppeteer's.
  for (const profile of build.profiles) {
    expect(profile).not.toMatch(/puppeteer_dev_chrome_profile/);
    expect(existsSync(profile), `${profile} is removed`).toBe(false);
  }
  expect(profilesLeftBy(build.child)).toEqual([]);
  // out/ has no temporary file, no lock (nor a claim of one), and only complete PDFs.
  const names = filesIn(out);
  expect(names.filter((n) => n.endsWith('.tmp') || n.includes(LOCK_FILE))).toEqual([]);
  for (const pdf of pdfsIn(out)) expect(pdfIsComplete(path.join(out, pdf)), `${pdf} is complete`).toBe(true);
}

describe('a signal in each state of the build', () => {
  // A read that never ends (a department folder linking to /dev/stdin used to hang every build, and
  // two Ctrl-C did not end it).
  for (const [signal, times] of [
    ['SIGHUP', 1],
    ['SIGINT', 2],
  ] as const) {
    it(`${signal} ${times === 2 ? 'twice ' : ''}while reading templates (a link to a FIFO nobody writes to): exit ${CODES[signal]}, promptly, nothing left`, { timeout: 120_000 }, async () => {
      const templates = copyOf(TEMPLATES, 'signals-fifo');
      const fifo = path.join(tempDir('signals-fifo'), 'never-written');
      execFileSync('mkfifo', [fifo]);
      const link = path.join(templates, 'departments', 'mic', 'partials', 'waiting.hbs');
      mkdirSync(path.dirname(link), { recursive: true });
      symlinkSync(fifo, link);
      const out = tempDir('signals-fifo-out');
      const build = watchBuild(['build', '--config', config(60, templates), '--force', '--out', out]);
      // Opening the FIFO for writing succeeds once the build has it open for reading: then it is
      // waiting on a template. The writer stays open and silent, so the read never ends. (A build
      // that refuses such links gets past it: it is then signalled at its first result instead.)
      let writer: number | undefined;
      const reading = await waitFor(() => {
        try {
          writer = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
          return true;
        } catch {
          return build.stdout().includes(' ');
        }
      }, 90_000);
      try {
        expect(reading, 'the build reads the templates').toBe(true);
        expect(build.child.exitCode, 'the build is still running').toBeNull();
        await sleep(300);
        if (times === 2) {
          build.child.kill(signal);
          await sleep(100);
        }
        const result = await stop(build, signal);
        await expectStoppedCleanly(build, result, signal, out);
        if (writer !== undefined) expect(pdfsIn(out)).toEqual([]);
      } finally {
        if (writer !== undefined) closeSync(writer);
      }
    });
  }

  it('SIGINT while the browser is being launched: exit 130, the half-started browser and its profile are gone', { timeout: 120_000 }, async () => {
    const out = tempDir('signals-launch-out');
    const build = watchBuild(['build', '--config', config(60), '--force', '--out', out]);
    const launching = await waitFor(() => chromiumBelow(build.child.pid ?? -1).length > 0, 60_000, 20);
    expect(launching, 'a browser was launched').toBe(true);
    const result = await stop(build, 'SIGINT');
    expect(build.profiles.size, 'the browser’s profile was seen').toBeGreaterThan(0);
    await expectStoppedCleanly(build, result, 'SIGINT', out);
  });

  it('SIGTERM while waiting on a frozen browser (SIGSTOP): exit 143 promptly, the frozen browser is ended', { timeout: 120_000 }, async () => {
    const out = tempDir('signals-frozen-out');
    const build = watchBuild(['build', '--config', config(60), '--force', '--out', out]);
    // The browser process itself: the one whose parent is the build.
    const browser = () => chromiumBelow(build.child.pid ?? -1).find((p) => p.ppid === build.child.pid);
    expect(await waitFor(() => browser() !== undefined, 60_000, 20), 'a browser was launched').toBe(true);
    const pid = browser()?.pid as number;
    process.kill(pid, 'SIGSTOP');
    try {
      // Long enough for the briefings to be waiting on it.
      await sleep(3_000);
      const result = await stop(build, 'SIGTERM');
      await expectStoppedCleanly(build, result, 'SIGTERM', out);
    } finally {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // ended by the build, as it should be
      }
    }
  });
});

describe('a build killed outright (SIGKILL)', () => {
  it('keeps the manifest entries of the briefings it finished: the next build does not build them again', { timeout: 180_000 }, async () => {
    const out = tempDir('signals-kill-out');
    const cfg = config(60);
    const build = watchBuild(['build', '--config', cfg, '--out', out]);
    expect(await waitFor(() => build.stdout().includes('✓'), 90_000, 20), 'a briefing was finished').toBe(true);
    build.look();
    build.child.kill('SIGKILL');
    await build.done;
    // Nothing in the build runs after SIGKILL, but its browser talks to it over a pipe and quits
    // when the pipe closes.
    const alive = () => new Set(listProcesses().map((p) => p.pid));
    expect(build.browserPids.size).toBeGreaterThan(0);
    const browserGone = await waitFor(() => [...build.browserPids].every((pid) => !alive().has(pid)), 15_000);
    for (const pid of build.browserPids)
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone already
      }
    expect(browserGone, 'the killed build’s browser quit by itself').toBe(true);
    const finishedBefore = build
      .stdout()
      .split('\n')
      .flatMap((line) => /^✓ .*\/([^/]+)\.pdf /.exec(line)?.[1] ?? []);
    expect(finishedBefore.length).toBeGreaterThan(0);
    const manifest = JSON.parse(readFileSync(path.join(out, MANIFEST_FILE), 'utf8')) as { briefings: Record<string, unknown> };
    expect(Object.keys(manifest.briefings)).toEqual(expect.arrayContaining(finishedBefore));

    // The next build takes over the dead build's lock and skips what it had finished.
    const next = await finished(startCli(['build', '--config', cfg, '--out', out]), 120_000);
    expect(next.code, next.stdout + next.stderr).toBe(0);
    for (const name of finishedBefore) expect(next.stdout).toContain(`= ${path.join(out, `${name}.pdf`)} (up to date)`);
    expect(filesIn(out).filter((n) => n.endsWith('.tmp') || n.includes(LOCK_FILE))).toEqual([]);
    // The profile folder the killed build could not remove was removed by the next one.
    expect(profilesLeftBy(build.child)).toEqual([]);
  });
});

describe('a program that crashes with a browser running', () => {
  it('takes the browser and its profile folder with it', { timeout: 90_000 }, async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test', 'hardening', 'fixtures', 'crash-with-browser.ts')], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const build = { child, done: finished(child, 80_000) };
    const browserPids = new Set<number>();
    const profiles = new Set<string>();
    const watcher = setInterval(() => {
      for (const p of chromiumBelow(child.pid ?? -1)) {
        browserPids.add(p.pid);
        const dir = userDataDir(p);
        if (dir) profiles.add(dir);
      }
    }, 50);
    const run = await build.done.finally(() => clearInterval(watcher));
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain('an internal error while printing');
    expect(profiles.size, 'the browser was seen').toBeGreaterThan(0);
    await sleep(500);
    const alive = new Set(listProcesses().map((p) => p.pid));
    expect([...browserPids].filter((pid) => alive.has(pid))).toEqual([]);
    for (const profile of profiles) expect(existsSync(profile), `${profile} is removed`).toBe(false);
    expect(profilesLeftBy(child)).toEqual([]);
  });
});
