import type { LayoutCheck } from '../inspect-context.ts';

/** A briefing longer than its page budget (`maxPages` in the config). */
export const checkPageBudget: LayoutCheck = (doc, settings) =>
  settings.maxPages !== undefined && doc.pages.length > settings.maxPages
    ? [
        {
          check: 'page-budget',
          page: null,
          element: 'briefing',
          message: `${doc.pages.length} pages, over its budget of ${settings.maxPages} (maxPages in the config); shorten it or raise the budget`,
        },
      ]
    : [];
