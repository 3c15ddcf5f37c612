import { readFileSync, statSync, utimesSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HEARTBEAT_MS, LOCK_FILE, lockOutput, STALE_MS, type OutputLock } from '../../src/build/output-lock.ts';
import { MANIFEST_FILE } from '../../src/build/manifest.ts';
import { BriefingError } from '../../src/problems.ts';
import { filesIn, pdfsIn, removeTempDirs, runCli, sleep, STACK_LINE, tempDir } from '../support/hardening-helpers.ts';

afterAll(removeTempDirs);

/**
 * The output lock (out/.briefings.lock): released on every way out of a build, taken over only
 * from a build that is gone (judged by host, process start and heartbeat), and atomically.
 */
const SMALL = 'mic-fy2026-vs-fy2025';
const lockIn = (out: string) => path.join(out, LOCK_FILE);

/** Writes a lock as another build would have, with its last heartbeat `ageMs` ago. */
function writeLock(out: string, holder: Record<string, unknown>, ageMs = 0): string {
  const text = JSON.stringify({ started: '2026-01-01T00:00:00.000Z', ...holder });
  writeFileSync(lockIn(out), text);
  const touched = new Date(Date.now() - ageMs);
  utimesSync(lockIn(out), touched, touched);
  return text;
}

const refusal = (run: () => Promise<unknown>) =>
  run().then(
    () => undefined,
    (e: unknown) => e,
  );

describe('every early error of a build releases the lock', () => {
  it('an invalid SOURCE_DATE_EPOCH (abc) is a usage error (64), before anything is locked or built', { timeout: 90_000 }, async () => {
    const out = tempDir('lock-epoch');
    const run = await runCli(['build', SMALL, '--force', '--out', out], { SOURCE_DATE_EPOCH: 'abc' });
    expect(run.code, run.stdout + run.stderr).toBe(64);
    // It used to leave out/.briefings.lock behind.
    expect(filesIn(out)).toEqual([]);
    expect(run.stderr).toContain('SOURCE_DATE_EPOCH');
    expect(run.stderr).toContain('"abc"');
    expect(run.stdout + run.stderr).not.toMatch(STACK_LINE);
  });

  it('a SOURCE_DATE_EPOCH beyond the year 9999 (99999999999999) is refused instead of writing D:0NaN dates', { timeout: 90_000 }, async () => {
    const out = tempDir('lock-epoch-range');
    const run = await runCli(['build', SMALL, '--force', '--out', out], { SOURCE_DATE_EPOCH: '99999999999999' });
    expect(run.code, run.stdout + run.stderr).toBe(64);
    expect(run.stderr).toContain('the end of the year 9999');
    expect(pdfsIn(out)).toEqual([]);
    expect(filesIn(out)).not.toContain(LOCK_FILE);
  });

  it('a manifest path that is a folder fails the build (exit 2, naming it) and leaves no lock', { timeout: 90_000 }, async () => {
    const out = tempDir('lock-manifest-folder');
    mkdirSync(path.join(out, MANIFEST_FILE));
    const run = await runCli(['build', SMALL, '--force', '--out', out]);
    const output = run.stdout + run.stderr;
    expect(run.code, output).toBe(2);
    expect(output).toContain(`${path.join(out, MANIFEST_FILE)} is a folder`);
    expect(output).not.toMatch(STACK_LINE);
    expect(filesIn(out)).toEqual([MANIFEST_FILE]);
  });
});

