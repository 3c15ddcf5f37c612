import path from 'node:path';
import { buildBriefings, type BriefingResult } from '../build/build-briefings.ts';
import { BriefingError, formatProblem } from '../problems.ts';
import { EXIT, exitCodeFor } from './exit-codes.ts';

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export interface BuildCommandOptions {
  names: string[];
  data: string;
  templates: string;
  out: string;
  concurrency: string;
}

function describe(result: BriefingResult): string {
  if (result.status === 'built')
    return `✓ ${path.relative(process.cwd(), result.file ?? '')} (${result.pages} pages, ${Math.round((result.bytes ?? 0) / 1024)} KB, ${(result.durationMs / 1000).toFixed(1)} s)`;
  return `✗ ${result.name}: ${result.error?.message ?? 'failed'}`;
}

/** `briefings build`: prints a line per briefing and returns the exit code. */
export async function runBuild(opts: BuildCommandOptions, io: Io): Promise<number> {
  const concurrency = Number(opts.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new BriefingError('usage', `--concurrency takes a whole number of at least 1; found ${opts.concurrency}`);
  const results = await buildBriefings({
    dataDir: path.resolve(opts.data),
    templatesDir: path.resolve(opts.templates),
    outDir: path.resolve(opts.out),
    names: opts.names,
    concurrency,
    onResult: (r) => {
      (r.status === 'built' ? io.out : io.err)(describe(r));
      for (const url of r.blocked) io.err(`  ! ${r.name}: blocked a request to ${url} (pages may only use their own assets)`);
      if (r.error instanceof BriefingError) for (const p of r.error.problems) io.err(`  ${formatProblem(p)}`);
      else if (r.error && !(r.error instanceof BriefingError)) io.err(r.error.stack ?? String(r.error));
    },
  });
  const failed = results.filter((r) => r.status === 'failed');
  io.out(`${results.length - failed.length} of ${results.length} briefings built into ${path.relative(process.cwd(), path.resolve(opts.out)) || '.'}`);
  if (failed.length === 0) return EXIT.ok;
  // The worst failure decides: a missing browser is reported as such, not as a render error.
  const codes = failed.map((r) => (r.error instanceof BriefingError ? exitCodeFor(r.error.code) : EXIT.render));
  return codes.includes(EXIT.browser) ? EXIT.browser : Math.max(...codes);
}
