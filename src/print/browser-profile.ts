import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isProcessAlive as alive } from '../process/process-alive.ts';

/**
 * The profile folder of a browser the build launches. Puppeteer's own
 * (puppeteer_dev_chrome_profile-*) is removed only when puppeteer closes the browser, so an
 * interrupted build left one behind every time; this one is made and removed by the build, also
 * on a forced exit, and a folder left by a build that was killed outright is removed by the next.
 */
const PREFIX = 'briefings-chrome-';
/** briefings-chrome-<pid>-<random>: the pid tells whether the build that made it is still running. */
const NAME = /^briefings-chrome-(\d+)-[A-Za-z0-9]{6}$/;

export function createProfile(): string {
  removeAbandonedProfiles();
  return mkdtempSync(path.join(os.tmpdir(), `${PREFIX}${process.pid}-`));
}

/** The processes (on Linux, from /proc) whose command line names this profile folder. */
function processesUsing(profile: string): number[] {
  const flag = `--user-data-dir=${profile}`;
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    if (!/^\d+$/.test(name)) return [];
    try {
      return readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').includes(flag) ? [Number(name)] : [];
    } catch {
      return [];
    }
  });
}

/**
 * Ends every process of the browser using this profile, synchronously (it may run while the
 * process exits). The browser was started in a process group of its own, so killing the group
 * takes its renderers and helpers along; the /proc look-up finds a browser that was still being
 * launched, before puppeteer knew its pid.
 */
export function killBrowser(profile: string, pid?: number): void {
  const pids = new Set(processesUsing(profile));
  if (pid !== undefined) pids.add(pid);
  for (const p of pids) {
    for (const target of [-p, p]) {
      try {
        process.kill(target, 'SIGKILL');
      } catch {
        // already gone, or not a group leader
      }
    }
  }
}

/** Kills what still uses the profile, then removes it. */
export function removeProfile(profile: string, pid?: number): void {
  killBrowser(profile, pid);
  // A killed Chrome can still be closing files for a moment.
  rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
}

/** Profiles of builds that were killed outright (SIGKILL, power loss) on this machine. */
function removeAbandonedProfiles(): void {
  let names: string[];
  try {
    names = readdirSync(os.tmpdir());
  } catch {
    return;
  }
  for (const name of names) {
    const owner = NAME.exec(name)?.[1];
    if (owner === undefined || Number(owner) === process.pid || alive(Number(owner))) continue;
    const profile = path.join(os.tmpdir(), name);
    try {
      // With it goes a browser the killed build left running, which nothing would ever close.
      removeProfile(profile);
    } catch {
      // someone else's, or in use: not ours to insist on
    }
  }
}
