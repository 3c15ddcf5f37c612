import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { compareFigures, type FigureDiff } from './compare-figures.ts';
import { comparePages, type PageChange } from './compare-pages.ts';
import { readBuild } from './read-build.ts';

export interface BriefingDiff extends FigureDiff {
  name: string;
  title: string;
  pages: { old: number; new: number; changed: PageChange[] } | null;
  /** Why pages were not compared, when they were not. */
  pagesNote: string;
}

export interface BuildDiff {
  old: string;
  new: string;
  briefings: BriefingDiff[];
  added: { name: string; title: string }[];
  removed: { name: string; title: string }[];
}

const sha = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');

/**
 * Two builds compared briefing by briefing: figures through their JSON, pages through their images.
 * `imagesDir` receives the images of the changed pages (for the HTML report).
 */
export async function diffBuilds(oldDir: string, newDir: string, imagesDir: string, options: { pages?: boolean } = {}): Promise<BuildDiff> {
  const [before, after] = await Promise.all([readBuild(oldDir), readBuild(newDir)]);
  const briefings: BriefingDiff[] = [];
  for (const [name, now] of after) {
    const old = before.get(name);
    if (!old) continue;
    let pages: BriefingDiff['pages'] = null;
    let pagesNote = '';
    if (options.pages === false) pagesNote = 'pages not compared (--no-pages)';
    else if (!old.pdf || !now.pdf) pagesNote = 'pages not compared: a build has no PDF';
    else if ((await sha(old.pdf)) === (await sha(now.pdf))) pages = { old: -1, new: -1, changed: [] };
    else {
      const compared = await comparePages(old.pdf, now.pdf, imagesDir, name);
      pages = { ...compared.pages, changed: compared.changed };
    }
    briefings.push({ name, title: now.data.title, ...compareFigures(old.data, now.data), pages, pagesNote });
  }
  const entry = (b: { name: string; data: { title: string } }) => ({ name: b.name, title: b.data.title });
  return {
    old: path.resolve(oldDir),
    new: path.resolve(newDir),
    briefings,
    added: [...after.values()].filter((b) => !before.has(b.name)).map(entry),
    removed: [...before.values()].filter((b) => !after.has(b.name)).map(entry),
  };
}

/** A briefing with nothing to report: same figures, same pages. */
export function unchanged(b: BriefingDiff): boolean {
  return b.changed.length === 0 && b.added.length === 0 && b.removed.length === 0 && (b.pages?.changed.length ?? 0) === 0;
}
