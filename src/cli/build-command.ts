import path from 'node:path';
import { buildBriefings } from '../build/build-briefings.ts';
import type { BriefingResult } from '../build/briefing-result.ts';
import { createProgress } from '../build/progress.ts';
import { parseShard } from '../build/select.ts';
import { checkOutputFolder, loadConfig, resolveFrom } from '../load/load-config.ts';
import { BriefingError, formatProblem } from '../problems.ts';
import { EXIT, exitCodeFor } from './exit-codes.ts';
import { describeBlocked } from '../print/blocked-requests.ts';
import { FiscalYear } from '../schema/common.ts';
import { displayPath } from '../format/display-path.ts';
import { buildDate } from '../build/source-date.ts';
import { cleanUpNow } from '../process/exit-cleanup.ts';
import { formatFinding } from '../inspect/layout-finding.ts';

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Raw writes to stderr, for the live progress line. */
  errRaw?: (text: string) => void;
  isTTY?: boolean;
}

export interface BuildCommandOptions {
  names: string[];
  config?: string;
  data?: string;
  templates?: string;
  out?: string;
  concurrency?: string;
  department?: string;
  ministry?: string;
  year?: string;
  shard?: string;
  force?: boolean;
  json?: boolean;
  html?: boolean;
  /** `--strict-layout`: layout findings fail their briefing (or strictLayout: true in the config). */
  strictLayout?: boolean;
  /** `--no-prune` sets this to false. */
  prune?: boolean;
  browser?: string;
  /** `--browser-ws`, once per browser of a pool. */
  browserWs?: string[];
  verbosity?: 'quiet' | 'normal' | 'verbose';
}

function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new BriefingError('usage', `${flag} takes a whole number of at least 1; found ${value}`);
  return n;
}

/** A Western fiscal year as people write it: 2026, not 1e3 or 2026.0. */
function fiscalYear(value: string): number {
  const parsed = FiscalYear.safeParse(/^\d{4}$/.test(value.trim()) ? Number(value) : Number.NaN);
  if (!parsed.success) throw new BriefingError('usage', `--year takes a fiscal year as a Western year from 2019 (令和元年度) on, e.g. 2026; found "${value}"`);
  return parsed.data;
}

export function exitCodeOf(results: readonly BriefingResult[]): number {
  const failed = results.filter((r) => r.status === 'failed');
  if (failed.length === 0) return EXIT.ok;
  // The worst failure decides: a missing browser is reported as such, not as a render error.
  const codes = failed.map((r) => (r.error instanceof BriefingError ? exitCodeFor(r.error.code) : EXIT.render));
  return codes.includes(EXIT.browser) ? EXIT.browser : Math.max(...codes);
}

/** The exit code of a build ended by a signal: 128 + its number, as shells report it. */
const SIGNAL_EXIT = { SIGHUP: EXIT.hangup, SIGINT: EXIT.interrupted, SIGTERM: EXIT.terminated } as const;
type StopSignal = keyof typeof SIGNAL_EXIT;
/**
 * How long the orderly stop (close the browser, keep out/ consistent, release the lock) may take.
 * After that the process ends anyway; what must not outlive it (the browser, its profile,
 * temporary files, the lock) is undone first (see exit-cleanup.ts).
 */
const GRACE_MS = 1500;

