import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_BRIEFINGS } from '../../src/schema/base-briefings.ts';
import { BrowserSession } from '../../src/print/browser-session.ts';
import {
  descendants,
  filesIn,
  finished,
  isChromium,
  listProcesses,
  pdfIsComplete,
  pdfsIn,
  pgrep,
  runCli,
  sleep,
  STACK_LINE,
  startCli,
  tempDir,
  userDataDir,
  type CliRun,
  type ProcessInfo,
  removeTempDirs,
} from '../support/hardening-helpers.ts';

afterAll(removeTempDirs);

/**
 * Ctrl-C (SIGINT) or SIGTERM during `briefings build`: the build stops, closes its browser,
 * leaves out/ consistent (complete PDFs only, no temporary files, no lock) and exits 130 / 143.
 */
const out = tempDir('interrupt-out');
const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');
/** The PDFs of the last complete build, by name, with their hashes. */
const previous = new Map<string, string>();

beforeAll(async () => {
  const run = await runCli(['build', ...BASE_BRIEFINGS.map((b) => b.name), '--force', '--out', out], {}, 90_000);
  if (run.code !== 0) throw new Error(`the complete build failed (${run.code}):\n${run.stdout}\n${run.stderr}`);
  for (const name of pdfsIn(out)) previous.set(name, sha(path.join(out, name)));
}, 120_000);

interface Interrupted {
  run: CliRun;
  /** Milliseconds from the signal to the exit. */
  exitMs: number;
  /** The profile folders of the child's browsers (seen while it ran), and their processes. */
  profiles: string[];
  browserPids: number[];
}

/**
 * Starts a forced build of everything and sends the signal when the first PDF is reported.
 * While the child runs, its browser processes are looked up every 100 ms (also those of a browser
 * it might start after the signal), so that afterwards nothing of them can hide.
 */
