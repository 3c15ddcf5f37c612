import { access } from 'node:fs/promises';
import path from 'node:path';
import type { PageAsset } from '../print/page-assets.ts';
import { writeAtomically } from './write-output.ts';

/**
 * `build --html`: the page as printed, as out/<name>.html with its assets under out/assets/; the
 * page refers to them by relative paths, so the file opens in any browser.
 */
export async function writeHtml(outDir: string, name: string, assets: ReadonlyMap<string, PageAsset>): Promise<void> {
  for (const [route, asset] of assets) {
    if (route === '/index.html') continue;
    const file = path.join(outDir, ...route.split('/').filter(Boolean));
    const present = await access(file).then(() => true, () => false);
    // Fonts are large and never change within a version: write them once.
    if (!present || !route.startsWith('/assets/fonts/')) await writeAtomically(file, asset.body);
  }
  const page = assets.get('/index.html');
  if (!page) return;
  await writeAtomically(path.join(outDir, `${name}.html`), page.body);
}
