import { labelOf } from '../element-labels.ts';
import type { LayoutCheck, PageFinding } from '../inspect-context.ts';
import { pagesOf, textOf, walk, type StructElement } from '../printed-document.ts';

const rowsOf = (table: StructElement): StructElement[] => [...walk(table.children)].filter((e) => e.role === 'TR');
const cellsOf = (row: StructElement) => row.children.filter((c) => c.role === 'TH' || c.role === 'TD');
/** A header row has header cells only (a body row may start with one, naming the row). */
const isHeaderRow = (row: StructElement) => cellsOf(row).length > 0 && cellsOf(row).every((c) => c.role === 'TH');
/** A total row: its first cell says so (合計, 計, Total…). */
const isTotalRow = (row: StructElement) => { const [first] = cellsOf(row); return first !== undefined && /^(合計|総計|小計|計|total|sum)/i.test(textOf(first)); };

/**
 * A table split over pages must not leave a single body row (or its total alone) on one side of
 * the break: the reader turns the page for one line, or reads one line without its table.
 * Repeated header rows do not count as content.
 */
export const checkLoneTableRows: LayoutCheck = (doc) => {
  const findings: PageFinding[] = [];
  for (const table of [...walk(doc.structure)].filter((e) => e.role === 'Table')) {
    const pages = pagesOf(table);
    if (pages.length < 2) continue;
    const body = rowsOf(table).filter((r) => !isHeaderRow(r));
    for (const [i, page] of pages.entries()) {
      const here = body.filter((r) => pagesOf(r).includes(page));
      const rows = here.filter((r) => !isTotalRow(r));
      // One ordinary row (with or without the total), or the total alone.
      const only = rows.length === 1 ? rows[0] : rows.length === 0 ? here[0] : undefined;
      if (!only) continue;
      const where = i === 0 ? 'at the foot of the page, the rest of the table follows on the next' : 'at the top of the page, the rest of the table is on the page before';
      findings.push({
        check: 'lone-table-row',
        page,
        element: labelOf(doc.structure, table),
        message: `${rows.length === 0 ? 'the total row' : here.length > 1 ? 'one row and the total' : 'one row'} (「${textOf(only, 30)}」) ${here.length > 1 ? 'stand' : 'stands'} alone ${where}; keep at least two rows together on each side of the break, or move the table to the next page`,
      });
    }
  }
  return findings;
};