async function interruptBuild(signal: 'SIGINT' | 'SIGTERM' | 'SIGHUP'): Promise<Interrupted> {
  const child = startCli(['build', '--force', '--out', out]);
  const done = finished(child, 60_000);
  const profiles = new Set<string>();
  const browserPids = new Set<number>();
  const look = () => {
    for (const p of descendants(child.pid ?? -1).filter(isChromium)) {
      browserPids.add(p.pid);
      const dir = userDataDir(p);
      if (dir) profiles.add(dir);
    }
  };
  const watcher = setInterval(look, 100);
  let stdout = '';
  let signalledAt = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ✓ line within 45 s:\n${stdout}`)), 45_000);
      child.stdout?.on('data', (chunk: string | Buffer) => {
        stdout += chunk.toString();
        if (signalledAt || !stdout.split('\n').some((line) => line.startsWith('✓'))) return;
        look();
        signalledAt = Date.now();
        child.kill(signal);
        clearTimeout(timer);
        resolve();
      });
      void done.catch(reject);
    });
    // The build process's own exit; the pipes may close a little later.
    const exitedAt = new Promise<number>((resolve) => (child.exitCode !== null ? resolve(Date.now()) : child.once('exit', () => resolve(Date.now()))));
    const run = await done;
    return { run, exitMs: (await exitedAt) - signalledAt, profiles: [...profiles], browserPids: [...browserPids] };
  } finally {
    clearInterval(watcher);
  }
}

/** Processes that no running node program owns any more (their parent chain reaches init). */
function orphaned(pids: readonly number[]): ProcessInfo[] {
  const all = listProcesses();
  const byPid = new Map(all.map((p) => [p.pid, p]));
  return pids.flatMap((pid) => {
    const start = byPid.get(pid);
    if (!start) return [];
    for (let p = byPid.get(start.ppid); p && p.pid > 1; p = byPid.get(p.ppid)) if (p.comm === 'node' || /\bnode\b/.test(p.cmdline.split(' ')[0] ?? '')) return [];
    return [start];
  });
}

/** The checks every interrupted build must pass. */
async function expectConsistent(result: Interrupted, before: number[], expectedCode: number): Promise<void> {
  const { run } = result;
  const output = `${run.stdout}\n${run.stderr}`;
  // The exit code, or the signal itself when the orderly stop took longer than its 1.5 s (a
  // loaded machine): a shell reports both as 128 + the signal's number.
  expect(run.code ?? 128 + { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 }[run.signal as 'SIGHUP' | 'SIGINT' | 'SIGTERM'], output).toBe(expectedCode);
  // Soft, so that a slow exit does not hide what else is wrong.
  expect.soft(result.exitMs, 'exits within 10 s of the signal').toBeLessThan(10_000);
  expect(output).not.toMatch(STACK_LINE);

  // The child had a browser of its own when it was signalled …
  expect(result.profiles.length, 'the child’s browser was found').toBeGreaterThan(0);
  // Its profile is one the build made itself (puppeteer's own is left behind on a signal) …
  for (const profile of result.profiles) expect(profile).toMatch(/briefings-chrome-/);
  // … and nothing of it is left a second later: no process of its profiles, none of its pids, and
  // no new browser process that nobody owns (other test files may run browsers of their own).
  await sleep(1000);
  const all = listProcesses();
  for (const profile of result.profiles) {
    expect(pgrep(profile), `processes of ${profile}`).toEqual([]);
    expect(existsSync(profile), `${profile} is removed`).toBe(false);
  }
  const survivors = all.filter((p) => result.browserPids.includes(p.pid) && isChromium(p));
  expect(survivors.map((p) => `${p.pid} ${p.cmdline.slice(0, 100)}`)).toEqual([]);
  const leftovers = orphaned(pgrep('puppeteer_dev_chrome_profile').filter((pid) => !before.includes(pid)));
  expect(leftovers.map((p) => `${p.pid} ${p.cmdline.slice(0, 100)}`)).toEqual([]);

  // out/ is consistent: no temporary files, no lock, only complete PDFs.
  const names = filesIn(out);
  expect(names.filter((n) => n.endsWith('.tmp'))).toEqual([]);
  expect(names).not.toContain('.briefings.lock');
  for (const pdf of pdfsIn(out)) expect(pdfIsComplete(path.join(out, pdf)), `${pdf} is complete`).toBe(true);
  // The PDFs of the last complete build are still there, each the old file or a complete new one.
  for (const [name, hash] of previous) {
    const file = path.join(out, name);
    expect(existsSync(file), `${name} is still there`).toBe(true);
    if (sha(file) !== hash) expect(pdfIsComplete(file), `${name} was replaced by a complete PDF`).toBe(true);
  }
  // The manifest, when there is one, is whole JSON.
  const manifest = path.join(out, '.briefings-manifest.json');
  if (existsSync(manifest)) expect(() => JSON.parse(readFileSync(manifest, 'utf8')) as unknown).not.toThrow();
}

describe.sequential('interrupting `briefings build`', () => {
  it('the complete build before left its PDFs', () => {
    expect([...previous.keys()].sort()).toEqual(BASE_BRIEFINGS.map((b) => `${b.name}.pdf`).sort());
  });

  it('SIGINT after the first PDF: exit 130, browser closed, out/ consistent', { timeout: 90_000 }, async () => {
    const before = pgrep('puppeteer_dev_chrome_profile');
    const result = await interruptBuild('SIGINT');
    expect(result.run.stderr).toContain('SIGINT: stopping');
    await expectConsistent(result, before, 130);
  });

  it('SIGTERM after the first PDF: exit 143, browser closed, out/ consistent', { timeout: 90_000 }, async () => {
    const before = pgrep('puppeteer_dev_chrome_profile');
    const result = await interruptBuild('SIGTERM');
    expect(result.run.stderr).toContain('SIGTERM: stopping');
    await expectConsistent(result, before, 143);
  });

  // A closed terminal or SSH session: it used to exit 129 leaving Chrome, its profile and the lock.
  it('SIGHUP after the first PDF: exit 129, browser closed, out/ consistent', { timeout: 90_000 }, async () => {
    const before = pgrep('puppeteer_dev_chrome_profile');
    const result = await interruptBuild('SIGHUP');
    expect(result.run.stderr).toContain('SIGHUP: stopping');
    await expectConsistent(result, before, 129);
  });
});

describe('closing the session while pages are being opened', () => {
  it('fails those pages at once instead of after puppeteer’s 30 s target time-out', { timeout: 60_000 }, async () => {
    const session = new BrowserSession();
    try {
      // The first page launches the browser; the next ones are opened in it.
      await session.withPage(new Map(), async () => undefined);
      const settled = Promise.allSettled([1, 2, 3].map(() => session.withPage(new Map(), async () => 'printed')));
      // Opening a page takes Chrome a few hundred milliseconds: close while they are under way.
      await sleep(20);
      const started = performance.now();
      await session.close();
      const results = await settled;
      expect(performance.now() - started).toBeLessThan(5_000);
      for (const result of results) {
        expect(result.status).toBe('rejected');
        if (result.status === 'rejected') expect(result.reason).toMatchObject({ code: 'interrupted' });
      }
      // Once closed, the session can be used again (a build that passed its own session in).
      await expect(session.withPage(new Map(), async () => 'printed')).resolves.toBe('printed');
    } finally {
      await session.close();
    }
  });
});
