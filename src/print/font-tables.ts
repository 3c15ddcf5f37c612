/**
 * The two tables of a TrueType/OpenType font that say what text looks like in it, read without a
 * font library: which glyph draws each character (`cmap`) and how far each glyph advances
 * (`head`, `hhea`, `hmtx`). Used for the fonts' coverage (validate/font-coverage.ts) and for
 * measuring chart text (chart/text-metrics.ts).
 */

/** Where a table starts, or -1 when the font has none. */
function tableOffset(font: Buffer, tag: string): number {
  const numTables = font.readUInt16BE(4);
  for (let i = 0; i < numTables; i++) {
    const record = 12 + i * 16;
    if (font.toString('latin1', record, record + 4) === tag) return font.readUInt32BE(record + 8);
  }
  return -1;
}

/**
 * Character → glyph, from the Unicode subtables of `cmap` (formats 4 and 12, the ones fonts use
 * for Unicode text). Characters the font has no glyph for are left out.
 */
export function readCmap(font: Buffer): Map<number, number> {
  const glyphs = new Map<number, number>();
  const cmap = tableOffset(font, 'cmap');
  if (cmap < 0) return glyphs;
  const subtables = font.readUInt16BE(cmap + 2);
  for (let i = 0; i < subtables; i++) {
    const record = cmap + 4 + i * 8;
    const platform = font.readUInt16BE(record);
    const encoding = font.readUInt16BE(record + 2);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    const table = cmap + font.readUInt32BE(record + 4);
    const format = font.readUInt16BE(table);
    if (format === 12) readFormat12(font, table, glyphs);
    else if (format === 4) readFormat4(font, table, glyphs);
  }
  return glyphs;
}

function readFormat12(font: Buffer, table: number, glyphs: Map<number, number>): void {
  const groups = font.readUInt32BE(table + 12);
  for (let g = 0; g < groups; g++) {
    const at = table + 16 + g * 12;
    const start = font.readUInt32BE(at);
    const end = font.readUInt32BE(at + 4);
    const glyph = font.readUInt32BE(at + 8);
    for (let c = start; c <= end; c++) if (glyph + (c - start) !== 0) glyphs.set(c, glyph + (c - start));
  }
}

function readFormat4(font: Buffer, table: number, glyphs: Map<number, number>): void {
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
      if (glyph !== 0 && !glyphs.has(c)) glyphs.set(c, glyph);
    }
  }
}

/** Each glyph's advance width in em (`hmtx`; glyphs past numberOfHMetrics share the last width). */
export function readAdvances(font: Buffer): Float64Array {
  const head = tableOffset(font, 'head');
  const hhea = tableOffset(font, 'hhea');
  const hmtx = tableOffset(font, 'hmtx');
  const maxp = tableOffset(font, 'maxp');
  if (head < 0 || hhea < 0 || hmtx < 0 || maxp < 0) throw new Error('the font has no head, hhea, hmtx or maxp table');
  const unitsPerEm = font.readUInt16BE(head + 18);
  const metrics = font.readUInt16BE(hhea + 34);
  const numGlyphs = font.readUInt16BE(maxp + 4);
  const advances = new Float64Array(Math.max(numGlyphs, metrics));
  let last = 0;
  for (let g = 0; g < advances.length; g++) {
    if (g < metrics) last = font.readUInt16BE(hmtx + g * 4) / unitsPerEm;
    advances[g] = last;
  }
  return advances;
}
