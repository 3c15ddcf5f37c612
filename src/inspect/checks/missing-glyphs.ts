import type { LayoutCheck, PageFinding } from '../inspect-context.ts';

const codePoint = (char: string) => [...char].map((c) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`).join(' ');

/** Characters printed as an empty box: the embedded font has no glyph for them. One finding per page and font. */
export const checkMissingGlyphs: LayoutCheck = (doc) => {
  const byPage = new Map<string, { page: number; font: string; chars: Set<string> }>();
  for (const glyph of doc.missingGlyphs) {
    const key = `${glyph.page}\u0000${glyph.font}`;
    const entry = byPage.get(key) ?? { page: glyph.page, font: glyph.font, chars: new Set<string>() };
    entry.chars.add(glyph.char);
    byPage.set(key, entry);
  }
  return [...byPage.values()].map(
    (e): PageFinding => ({
      check: 'missing-glyph',
      page: e.page,
      element: `font ${e.font}`,
      message: `${[...e.chars].map((c) => `「${c}」 (${codePoint(c)})`).join(', ')} ${e.chars.size === 1 ? 'has' : 'have'} no glyph in the font and print${e.chars.size === 1 ? 's' : ''} as an empty box; use another character or a font that has it`,
    }),
  );
};
