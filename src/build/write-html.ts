import path from 'node:path';
import type { PageAsset } from '../print/page-assets.ts';
import { PAGE_ROUTES } from '../print/page-routes.ts';
import { writeAtomically } from './write-output.ts';

/**
 * `build --html`: the page as printed, in a folder of its own (out/html/<name>/index.html with its
 * stylesheet, logo and font subsets under assets/). The page refers to them by relative paths,
 * so it opens from disk in any browser, and no page's assets overwrite another's.
 */
export async function writeHtml(outDir: string, name: string, assets: ReadonlyMap<string, PageAsset>): Promise<string> {
  const dir = path.join(outDir, 'html', name);
  for (const [route, asset] of assets) await writeAtomically(path.join(dir, ...route.split('/').filter(Boolean)), asset.body);
  return path.join(dir, ...PAGE_ROUTES.page.split('/').filter(Boolean));
}
