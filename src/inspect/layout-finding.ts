import { z } from 'zod';

/** The checks run on every printed PDF (see src/inspect/): each finding names one of them. */
export const LAYOUT_CHECKS = [
  'lone-table-row',
  'heading-at-page-end',
  'sparse-last-page',
  'outside-content-box',
  'overlapping-labels',
  'duplicate-bookmark',
  'missing-glyph',
  'page-budget',
] as const;

/** One layout flaw of one printed briefing: which briefing, which page (1-based; null when not tied to a page), which element. */
export const LayoutFindingSchema = z.object({
  briefing: z.string(),
  check: z.enum(LAYOUT_CHECKS),
  page: z.number().int().positive().nullable(),
  element: z.string(),
  message: z.string(),
});
export type LayoutFinding = z.infer<typeof LayoutFindingSchema>;

/** One line of the build's output: briefing, page, element, what. (Here, not beside the checks: the build command prints findings without loading the PDF readers.) */
export function formatFinding(f: LayoutFinding): string {
  return `${f.briefing}${f.page === null ? '' : ` p.${f.page}`}: ${f.element}: ${f.message} [${f.check}]`;
}
