import type { Figure, FigureTable, TableCell } from '../schema/briefing-data.ts';
import type { DataRef } from './data-ref.ts';

/** A figure as the builders record it: its sources still as references, resolved to lines later. */
export type DraftFigure = Omit<Figure, 'id' | 'table' | 'sources'> & { refs: DataRef[] };

type DraftCell = string | null | DraftFigure;

/**
 * The figures of one briefing, table by table, as the briefing prints them. Each figure gets an id
 * made of its table, its row and its column, so the next build gives the same figure the same id.
 */
export class FigureBook {
  readonly tables: FigureTable[] = [];
  readonly figures: (Omit<Figure, 'sources'> & { refs: DataRef[] })[] = [];

  /** `columns`: [key, header as printed]; the keys name the figures' columns in their ids. */
  table(spec: { id: string; title: string; section: string; columns: [string, string][]; charts?: string[] }): TableBuilder {
    const table: FigureTable = { id: spec.id, title: spec.title, section: spec.section, charts: spec.charts ?? [], headers: spec.columns.map(([, h]) => h), rows: [] };
    this.tables.push(table);
    return new TableBuilder(this, table, spec.columns.map(([k]) => k));
  }

  /** Keeps only the tables of the sections the briefing shows (a department may leave some out). */
  keepSections(sections: readonly string[] | undefined): void {
    if (!sections) return;
    const keep = new Set(this.tables.filter((t) => sections.includes(t.section)).map((t) => t.id));
    this.tables.splice(0, this.tables.length, ...this.tables.filter((t) => keep.has(t.id)));
    this.figures.splice(0, this.figures.length, ...this.figures.filter((f) => keep.has(f.table)));
  }

  add(table: FigureTable, rowKey: string, columnKey: string, draft: DraftFigure): string {
    let id = `${table.id}/${rowKey}/${columnKey}`;
    for (let n = 2; this.figures.some((f) => f.id === id); n++) id = `${table.id}/${rowKey}/${columnKey}#${n}`;
    this.figures.push({ id, table: table.id, ...draft });
    return id;
  }
}

export class TableBuilder {
  constructor(
    private readonly book: FigureBook,
    readonly table: FigureTable,
    private readonly columnKeys: string[],
  ) {}

  /** One row, a cell per column; `key` names the row in its figures' ids. */
  row(key: string, cells: DraftCell[]): this {
    const row: TableCell[] = cells.map((cell, i) => {
      if (cell === null || typeof cell === 'string') return cell;
      return { figure: this.book.add(this.table, key, this.columnKeys[i] ?? String(i), cell) };
    });
    this.table.rows.push(row);
    return this;
  }
}
