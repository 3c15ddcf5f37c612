import { labelOf, ownersOfRuns } from '../element-labels.ts';
import { contentBox, type LayoutCheck, type PageFinding } from '../inspect-context.ts';
import type { Box, StructElement } from '../printed-document.ts';

// Chrome places text to a fraction of a point; glyph boxes are estimated from the em box.
const TOLERANCE = 1.5;

const sidesOutside = (run: Box, box: Box): string[] =>
  [
    run.left < box.left - TOLERANCE ? 'left' : '',
    run.right > box.right + TOLERANCE ? 'right' : '',
    run.top < box.top - TOLERANCE ? 'top' : '',
    run.bottom > box.bottom + TOLERANCE ? 'bottom' : '',
  ].filter(Boolean);

/**
 * Tagged content drawn in the page margins (where the running header and page numbers go) or
 * beyond the page's edge, where it is cut off. One finding per element and page.
 */
export const checkOutsideContentBox: LayoutCheck = (doc, settings) => {
  const owners = ownersOfRuns(doc.structure);
  const findings: PageFinding[] = [];
  for (const page of doc.pages) {
    const box = contentBox(page, settings.margins);
    const edge: Box = { left: 0, top: 0, right: page.width, bottom: page.height };
    const reported = new Set<StructElement | undefined>();
    for (const run of page.runs) {
      const margin = sidesOutside(run.box, box);
      if (margin.length === 0) continue;
      // Name the table or figure, not the cell or label.
      const chain = owners.get(run) ?? [];
      const element = chain.find((e) => e.role === 'Table' || e.role === 'Figure') ?? chain[0];
      if (reported.has(element)) continue;
      reported.add(element);
      const clipped = sidesOutside(run.box, edge);
      findings.push({
        check: 'outside-content-box',
        page: page.number,
        element: element ? (labelOf(doc.structure, element)) : 'untagged text',
        message:
          clipped.length > 0
            ? `「${run.text.slice(0, 20)}」 runs past the ${clipped.join(' and ')} edge of the page and is cut off`
            : `「${run.text.slice(0, 20)}」 reaches into the ${margin.join(' and ')} margin (the @page margins keep it for the running header and page numbers); make it narrower or let it wrap`,
      });
    }
  }
  return findings;
};
