import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, resolveFrom } from '../load/load-config.ts';
import { BriefingError } from '../problems.ts';
import { diffBuilds } from '../diff/diff-builds.ts';
import { diffHtml, diffMarkdown, REPORT_FONTS } from '../diff/diff-report.ts';
import { fontsFor } from '../print/page-assets.ts';
import { buildRevision } from '../diff/build-revision.ts';
import { EXIT } from './exit-codes.ts';
import { displayPath } from '../format/display-path.ts';

export interface DiffCommandOptions {
  folders: string[];
  git?: string;
  report: string;
  config?: string;
  pages: boolean;
}

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** `briefings diff <old> <new>` or `briefings diff --git <rev> [<new>]`: writes report.md and report.html, prints the Markdown. */
export async function runDiff(opts: DiffCommandOptions, io: Io): Promise<number> {
  const loaded = await loadConfig(opts.config);
  let oldDir: string;
  let newDir: string;
  let temp: string | undefined;
  if (opts.git) {
    if (opts.folders.length > 1) throw new BriefingError('usage', 'with --git give at most one folder, the new build (default: the output folder of the config)');
    newDir = path.resolve(opts.folders[0] ?? resolveFrom(loaded, loaded.config.out));
    temp = await mkdtemp(path.join(os.tmpdir(), 'briefings-diff-'));
    io.err(`building revision ${opts.git} with the current tool…`);
    oldDir = await buildRevision(opts.git, {
      dataDir: resolveFrom(loaded, loaded.config.data),
      templatesDir: resolveFrom(loaded, loaded.config.templates),
      config: loaded.config,
      dir: temp,
      onLine: io.err,
    });
  } else {
    if (opts.folders.length !== 2) throw new BriefingError('usage', 'give two output folders, old then new (e.g. briefings diff previous/ out/), or --git <revision>');
    [oldDir, newDir] = opts.folders.map((f) => path.resolve(f)) as [string, string];
  }
  try {
    const reportDir = path.resolve(opts.report);
    const pagesDir = path.join(reportDir, 'pages');
    await rm(pagesDir, { recursive: true, force: true });
    await mkdir(pagesDir, { recursive: true });
    const diff = await diffBuilds(oldDir, newDir, pagesDir, { pages: opts.pages });
    if (diff.briefings.length === 0 && diff.added.length === 0 && diff.removed.length === 0)
      throw new BriefingError('usage', `no briefing data (.json) in ${displayPath(oldDir)} or ${displayPath(newDir)}; build with outputs including json`);
    const markdown = diffMarkdown(diff);
    await writeFile(path.join(reportDir, 'report.md'), markdown);
    const html = diffHtml(diff, reportDir);
    await writeFile(path.join(reportDir, 'report.html'), html);
    const fonts = await fontsFor(html);
    for (const [weight, file] of Object.entries(REPORT_FONTS)) {
      const font = fonts.get(`/assets/fonts/NotoSansJP-${weight}.ttf`);
      if (font) await writeFile(path.join(reportDir, file), font.body);
    }
    io.out(markdown);
    io.err(`wrote ${displayPath(path.join(reportDir, 'report.md'))} and ${displayPath(path.join(reportDir, 'report.html'))}`);
    return EXIT.ok;
  } finally {
    if (temp) await rm(temp, { recursive: true, force: true });
  }
}
