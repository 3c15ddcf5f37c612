import path from 'node:path';
import { buildBriefings, type BriefingResult } from '../build/build-briefings.ts';
import { createProgress } from '../build/progress.ts';
import { parseShard } from '../build/select.ts';
import { loadConfig, resolveFrom } from '../load/load-config.ts';
import { BriefingError, formatProblem } from '../problems.ts';
import { EXIT, exitCodeFor } from './exit-codes.ts';
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
  browserWs?: string;
}

function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new BriefingError('usage', `${flag} takes a whole number of at least 1; found ${value}`);
  return n;
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
  const year = opts.year === undefined ? undefined : positiveInt(opts.year, '--year');
  // With --json, stdout carries only the summary; the human lines go to stderr.
  const say = opts.json ? io.err : io.out;
  const live = !opts.json && !!io.isTTY && !process.env.NO_COLOR && !process.env.CI && !!io.errRaw;
  const progress = createProgress({ live, write: live && io.errRaw ? io.errRaw : (t) => say(t.replace(/\n$/, '')) });

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
      dataDir: path.resolve(opts.data ?? resolveFrom(loaded, config.data)),
      templatesDir: path.resolve(opts.templates ?? resolveFrom(loaded, config.templates)),
      outDir,
      briefings: config.briefings,
      departmentEditions: config.departmentEditions,
      names: opts.names,
      selection: { department: opts.department, year, shard: opts.shard ? parseShard(opts.shard) : undefined },
      force: opts.force,
      html: opts.html,
      outputs: config.outputs,
      concurrency: positiveInt(opts.concurrency, '--concurrency') ?? config.concurrency,
      timeoutMs: config.timeoutSeconds * 1000,
      browserWSEndpoint: opts.browserWs,
      onPlan: progress.onPlan,
      onStart: progress.onStart,
      onResult: (r) => {
        progress.onResult(r);
        for (const url of r.blocked) io.err(`  ! ${r.name}: blocked a request to ${url} (pages may only use their own assets)`);
        if (r.error instanceof BriefingError) for (const p of r.error.problems) io.err(`  ${formatProblem(p)}`);
        else if (r.error) io.err(r.error.stack ?? String(r.error));
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
