import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { link, mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { BriefingError } from '../problems.ts';
import { onExit } from '../process/exit-cleanup.ts';
import { isProcessAlive as alive } from '../process/process-alive.ts';

export const LOCK_FILE = '.briefings.lock';
/** The temporary files of writeAtomically: .<name>.<uuid>.tmp */
const TEMP_FILE = /^\..+\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.tmp$/;
/** A lock being claimed: written whole, then linked into place. */
const CLAIM_FILE = /^\.briefings\.lock\.[0-9a-f-]{36}\.claim$/;

/** The lock file is touched this often while its build runs … */
export const HEARTBEAT_MS = 5_000;
/** … so one untouched for this long belongs to no running build (another machine's, a cache's). */
export const STALE_MS = 60_000;
/** Taking over a stale lock takes milliseconds; a takeover marker older than this was left by a crash. */
const TAKEOVER_STALE_MS = 10_000;

/** What a lock says about its build. Older locks have only pid and started. */
const LockHolder = z.object({
  pid: z.number().int().positive(),
  started: z.string().optional(),
  host: z.string().optional(),
  /** Tells this process apart from a later one with the same pid (Linux: boot id and start tick). */
  processStart: z.string().optional(),
  /** Unique per build: only the build that wrote the lock removes or refreshes it. */
  token: z.string().optional(),
});
type LockHolder = z.infer<typeof LockHolder>;

/** When a process started, in a form that differs for every process ever started on this machine (Linux only). */
function processStart(pid: number | 'self'): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // pid (comm) state … : comm may contain spaces and parentheses; starttime is the 22nd field.
    const ticks = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    return ticks ? `${boot}:${ticks}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a lock still belongs to a running build. On this machine the process decides: it must
 * be alive and be the same process that wrote the lock (a pid reused since, like PID 1 in a lock
 * restored from a CI cache, is not). Elsewhere, or where the process cannot be told apart, the
 * heartbeat decides: a lock nobody touched for STALE_MS has no build behind it.
 */
function isHeld(holder: LockHolder, touchedMs: number): boolean {
  const fresh = Date.now() - touchedMs < STALE_MS;
  if (holder.host !== undefined && holder.host !== os.hostname()) return fresh;
  if (!alive(holder.pid)) return false;
  const current = processStart(holder.pid);
  if (holder.processStart !== undefined && current !== undefined) return holder.processStart === current;
  return fresh;
}

interface Seen {
  holder: LockHolder | undefined;
  text: string;
  ino: number;
  mtimeMs: number;
}

/** The lock as it is now; undefined when there is none. A lock that is not readable JSON has no holder. */
async function look(file: string): Promise<Seen | undefined> {
  try {
    const before = await stat(file);
    const text = await readFile(file, 'utf8');
    const after = await stat(file);
    // Replaced while being read: look again.
    if (after.ino !== before.ino) return look(file);
    let holder: LockHolder | undefined;
    try {
      const parsed = LockHolder.safeParse(JSON.parse(text));
      holder = parsed.success ? parsed.data : undefined;
    } catch {
      holder = undefined;
    }
    return { holder, text, ino: after.ino, mtimeMs: after.mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Replaces a stale lock with our claim, atomically, and only if it is still the lock that was
 * judged stale: a build that took it over (or a new one that was just written) in the meantime is
 * never removed. Takers exclude each other with a marker file created exclusively; a new lock can
 * only appear where there was none, so the re-check under the marker is final.
 */
async function takeOver(file: string, claim: string, judged: Seen): Promise<boolean> {
  const marker = `${file}.takeover`;
  try {
    await writeFile(marker, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const left = await stat(marker).catch(() => undefined);
    if (left && Date.now() - left.mtimeMs > TAKEOVER_STALE_MS) await rm(marker, { force: true });
    return false;
  }
  try {
    const now = await look(file);
    if (!now || now.ino !== judged.ino || now.text !== judged.text || now.mtimeMs !== judged.mtimeMs) return false;
    await rename(claim, file);
    return true;
  } finally {
    await rm(marker, { force: true });
  }
}

/** Checks that the output folder can be written, before anything is built. */
export async function checkWritable(outDir: string): Promise<void> {
  const probe = path.join(outDir, `.write-check.${randomUUID()}`);
  try {
    await mkdir(outDir, { recursive: true });
    await writeFile(probe, '');
    await rm(probe, { force: true });
  } catch (error) {
    throw new BriefingError(
      'output',
      `cannot write to ${outDir} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); make it writable or choose another folder with --out`,
      [],
      { cause: error },
    );
  }
}

export interface OutputLock {
  /** Stops the heartbeat and removes the lock if it is still ours, with any temporary files. */
  release: () => Promise<void>;
}

const refuse = (outDir: string, holder: LockHolder) =>
  new BriefingError(
    'output',
    `another build (process ${holder.pid}${holder.host && holder.host !== os.hostname() ? ` on ${holder.host}` : ''}, started ${holder.started ?? 'at an unknown time'}) is writing to ${outDir}; wait for it to finish or build into another folder with --out`,
  );

/**
 * One build at a time per output folder. The lock is written whole under a name of its own and
 * linked into place (so it is never seen half-written); a second build refuses, naming the first;
 * a lock whose build is gone is taken over atomically (see takeOver). While the build runs, the
 * lock is touched every HEARTBEAT_MS. Temporary files a dead build left behind are removed.
 */
export async function lockOutput(outDir: string): Promise<OutputLock> {
  const file = path.join(outDir, LOCK_FILE);
  const token = randomUUID();
  const mine: LockHolder = { pid: process.pid, started: new Date().toISOString(), host: os.hostname(), processStart: processStart('self'), token };
  const text = JSON.stringify(mine);
  const claim = path.join(outDir, `${LOCK_FILE}.${token}.claim`);
  const ours = () => {
    try {
      return readFileSync(file, 'utf8') === text;
    } catch {
      return false;
    }
  };
  // Also when the process is forced out (a signal, a crash): the lock and the claim go with it.
  const forget = onExit(() => {
    rmSync(claim, { force: true });
    if (ours()) rmSync(file, { force: true });
  });
  try {
    for (let attempt = 0; attempt < 20; attempt++) {
      await writeFile(claim, text);
      try {
        await linkOrCreate(claim, file, text);
        await rm(claim, { force: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const seen = await look(file);
        if (!seen) continue;
        if (seen.holder && isHeld(seen.holder, seen.mtimeMs)) throw refuse(outDir, seen.holder);
        if (!(await takeOver(file, claim, seen))) {
          // Another build is taking it over right now: see who won.
          await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 50));
          continue;
        }
      }
      if (!ours()) continue;
      await removeLeftovers(outDir);
      return held(file, ours, forget);
    }
    throw new BriefingError('output', `cannot take the lock ${file}: other builds keep taking it; remove it if no build is running`);
  } catch (error) {
    await rm(claim, { force: true });
    forget();
    throw error;
  }
}

/**
 * Puts the claim in place only if there is no lock (EEXIST otherwise). A hard link shows the lock
 * whole or not at all; where links are not supported, an exclusive create is next best.
 */
async function linkOrCreate(claim: string, file: string, text: string): Promise<void> {
  try {
    await link(claim, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
    await writeFile(file, text, { flag: 'wx' });
  }
}

function held(file: string, ours: () => boolean, forget: () => void): OutputLock {
  let lost = false;
  const heartbeat = setInterval(() => {
    if (lost) return;
    if (!ours()) {
      lost = true;
      return;
    }
    const now = new Date();
    void utimes(file, now, now).catch(() => undefined);
  }, HEARTBEAT_MS);
  // The heartbeat never keeps a finished process alive.
  heartbeat.unref();
  return {
    async release() {
      clearInterval(heartbeat);
      await removeLeftovers(path.dirname(file));
      if (ours()) await rm(file, { force: true });
      forget();
    },
  };
}

/** Runs `fn` holding the output folder's lock, and releases it however `fn` ends. */
export async function withOutputLock<T>(outDir: string, fn: () => Promise<T>): Promise<T> {
  const lock = await lockOutput(outDir);
  try {
    return await fn();
  } finally {
    await lock.release();
  }
}

/** Temporary files (and lock claims older than a takeover) that a build which died left behind. */
async function removeLeftovers(outDir: string): Promise<void> {
  const names = await readdir(outDir).catch(() => [] as string[]);
  await Promise.all(
    names.map(async (n) => {
      const full = path.join(outDir, n);
      if (TEMP_FILE.test(n)) await rm(full, { force: true });
      else if (CLAIM_FILE.test(n)) {
        const info = await stat(full).catch(() => undefined);
        if (info && Date.now() - info.mtimeMs > TAKEOVER_STALE_MS) await rm(full, { force: true });
      }
    }),
  );
}
