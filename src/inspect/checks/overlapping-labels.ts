import { labelOf, outermost } from '../element-labels.ts';
import type { LayoutCheck, PageFinding } from '../inspect-context.ts';
import { runsOf, type TextRun } from '../printed-document.ts';

// Labels that touch are fine; these are how far two must run into each other to be unreadable.
const MIN_ALONG = 1.5;
const MIN_ACROSS_SHARE = 0.1;

const overlap = (a: readonly [number, number], b: readonly [number, number]) => Math.min(a[1], b[1]) - Math.max(a[0], b[0]);

/** Whether two labels are drawn over each other: in their own frame when turned alike, else by their upright boxes. */
export function labelsOverlap(a: TextRun, b: TextRun): boolean {
  if (a.page !== b.page) return false;
  if (a.angle === b.angle) {
    const height = Math.min(a.across[1] - a.across[0], b.across[1] - b.across[0]);
    return overlap(a.along, b.along) > MIN_ALONG && overlap(a.across, b.across) > height * MIN_ACROSS_SHARE;
  }
  return (
    overlap([a.box.left, a.box.right], [b.box.left, b.box.right]) > MIN_ALONG &&
    overlap([a.box.top, a.box.bottom], [b.box.top, b.box.bottom]) > MIN_ALONG
  );
}

/**
 * Chart labels drawn over each other, read from the printed page: the text runs of each chart
 * (its outermost Figure) where Chrome drew them, with the widths of the embedded font. The PDF is
 * used rather than the SVG because it is what the reader sees, after the chart is scaled to fit.
 */
export const checkOverlappingLabels: LayoutCheck = (doc) => {
  const findings: PageFinding[] = [];
  for (const figure of outermost(doc.structure, 'Figure')) {
    const runs = [...new Set(runsOf(figure))];
    const pairs: string[] = [];
    let page = 0;
    for (const [i, a] of runs.entries())
      for (const b of runs.slice(i + 1))
        if (labelsOverlap(a, b)) {
          pairs.push(`「${a.text}」/「${b.text}」`);
          page ||= a.page;
        }
    if (pairs.length === 0) continue;
    findings.push({
      check: 'overlapping-labels',
      page,
      element: labelOf(doc.structure, figure),
      message: `${pairs.length} pair${pairs.length === 1 ? '' : 's'} of labels overlap: ${pairs.slice(0, 4).join(', ')}${pairs.length > 4 ? ', …' : ''}; move, thin out or shorten them`,
    });
  }
  return findings;
};