describe('who holds a lock', () => {
  const held: OutputLock[] = [];
  afterAll(async () => {
    for (const lock of held) await lock.release();
  });

  it('a lock naming PID 1 (restored from a CI cache) whose heartbeat is stale is taken over', async () => {
    const out = tempDir('lock-pid1');
    writeLock(out, { pid: 1 }, STALE_MS + 60_000);
    const lock = await lockOutput(out);
    expect(JSON.parse(readFileSync(lockIn(out), 'utf8'))).toMatchObject({ pid: process.pid, host: os.hostname() });
    await lock.release();
    expect(filesIn(out)).toEqual([]);
  });

  it('a lock naming PID 1 on this host with another process start is taken over however fresh', async () => {
    const out = tempDir('lock-pid1-start');
    writeLock(out, { pid: 1, host: os.hostname(), processStart: 'another-boot:1' });
    const lock = await lockOutput(out);
    await lock.release();
    expect(filesIn(out)).toEqual([]);
  });

  it('a lock from another host is respected while its heartbeat is fresh, and taken over once stale', async () => {
    const out = tempDir('lock-other-host');
    const text = writeLock(out, { pid: 4242, host: 'ci-runner-elsewhere', processStart: 'x:1' }, 1_000);
    const error = await refusal(() => lockOutput(out));
    expect(error).toBeInstanceOf(BriefingError);
    expect((error as BriefingError).message).toContain('another build (process 4242 on ci-runner-elsewhere');
    expect(readFileSync(lockIn(out), 'utf8')).toBe(text);

    writeLock(out, { pid: 4242, host: 'ci-runner-elsewhere', processStart: 'x:1' }, STALE_MS + 1_000);
    const lock = await lockOutput(out);
    await lock.release();
    expect(filesIn(out)).toEqual([]);
  });

  it('a running build’s lock is refused to a second build of the same process, and kept', async () => {
    const out = tempDir('lock-live');
    const lock = await lockOutput(out);
    held.push(lock);
    const text = readFileSync(lockIn(out), 'utf8');
    const error = await refusal(() => lockOutput(out));
    expect((error as BriefingError).message).toContain(`another build (process ${process.pid}`);
    expect(readFileSync(lockIn(out), 'utf8')).toBe(text);
  });

  it('is refreshed by its build’s heartbeat, so that a long build is never taken for a stale one', { timeout: 30_000 }, async () => {
    const out = tempDir('lock-heartbeat');
    const lock = await lockOutput(out);
    try {
      const old = new Date(Date.now() - STALE_MS - 60_000);
      utimesSync(lockIn(out), old, old);
      await sleep(HEARTBEAT_MS + 2_000);
      expect(Date.now() - statSync(lockIn(out)).mtimeMs).toBeLessThan(HEARTBEAT_MS + 2_000);
    } finally {
      await lock.release();
    }
  });
});

describe('taking over a stale lock', () => {
  it('is atomic: of many builds racing for a stale lock exactly one gets it, the others refuse, no lock is lost', async () => {
    const out = tempDir('lock-race');
    writeLock(out, { pid: 1 }, STALE_MS + 60_000);
    const attempts = await Promise.allSettled(Array.from({ length: 12 }, () => lockOutput(out)));
    const winners = attempts.filter((a): a is PromiseFulfilledResult<OutputLock> => a.status === 'fulfilled');
    expect(winners).toHaveLength(1);
    for (const a of attempts)
      if (a.status === 'rejected') expect((a.reason as BriefingError).message).toContain(`another build (process ${process.pid}`);
    // The winner's lock is the one on disk, whole, and nothing else is left beside it.
    expect(JSON.parse(readFileSync(lockIn(out), 'utf8'))).toMatchObject({ pid: process.pid });
    expect(filesIn(out)).toEqual([LOCK_FILE]);
    await winners[0]?.value.release();
    expect(existsSync(lockIn(out))).toBe(false);
  });

  it('never removes a lock another build wrote after it was judged: releasing checks it is still ours', async () => {
    const out = tempDir('lock-not-ours');
    const lock = await lockOutput(out);
    // Another build took it over meanwhile (as if this one had been judged gone).
    const theirs = writeLock(out, { pid: 4242, host: 'elsewhere', token: 'theirs' });
    await lock.release();
    expect(readFileSync(lockIn(out), 'utf8')).toBe(theirs);
  });
});
