import { labelOf, ownersOfRuns } from '../element-labels.ts';
import { contentBox, type LayoutCheck, type PageFinding } from '../inspect-context.ts';
import type { Box, StructElement } from '../printed-document.ts';

// Chrome places text to a fraction of a point, and run widths are the font's own.
const TOLERANCE = 0.5;
const WRAPPERS = new Set(['NonStruct', 'Span', 'Div', 'Part', 'Sect']);

/**
 * Chrome trims the blank half of a full-width closing bracket or stop at the end of a line
 * (CSS text-spacing-trim), so such a line may reach half an em past the box in the PDF, where
 * the glyph keeps its full advance, although only blank space lies there.
 */
const TRIMMED_AT_LINE_END = /[）」』】〕〉》］｝、。，．]$/u;
const trimmedEnd = (text: string, run: Box): number => (TRIMMED_AT_LINE_END.test(text.trimEnd()) ? (run.bottom - run.top) / 2 : 0);

/** How far a run reaches past the box, in whole points, on its worst side. */
const overshoot = (run: Box, box: Box, trim: number): number =>
  Math.ceil(Math.max(box.left - run.left, run.right - trim - box.right, box.top - run.top, run.bottom - box.bottom));

const sidesOutside = (run: Box, box: Box, trim = 0): string[] =>
  [
    run.left < box.left - TOLERANCE ? 'left' : '',
    run.right - trim > box.right + TOLERANCE ? 'right' : '',
    run.top < box.top - TOLERANCE ? 'top' : '',
    run.bottom > box.bottom + TOLERANCE ? 'bottom' : '',
  ].filter(Boolean);

/**
 * Tagged content that overflows the content box into the page margins (kept for the running
 * header and page numbers) or past the page's edge. What overflows far is cut off: Chrome prints
 * only what lies near the page area, so the PDF holds the start of such a line and its run ends
 * (or starts) in the margin, which gives it away. One finding per element and page.
 */
export const checkOutsideContentBox: LayoutCheck = (doc, settings) => {
  const owners = ownersOfRuns(doc.structure);
  const findings: PageFinding[] = [];
  for (const page of doc.pages) {
    const box = contentBox(page, settings.margins);
    const edge: Box = { left: 0, top: 0, right: page.width, bottom: page.height };
    // Per element (the table or figure, not its cell or label): the sides it strays to, and whether past the edge.
    const strays = new Map<StructElement | undefined, { text: string; by: number; margin: Set<string>; clipped: Set<string> }>();
    for (const run of page.runs) {
      const trim = trimmedEnd(run.text, run.box);
      const margin = sidesOutside(run.box, box, trim);
      if (margin.length === 0) continue;
      const chain = owners.get(run) ?? [];
      // Chrome wraps text in NonStruct and Span elements: name the paragraph, heading or cell they are part of.
      const element = chain.find((e) => e.role === 'Table' || e.role === 'Figure') ?? chain.find((e) => !WRAPPERS.has(e.role)) ?? chain[0];
      const entry = strays.get(element) ?? { text: run.text, by: 0, margin: new Set<string>(), clipped: new Set<string>() };
      entry.by = Math.max(entry.by, overshoot(run.box, box, trim));
      margin.forEach((side) => entry.margin.add(side));
      sidesOutside(run.box, edge).forEach((side) => entry.clipped.add(side));
      strays.set(element, entry);
    }
    for (const [element, { text, by, margin, clipped }] of strays)
      findings.push({
        check: 'outside-content-box',
        page: page.number,
        element: element ? labelOf(doc.structure, element) : 'untagged text',
        message:
          clipped.size > 0
            ? `「${text.slice(0, 20)}」 runs past the ${[...clipped].join(' and ')} edge of the page and is cut off`
            : `「${text.slice(0, 20)}」 overflows into the ${[...margin].join(' and ')} margin by ${by} pt (the @page margins are kept for the running header and page numbers; what runs further is cut off); make it narrower or let it wrap`,
      });
  }
  return findings;
};
