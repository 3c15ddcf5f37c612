import { execFile, spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildBriefings } from '../build/build-briefings.ts';
import type { BuildConfig } from '../schema/config.ts';
import { BriefingError } from '../problems.ts';

const run = promisify(execFile);

/** `git archive <rev> -- <paths> | tar -x -C <dir>`: the revision's files, without touching the working tree. */
async function extract(repo: string, rev: string, paths: string[], dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await new Promise<void>((resolve, reject) => {
    const git = spawn('git', ['-C', repo, 'archive', '--format=tar', rev, '--', ...paths], { stdio: ['ignore', 'pipe', 'pipe'] });
    const tar = spawn('tar', ['-x', '-C', dir], { stdio: ['pipe', 'ignore', 'pipe'] });
    let errors = '';
    git.stderr.on('data', (d: Buffer) => (errors += d.toString()));
    tar.stderr.on('data', (d: Buffer) => (errors += d.toString()));
    git.stdout.pipe(tar.stdin);
    let pending = 2;
    const done = (what: string) => (code: number | null) => {
      if (code !== 0) reject(new BriefingError('usage', `git revision ${rev}: ${what} failed: ${errors.trim() || `exit ${code}`}; name a commit, branch or tag that has ${paths.join(' and ')}`));
      else if (--pending === 0) resolve();
    };
    git.on('error', () => reject(new BriefingError('usage', 'git was not found; --git needs git on the PATH')));
    git.on('close', done('git archive'));
    tar.on('close', done('tar'));
  });
}

/**
 * Builds the data and templates of a git revision with the current tool into `dir`/out, so that
 * the current build can be compared with it. The revision's files are extracted to `dir`; the
 * working tree is left alone.
 */
export async function buildRevision(rev: string, options: { dataDir: string; templatesDir: string; config: BuildConfig; dir: string; onLine?: (s: string) => void }): Promise<string> {
  let repo: string;
  try {
    repo = (await run('git', ['-C', path.dirname(options.dataDir), 'rev-parse', '--show-toplevel'])).stdout.trim();
  } catch {
    throw new BriefingError('usage', `${options.dataDir} is not inside a git repository; --git compares with a revision of its repository`);
  }
  const rel = (p: string) => path.relative(repo, p).split(path.sep).join('/');
  await extract(repo, rev, [rel(options.dataDir), rel(options.templatesDir)], options.dir);
  const outDir = path.join(options.dir, 'out');
  const outputs = [...new Set([...options.config.outputs, 'pdf' as const, 'json' as const])];
  const results = await buildBriefings({
    dataDir: path.join(options.dir, rel(options.dataDir)),
    templatesDir: path.join(options.dir, rel(options.templatesDir)),
    outDir,
    briefings: options.config.briefings,
    departmentEditions: options.config.departmentEditions,
    author: options.config.author,
    outputs,
    force: true,
    concurrency: options.config.concurrency,
    timeoutMs: options.config.timeoutSeconds * 1000,
    onResult: (r) => options.onLine?.(`  ${r.status === 'failed' ? '✗' : '✓'} ${rev}: ${r.name}${r.error ? ` (${r.error.message})` : ''}`),
  });
  const failed = results.filter((r) => r.status === 'failed');
  if (failed.length === results.length && results.length > 0)
    throw new BriefingError('render', `no briefing of revision ${rev} could be built: ${failed[0]?.error?.message ?? ''}`);
  return outDir;
}
