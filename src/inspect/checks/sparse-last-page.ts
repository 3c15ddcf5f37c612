import { contentBox, type LayoutCheck } from '../inspect-context.ts';
import type { TextRun } from '../printed-document.ts';

/** Below this share of its content box, a last page is nearly empty. */
export const SPARSE_SHARE = 0.2;
// Room kept between what is moved back and what is already on the page before (about one line).
const GAP = 12;

const extent = (runs: readonly TextRun[]) =>
  runs.length === 0 ? undefined : { top: Math.min(...runs.map((r) => r.box.top)), bottom: Math.max(...runs.map((r) => r.box.bottom)) };

/**
 * A last page filled less than a fifth, whose content would fit in the free space at the foot of
 * the page before: one page too many, usually a block that may not break (or a forced break).
 * Only text counts as content, so the measure is how far text reaches on each page.
 */
export const checkSparseLastPage: LayoutCheck = (doc, settings) => {
  const last = doc.pages.at(-1);
  const before = doc.pages.at(-2);
  if (!last || !before) return [];
  const used = extent(last.runs);
  const previous = extent(before.runs);
  if (!used || !previous) return [];
  const box = contentBox(last, settings.margins);
  const height = used.bottom - used.top;
  const share = height / (box.bottom - box.top);
  const free = contentBox(before, settings.margins).bottom - previous.bottom;
  if (share >= SPARSE_SHARE || height + GAP > free) return [];
  return [
    {
      check: 'sparse-last-page',
      page: last.number,
      element: 'last page',
      message: `the last page is ${Math.round(share * 100)} % filled (${Math.round(height)} pt of text) and page ${before.number} has ${Math.round(free)} pt free at its foot; let the last block break, or remove the break that pushes it over`,
    },
  ];
};
