import { checkDuplicateBookmarks } from './checks/duplicate-bookmarks.ts';
import { checkHeadingsAtPageEnd } from './checks/heading-at-page-end.ts';
import { checkLoneTableRows } from './checks/lone-table-row.ts';
import { checkMissingGlyphs } from './checks/missing-glyphs.ts';
import { checkOutsideContentBox } from './checks/outside-content-box.ts';
import { checkOverlappingLabels } from './checks/overlapping-labels.ts';
import { checkPageBudget } from './checks/page-budget.ts';
import { checkSparseLastPage } from './checks/sparse-last-page.ts';
import type { InspectSettings, LayoutCheck } from './inspect-context.ts';
import type { LayoutFinding } from './layout-finding.ts';
import type { PrintedDocument } from './printed-document.ts';
import { readPrintedPdf } from './read-printed-pdf.ts';

/** Every check, in the order their findings are listed. */
export const LAYOUT_CHECK_FUNCTIONS: readonly LayoutCheck[] = [
  checkPageBudget,
  checkLoneTableRows,
  checkHeadingsAtPageEnd,
  checkSparseLastPage,
  checkOutsideContentBox,
  checkOverlappingLabels,
  checkDuplicateBookmarks,
  checkMissingGlyphs,
];

/** Runs every layout check on a read document. */
export function inspectDocument(briefing: string, doc: PrintedDocument, settings: InspectSettings): LayoutFinding[] {
  return LAYOUT_CHECK_FUNCTIONS.flatMap((check) => check(doc, settings)).map((f) => ({ briefing, ...f }));
}

/** Reads a printed briefing and runs every layout check on it. */
export async function inspectLayout(briefing: string, pdf: Uint8Array, settings: InspectSettings): Promise<LayoutFinding[]> {
  return inspectDocument(briefing, await readPrintedPdf(pdf), settings);
}

export { formatFinding } from './layout-finding.ts';
