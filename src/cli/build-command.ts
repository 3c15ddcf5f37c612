import path from 'node:path';
import { buildBriefings, type BriefingResult } from '../build/build-briefings.ts';
import { createProgress } from '../build/progress.ts';
import { parseShard } from '../build/select.ts';
import { checkOutputFolder, loadConfig, resolveFrom } from '../load/load-config.ts';
import { BriefingError, formatProblem } from '../problems.ts';
import { EXIT, exitCodeFor } from './exit-codes.ts';
import { describeBlocked } from '../print/blocked-requests.ts';
import { FiscalYear } from '../schema/common.ts';
import { displayPath } from '../format/display-path.ts';

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
  year?: string;
  shard?: string;
  force?: boolean;
  json?: boolean;
  html?: boolean;
  /** `--no-prune` sets this to false. */
  prune?: boolean;
  browser?: string;
  browserWs?: string;
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

/** `briefings build`: builds, reports each briefing, and returns the exit code. */
export async function runBuild(opts: BuildCommandOptions, io: Io): Promise<number> {
  const loaded = await loadConfig(opts.config);
  const { config } = loaded;
  const outDir = path.resolve(opts.out ?? resolveFrom(loaded, config.out));
  const year = opts.year === undefined ? undefined : fiscalYear(opts.year);
  const dataDir = path.resolve(opts.data ?? resolveFrom(loaded, config.data));
  const templatesDir = path.resolve(opts.templates ?? resolveFrom(loaded, config.templates));
  await checkOutputFolder({ out: outDir, data: dataDir, templates: templatesDir }, opts.out ? { flag: '--out' } : { config: loaded });
  // With --json, stdout carries only the summary; the human lines go to stderr.
  const say = opts.json ? io.err : io.out;
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

  // Ctrl-C or SIGTERM: stop starting briefings, close the browser, keep out/ consistent, then
  // exit 130/143. A second signal exits at once.
  const controller = new AbortController();
  let signalled: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) process.exit(128 + (signal === 'SIGTERM' ? 15 : 2));
    signalled = signal;
    io.err(`\n${signal}: stopping; the browser is closed and unfinished briefings are not written`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  let results: BriefingResult[];
  try {
    results = await buildBriefings({
      signal: controller.signal,
      dataDir,
      templatesDir,
      outDir,
      briefings: config.briefings,
      departmentEditions: config.departmentEditions,
      names: opts.names,
      selection: { department: opts.department, year, shard: opts.shard ? parseShard(opts.shard) : undefined },
      force: opts.force,
      html: opts.html,
      prune: opts.prune ?? true,
      onPrune: (file) => verbosity !== 'quiet' && say(`- ${displayPath(file)} (removed: no longer in the config)`),
      concurrency: positiveInt(opts.concurrency, '--concurrency') ?? config.concurrency,
      timeoutMs: config.timeoutSeconds * 1000,
      browserWSEndpoint: opts.browserWs,
      executablePath: opts.browser,
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
        if (r.error instanceof BriefingError) {
          if (!repeated) for (const p of r.error.problems) io.err(`  ${formatProblem(p)}`);
        } else if (r.error) io.err(r.error.stack ?? String(r.error));
        if (verbosity === 'verbose' && r.timings)
          say(`    ${Object.entries(r.timings).map(([step, ms]) => `${step} ${Math.round(ms)} ms`).join(', ')}`);
      },
    });
  } finally {
    progress.finish();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }

  const count = (s: BriefingResult['status']) => results.filter((r) => r.status === s).length;
  const code = signalled ? 128 + (signalled === 'SIGTERM' ? 15 : 2) : exitCodeOf(results);
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
          })),
        },
        null,
        2,
      ),
    );
  return code;
}
