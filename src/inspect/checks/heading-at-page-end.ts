import { labelOf, ownersOfRuns } from '../element-labels.ts';
import type { LayoutCheck, PageFinding } from '../inspect-context.ts';
import { isHeading } from '../printed-document.ts';

/** A heading must not be the last thing on a page while what it heads starts on the next one. */
export const checkHeadingsAtPageEnd: LayoutCheck = (doc) => {
  const owners = ownersOfRuns(doc.structure);
  const findings: PageFinding[] = [];
  for (const page of doc.pages.slice(0, -1)) {
    // The lowest text on the page: what the reader reads last before turning it.
    const last = page.runs.reduce<(typeof page.runs)[number] | undefined>((low, run) => (!low || run.box.bottom > low.box.bottom ? run : low), undefined);
    const heading = last && owners.get(last)?.find((e) => isHeading(e.role));
    if (!heading) continue;
    findings.push({
      check: 'heading-at-page-end',
      page: page.number,
      element: labelOf(doc.structure, heading),
      message: `the heading ends the page and what it heads starts on page ${page.number + 1}; keep it with its content (break-after: avoid)`,
    });
  }
  return findings;
};
