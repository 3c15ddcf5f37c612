import { readFileSync } from 'node:fs';
import { BUNDLED_FACES, bundledFontFile } from '../print/page-routes.ts';

/**
 * The characters a TrueType/OpenType font has glyphs for, read from its `cmap` table (Unicode
 * subtables of format 4 and 12, the ones fonts use for Unicode text).
 */
export function fontCoverage(font: Buffer): Set<number> {
  const covered = new Set<number>();
  const numTables = font.readUInt16BE(4);
  let cmap = -1;
  for (let i = 0; i < numTables; i++) {
    const record = 12 + i * 16;
    if (font.toString('latin1', record, record + 4) === 'cmap') cmap = font.readUInt32BE(record + 8);
  }
  if (cmap < 0) return covered;
  const subtables = font.readUInt16BE(cmap + 2);
  for (let i = 0; i < subtables; i++) {
    const record = cmap + 4 + i * 8;
    const platform = font.readUInt16BE(record);
    const encoding = font.readUInt16BE(record + 2);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    const table = cmap + font.readUInt32BE(record + 4);
    const format = font.readUInt16BE(table);
    if (format === 12) readFormat12(font, table, covered);
    else if (format === 4) readFormat4(font, table, covered);
  }
  return covered;
}

function readFormat12(font: Buffer, table: number, covered: Set<number>): void {
  const groups = font.readUInt32BE(table + 12);
  for (let g = 0; g < groups; g++) {
    const at = table + 16 + g * 12;
    const start = font.readUInt32BE(at);
    const end = font.readUInt32BE(at + 4);
    const glyph = font.readUInt32BE(at + 8);
    for (let c = start; c <= end; c++) if (glyph + (c - start) !== 0) covered.add(c);
  }
}

function readFormat4(font: Buffer, table: number, covered: Set<number>): void {
  const segments = font.readUInt16BE(table + 6) / 2;
  const ends = table + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  for (let s = 0; s < segments; s++) {
    const end = font.readUInt16BE(ends + s * 2);
    const start = font.readUInt16BE(starts + s * 2);
    const delta = font.readInt16BE(deltas + s * 2);
    const rangeOffset = font.readUInt16BE(rangeOffsets + s * 2);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
      else {
        const index = font.readUInt16BE(rangeOffsets + s * 2 + rangeOffset + (c - start) * 2);
        glyph = index === 0 ? 0 : (index + delta) & 0xffff;
      }
      if (glyph !== 0) covered.add(c);
    }
  }
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
