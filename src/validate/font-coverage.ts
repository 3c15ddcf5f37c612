import { readFileSync } from 'node:fs';
import { readCmap } from '../print/font-tables.ts';
import { BUNDLED_FACES, bundledFontFile } from '../print/page-routes.ts';

/** The characters a TrueType/OpenType font has glyphs for (its `cmap`). */
export function fontCoverage(font: Buffer): Set<number> {
  return new Set(readCmap(font).keys());
}

let bundled: Set<number> | undefined;

/** The characters every bundled font weight can draw (read once per process). */
export function bundledCoverage(): Set<number> {
  if (!bundled) {
    const sets = BUNDLED_FACES.map((face) => fontCoverage(readFileSync(bundledFontFile(face))));
    const [first, ...rest] = sets;
    bundled = new Set([...(first ?? [])].filter((c) => rest.every((set) => set.has(c))));
  }
  return bundled;
}
