import type { LayoutCheck, PageFinding } from '../inspect-context.ts';

/** Characters printed as an empty box (.notdef): no embedded font has a glyph for them. One finding per run. */
export const checkMissingGlyphs: LayoutCheck = (doc) =>
  doc.missingGlyphs.map(
    (g): PageFinding => ({
      check: 'missing-glyph',
      page: g.page,
      element: g.tagged ? `text 「${g.text.trim().slice(0, 40)}」` : `running header or footer 「${g.text.trim().slice(0, 40)}」`,
      message:
        'a character (□) printed as an empty box: no embedded font has a glyph for it; the bundled fonts are subset to the characters of the data and templates, so use another character or add a font that has it',
    }),
  );
