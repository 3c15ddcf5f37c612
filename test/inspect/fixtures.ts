import type { InspectSettings } from '../../src/inspect/inspect-context.ts';
import type { Bookmark, PrintedDocument, PrintedPage, StructElement, TextRun } from '../../src/inspect/printed-document.ts';

/** An A4 page in points, with 20 mm margins all round (57 pt): the content box is 57–538 × 57–785. */
export const A4 = { width: 595, height: 842 };
export const SETTINGS: InspectSettings = { margins: { top: 57, right: 57, bottom: 57, left: 57 } };

/** A line of upright text: its page, where its box starts, how wide it is and how tall (its font size). */
export function line(page: number, text: string, left: number, top: number, width = 200, size = 10): TextRun {
  return {
    page,
    text,
    box: { left, top, right: left + width, bottom: top + size },
    angle: 0,
    along: [left, left + width],
    // The run's own frame has y growing upwards, as the PDF's does.
    across: [-(top + size), -top],
  };
}

export const element = (role: string, runs: TextRun[] = [], children: StructElement[] = []): StructElement => ({ role, runs, children });

/** A table: a header row of TH cells, then body rows whose first cell is a TH naming the row, each row at its own page and height. */
export function table(header: { page: number; top: number }, rows: { name: string; page: number; top: number }[]): StructElement {
  const headerRow = element('TR', [], [element('TH', [line(header.page, '省庁', 60, header.top, 60)]), element('TH', [line(header.page, '令和8年度', 200, header.top, 60)])]);
  const bodyRows = rows.map((r) =>
    element('TR', [], [element('TH', [line(r.page, r.name, 60, r.top, 60)]), element('TD', [line(r.page, '7億円', 200, r.top, 40)])]),
  );
  return element('Table', [], [headerRow, ...bodyRows]);
}

/** A document of the given pages, with every run of its structure placed on them. */
export function printed(structure: StructElement[], options: { pages?: number; bookmarks?: Bookmark[] } = {}): PrintedDocument {
  const runs: TextRun[] = [];
  const collect = (e: StructElement) => {
    runs.push(...e.runs);
    e.children.forEach(collect);
  };
  structure.forEach(collect);
  const count = Math.max(options.pages ?? 1, ...runs.map((r) => r.page));
  const pages: PrintedPage[] = Array.from({ length: count }, (_, i) => ({ number: i + 1, ...A4, runs: runs.filter((r) => r.page === i + 1) }));
  return { pages, structure, bookmarks: options.bookmarks ?? [], missingGlyphs: [] };
}
