import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { BriefingError } from '../problems.ts';

const run = promisify(execFile);

/** Low resolution is enough to see that a page moved, and keeps the report small. */
const DPI = 50;

/** Renders every page of a PDF to PNG files in `dir`; returns them in page order. */
export async function renderPages(pdf: string, dir: string, prefix: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  try {
    await run('pdftoppm', ['-r', String(DPI), '-png', pdf, path.join(dir, prefix)], { timeout: 120_000 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BriefingError(
      'usage',
      code === 'ENOENT'
        ? 'pdftoppm was not found: page images need poppler (apt-get install -y poppler-utils, brew install poppler)'
        : `${pdf}: its pages could not be rendered (${(error as Error).message.split('\n')[0]})`,
    );
  }
  // pdftoppm pads page numbers to the width of the page count: prefix-1.png or prefix-01.png.
  const pattern = new RegExp(`^${prefix}-(\\d+)\\.png$`);
  return (await readdir(dir))
    .flatMap((f) => {
      const m = pattern.exec(f);
      return m ? [{ page: Number(m[1]), file: path.join(dir, f) }] : [];
    })
    .sort((a, b) => a.page - b.page)
    .map((p) => p.file);
}

export interface PageChange {
  page: number;
  /** null where the page exists in only one of the builds. */
  old: string | null;
  new: string | null;
  diff: string | null;
  /** Share of the page's pixels that differ, in percent. */
  percent: number;
}

/**
 * Pages whose image differs (pixelmatch, anti-aliasing ignored), page by page; a page present in
 * one build only counts as changed. Writes a diff image for each changed page beside the renders.
 */
export async function comparePages(oldPdf: string, newPdf: string, dir: string, name: string): Promise<{ pages: { old: number; new: number }; changed: PageChange[] }> {
  const [oldPages, newPages] = await Promise.all([renderPages(oldPdf, dir, `${name}-old`), renderPages(newPdf, dir, `${name}-new`)]);
  const changed: PageChange[] = [];
  for (let i = 0; i < Math.max(oldPages.length, newPages.length); i++) {
    const o = oldPages[i];
    const n = newPages[i];
    if (!o || !n) {
      changed.push({ page: i + 1, old: o ?? null, new: n ?? null, diff: null, percent: 100 });
      continue;
    }
    const [a, b] = await Promise.all([readFile(o), readFile(n)]).then((files) => files.map((f) => PNG.sync.read(f)));
    if (!a || !b) continue;
    if (a.width !== b.width || a.height !== b.height) {
      changed.push({ page: i + 1, old: o, new: n, diff: null, percent: 100 });
      continue;
    }
    const diff = new PNG({ width: a.width, height: a.height });
    const count = pixelmatch(a.data, b.data, diff.data, a.width, a.height, { threshold: 0.1 });
    if (count === 0) {
      // Only changed pages are kept for the report.
      await Promise.all([rm(o), rm(n)]);
      continue;
    }
    const file = path.join(dir, `${name}-diff-${i + 1}.png`);
    await writeFile(file, PNG.sync.write(diff));
    changed.push({ page: i + 1, old: o, new: n, diff: file, percent: (count / (a.width * a.height)) * 100 });
  }
  return { pages: { old: oldPages.length, new: newPages.length }, changed };
}
