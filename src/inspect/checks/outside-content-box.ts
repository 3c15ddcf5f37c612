import { labelOf, ownersOfRuns } from '../element-labels.ts';
import { contentBox, type LayoutCheck, type PageFinding } from '../inspect-context.ts';
import type { Box, StructElement } from '../printed-document.ts';

// Chrome places text to a fraction of a point, and run widths are the font's own; a run that ends
// just past the edge has been cut there (Chrome prints nothing of it in the margin, and no more).
const TOLERANCE = 0.5;

const sidesOutside = (run: Box, box: Box): string[] =>
  [
    run.left < box.left - TOLERANCE ? 'left' : '',
    run.right > box.right + TOLERANCE ? 'right' : '',
    run.top < box.top - TOLERANCE ? 'top' : '',
    run.bottom > box.bottom + TOLERANCE ? 'bottom' : '',
  ].filter(Boolean);

/**
 * Tagged content that overflows the content box: Chrome cuts it off at the edge of the page area
 * (a few points into the margin) and prints the rest nowhere, so the PDF holds only the start of
 * it; the run that ends there, or starts there, gives it away. Content positioned beyond the
 * page's edge is cut off too. One finding per element and page.
 */
export const checkOutsideContentBox: LayoutCheck = (doc, settings) => {
  const owners = ownersOfRuns(doc.structure);
  const findings: PageFinding[] = [];
  for (const page of doc.pages) {
    const box = contentBox(page, settings.margins);
    const edge: Box = { left: 0, top: 0, right: page.width, bottom: page.height };
    // Per element (the table or figure, not its cell or label): the sides it strays to, and whether past the edge.
    const strays = new Map<StructElement | undefined, { text: string; margin: Set<string>; clipped: Set<string> }>();
    for (const run of page.runs) {
      const margin = sidesOutside(run.box, box);
      if (margin.length === 0) continue;
      const chain = owners.get(run) ?? [];
      const element = chain.find((e) => e.role === 'Table' || e.role === 'Figure') ?? chain[0];
      const entry = strays.get(element) ?? { text: run.text, margin: new Set<string>(), clipped: new Set<string>() };
      margin.forEach((side) => entry.margin.add(side));
      sidesOutside(run.box, edge).forEach((side) => entry.clipped.add(side));
      strays.set(element, entry);
    }
    for (const [element, { text, margin, clipped }] of strays)
      findings.push({
        check: 'outside-content-box',
        page: page.number,
        element: element ? labelOf(doc.structure, element) : 'untagged text',
        message:
          clipped.size > 0
            ? `「${text.slice(0, 20)}」 runs past the ${[...clipped].join(' and ')} edge of the page and is cut off`
            : `「${text.slice(0, 20)}」 overflows into the ${[...margin].join(' and ')} margin, where Chrome cuts it off (the @page margins are kept for the running header and page numbers); make it narrower or let it wrap`,
      });
  }
  return findings;
};