/** `briefings build`: builds, reports each briefing, and returns the exit code. */
export async function runBuild(opts: BuildCommandOptions, io: Io): Promise<number> {
  // Ctrl-C, SIGTERM or a closed terminal (SIGHUP), in whatever state the build is: stop starting
  // briefings, close the browser, keep out/ consistent, then exit 130/143/129 within GRACE_MS.
  // A second signal exits at once.
  const controller = new AbortController();
  let signalled: StopSignal | undefined;
  let forced: NodeJS.Timeout | undefined;
  const signals = Object.keys(SIGNAL_EXIT) as StopSignal[];
  /**
   * The orderly stop did not finish (something the build waits for cannot be interrupted, e.g. a
   * read from a FIFO or a terminal): undo what must not outlive the process, then end by the
   * signal itself, which shells report as 128 + its number like the exit code. process.exit
   * would wait for that read for ever, as Node joins its I/O threads on the way out.
   */
  const forceStop = (signal: StopSignal) => {
    cleanUpNow();
    for (const s of signals) process.off(s, onSignal);
    process.kill(process.pid, signal);
    // Only reached if someone else also listens for the signal.
    process.exit(SIGNAL_EXIT[signal]);
  };
  function onSignal(signal: StopSignal) {
    if (signalled) forceStop(signalled);
    signalled = signal;
    try {
      io.err(`\n${signal}: stopping; the browser is closed and unfinished briefings are not written`);
    } catch {
      // The terminal is gone (SIGHUP): stopping matters more than saying so.
    }
    forced = setTimeout(() => forceStop(signal), GRACE_MS);
    controller.abort();
  }
  for (const signal of signals) process.on(signal, onSignal);

  let results: BriefingResult[];
  let outDir: string;
  let say: (text: string) => void = io.out;
  try {
    // Checked before anything is read or locked (buildBriefings checks it too, for other callers).
    buildDate(process.env);
    const loaded = await loadConfig(opts.config);
    const { config } = loaded;
    outDir = path.resolve(opts.out ?? resolveFrom(loaded, config.out));
    const year = opts.year === undefined ? undefined : fiscalYear(opts.year);
    const dataDir = path.resolve(opts.data ?? resolveFrom(loaded, config.data));
    const templatesDir = path.resolve(opts.templates ?? resolveFrom(loaded, config.templates));
    await checkOutputFolder({ out: outDir, data: dataDir, templates: templatesDir }, opts.out ? { flag: '--out' } : { config: loaded });
    // With --json, stdout carries only the summary; the human lines go to stderr.
    say = opts.json ? io.err : io.out;
    const verbosity = opts.verbosity ?? 'normal';
    const live = verbosity !== 'quiet' && !opts.json && !!io.isTTY && !process.env.NO_COLOR && !process.env.CI && !!io.errRaw;
    const progress = createProgress({
      live,
      write: live && io.errRaw ? io.errRaw : (t) => say(t.replace(/\n$/, '')),
      // Quiet: a failure is still worth a line; built and up-to-date briefings are not.
      show: verbosity === 'quiet' ? (r) => r.status === 'failed' : () => true,
    });
    // One browser error (none installed, a wrong path, a missing library) fails every briefing alike: say it once.
    const saidErrors = new Set<string>();
    try {
      results = await buildBriefings({
        signal: controller.signal,
        dataDir,
        templatesDir,
        outDir,
        briefings: config.briefings,
        departmentEditions: config.departmentEditions,
        latestComparison: config.latestComparison,
        names: opts.names,
        selection: { department: opts.department, ministry: opts.ministry, year, shard: opts.shard ? parseShard(opts.shard) : undefined },
        force: opts.force,
        html: opts.html,
        strictLayout: opts.strictLayout || config.strictLayout,
        outputs: config.outputs,
        author: config.author,
        prune: opts.prune ?? true,
        onPrune: (file) => verbosity !== 'quiet' && say(`- ${displayPath(file)} (removed: no longer in the config)`),
        concurrency: positiveInt(opts.concurrency, '--concurrency') ?? config.concurrency,
        timeoutMs: config.timeoutSeconds * 1000,
        browserWSEndpoints: opts.browserWs?.length ? opts.browserWs : config.browserWs,
        executablePath: opts.browser,
        onNotice: (text) => verbosity !== 'quiet' && io.err(`note: ${text}`),
        onPlan: progress.onPlan,
        // Editions are used as published; where a later one restates a figure, say which briefings use the restated one.
        onRestated: (spec, restatements) => {
          for (const r of restatements) io.err(`  ~ ${spec.name}: uses a figure a later edition restates: ${r} (the later edition is used)`);
        },
        onStart: progress.onStart,
        onResult: (r) => {
          const repeated = r.error instanceof BriefingError && r.error.code === 'browser' && saidErrors.has(r.error.message);
          if (r.error instanceof BriefingError && r.error.code === 'browser') saidErrors.add(r.error.message);
          progress.onResult(repeated ? { ...r, error: new BriefingError('browser', 'not printed: no browser (see above)') } : r);
          for (const entry of r.blocked) io.err(`  ${describeBlocked(r.name, entry)}`);
          // One line each: briefing, page, element, what. Errors when they failed the briefing, else warnings.
          if (r.status === 'failed' || verbosity !== 'quiet')
            for (const finding of r.layout ?? []) io.err(`  ${r.status === 'failed' ? '✗' : '!'} layout: ${formatFinding(finding)}`);
          if (r.error instanceof BriefingError) {
            if (!repeated) for (const p of r.error.problems) io.err(`  ${formatProblem(p)}`);
          } else if (r.error) io.err(r.error.stack ?? String(r.error));
          if (verbosity === 'verbose' && r.timings)
            say(`    ${Object.entries(r.timings).map(([step, ms]) => `${step} ${Math.round(ms)} ms`).join(', ')}`);
        },
      });
    } finally {
      progress.finish();
    }
  } catch (error) {
    // Stopped by the signal part-way (e.g. before the briefings were planned): its exit code, no stack.
    if (signalled) return SIGNAL_EXIT[signalled];
    throw error;
  } finally {
    for (const signal of signals) process.off(signal, onSignal);
    clearTimeout(forced);
  }

  const count = (s: BriefingResult['status']) => results.filter((r) => r.status === s).length;
  const code = signalled ? SIGNAL_EXIT[signalled] : exitCodeOf(results);
  say(`${count('built')} built, ${count('skipped')} up to date, ${count('failed')} failed (${results.length} briefings, ${displayPath(outDir)})`);
  if (opts.json)
    io.out(
      JSON.stringify(
        {
          exitCode: code,
          built: count('built'),
          skipped: count('skipped'),
          failed: count('failed'),
          briefings: results.map((r) => ({
            name: r.name,
            status: r.status,
            file: r.file ?? null,
            pages: r.pages ?? null,
            bytes: r.bytes ?? null,
            sha256: r.sha256 ?? null,
            durationMs: r.durationMs,
            timings: r.timings ?? null,
            error: r.error?.message ?? null,
            blocked: r.blocked,
            layout: r.layout ?? [],
          })),
        },
        null,
        2,
      ),
    );
  return code;
}
