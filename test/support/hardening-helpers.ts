import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (vitest may be started from elsewhere). */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DATA = path.join(ROOT, 'data');
export const TEMPLATES = path.join(ROOT, 'templates');
export const CLI = path.join(ROOT, 'bin', 'briefings.js');

const made: string[] = [];

/** A fresh empty folder in the temp folder (removed by removeTempDirs). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `hardening-${prefix}-`));
  made.push(dir);
  return dir;
}

/** Removes the folders tempDir made in this test file; KEEP_TEMP=1 keeps them for a look. */
export function removeTempDirs(): void {
  if (process.env.KEEP_TEMP) return;
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A throw-away copy of a folder (data/ or templates/). */
export function copyOf(source: string, prefix: string): string {
  const dir = tempDir(prefix);
  cpSync(source, dir, { recursive: true });
  return dir;
}

/** The names in a folder (not below it), sorted; none when it does not exist. */
export const filesIn = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).sort() : []);

/** Temporary files of writeAtomically (.<name>.<uuid>.tmp) or anything else ending in .tmp. */
export const tempFilesIn = (dir: string): string[] => filesIn(dir).filter((n) => n.endsWith('.tmp'));

export const pdfsIn = (dir: string): string[] => filesIn(dir).filter((n) => n.endsWith('.pdf'));

/** pdfinfo accepts the file (a complete PDF: header, xref and trailer all readable). */
export function pdfIsComplete(file: string): boolean {
  try {
    const out = execFileSync('pdfinfo', [file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return /^Pages:\s+[1-9]\d*$/m.test(out);
  } catch {
    return false;
  }
}

export function pdfInfo(file: string): Record<string, string> {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const rows = out.split('\n').map((line) => /^([^:]+):\s*(.*)$/.exec(line));
  return Object.fromEntries(rows.filter((m): m is RegExpExecArray => m !== null).map((m) => [m[1] ?? '', m[2] ?? '']));
}

/** The text of a PDF as drawn, with all white space removed (wrapped text stays whole). */
export function pdfCompactText(file: string): string {
  return execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

/** A line of a JavaScript stack trace, as a bug report would print it. */
export const STACK_LINE = /^ {4}at /m;

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts `node bin/briefings.js …` from the repository root. */
export function startCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', CI: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Collects a started CLI's output until it exits; fails when it takes longer than timeoutMs. */
export function finished(child: ChildProcess, timeoutMs = 60_000): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the CLI did not exit within ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

export const runCli = (args: readonly string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 60_000): Promise<CliRun> =>
  finished(startCli(args, env), timeoutMs);

export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** The executable's short name, e.g. chromium. */
  comm: string;
  /** The command line, arguments separated by spaces. */
  cmdline: string;
}

/** Every process the kernel shows in /proc (those that exit meanwhile are left out). */
export function listProcesses(): ProcessInfo[] {
  const rows: ProcessInfo[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // pid (comm) state ppid …; comm may itself contain spaces and parentheses.
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      if (fields[0] === 'Z') continue;
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ').trim();
      rows.push({ pid: Number(name), ppid: Number(fields[1]), comm, cmdline });
    } catch {
      // gone meanwhile
    }
  }
  return rows;
}

/** The processes below a process (children, grandchildren, …). */
export function descendants(root: number, all: readonly ProcessInfo[] = listProcesses()): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  let frontier = [root];
  while (frontier.length > 0) {
    const children = all.filter((p) => frontier.includes(p.ppid));
    found.push(...children);
    frontier = children.map((p) => p.pid);
  }
  return found;
}

export const isChromium = (p: ProcessInfo): boolean => /chrom/i.test(p.comm) || /\bchromium\b|\/chrome\b/.test(p.cmdline.split(' ')[0] ?? '');

/** The Chromium processes started (directly or not) by a process: the browser, its zygotes, renderers, GPU and utility processes. */
export const chromiumBelow = (root: number): ProcessInfo[] => descendants(root).filter(isChromium);

export const isRenderer = (p: ProcessInfo): boolean => p.cmdline.includes('--type=renderer');

/** The profile folder puppeteer made for a browser it launched (in its command line). */
export function userDataDir(p: ProcessInfo): string | undefined {
  return /--user-data-dir=(\S+)/.exec(p.cmdline)?.[1];
}

/** pgrep -f: the pids whose command line matches; none when there are none. */
export function pgrep(pattern: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', pattern], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map(Number);
  } catch {
    return [];
  }
}

/** Proportional set size of a process in KiB (0 when it is gone). */
export function pssKiB(pid: number): number {
  try {
    const m = /^Pss:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return Number(m?.[1] ?? 0);
  } catch {
    return 0;
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until a condition holds, or the time is up; returns whether it held. */
export async function waitFor(condition: () => boolean, timeoutMs: number, everyMs = 100): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (condition()) return true;
    if (Date.now() > until) return false;
    await sleep(everyMs);
  }
}
