import type { BudgetType, ScopeId } from '../schema/common.ts';
import type { Leftovers, Line } from './edition-lines.ts';
import { CLOSE, OKU, OPEN, parseAmount, parsePercent, parseSignedAmount, reiwaToFiscalYear } from './text-values.ts';

/**
 * The headline table: a header row of budget columns (8年度予算, 7年度予算 (当初), 7年度予算 (補正))
 * and 対前年度 (増▲減額, 増▲減率), then one row per scope whose amount cells carry the ministry
 * breakdown as printed: 1,238億円 (こ7,総3,文583,厚481,経166).
 */

export interface RawColumn {
  label: string;
  fiscalYear: number;
  type: BudgetType;
  line: number;
}

export interface RawScopeCell {
  total: number;
  /** In printed order; codes as printed (not yet checked against the known ministries). */
  ministries: { code: string; amount: number }[];
  line: number;
}

export interface RawRow {
  scope: ScopeId;
  line: number;
  /** One entry per budget column; undefined where the row prints nothing for it. */
  cells: (RawScopeCell | undefined)[];
  change?: number;
  percent?: number;
}

export const COLUMN = new RegExp(String.raw`^(?:令和)?\s*([0-9０-９]+|元)\s*年度\s*(?:補正)?予算(?:額)?\s*(?:${OPEN}\s*([^（）()]*?)\s*${CLOSE})?$`);
const AMOUNT_CELL = new RegExp(String.raw`^${OKU}\s*(?:${OPEN}(.*)${CLOSE})?\s*$`);
const PART = /([^\s0-9０-９,，、]+)\s*([0-9０-９]{1,3}(?:[,，][0-9０-９]{3})+|[0-9０-９]+)/gy;

/** Table cells: PDF text separates them by tabs; without tabs, by runs of two or more spaces. */
export function cells(text: string): string[] {
  return (text.includes('\t') ? text.split('\t') : text.split(/ {2,}|　{1,}/)).map((c) => c.trim());
}

function parseAmountCell(text: string): { total: number; ministries: { code: string; amount: number }[]; rest?: string } | undefined {
  const m = AMOUNT_CELL.exec(text);
  if (!m) return undefined;
  const total = parseAmount(m[1] ?? '');
  const inner = (m[2] ?? '').trim();
  const ministries: { code: string; amount: number }[] = [];
  let rest = '';
  // Parts are name+figure pairs joined by commas; a figure may itself carry thousands commas.
  let i = 0;
  while (i < inner.length) {
    PART.lastIndex = i;
    const part = PART.exec(inner);
    if (part) {
      ministries.push({ code: part[1] ?? '', amount: parseAmount(part[2] ?? '') });
      i = PART.lastIndex;
    } else if (/[\s,，、]/.test(inner[i] ?? '')) i++;
    else {
      rest += inner[i];
      i++;
    }
  }
  return { total, ministries, rest: rest || undefined };
}

export function parseTable(reader: Leftovers, header: Line, body: Line[]): { columns: RawColumn[]; rows: RawRow[]; consumed: Set<number> } {
  const headerCells = cells(header.text);
  const columns: RawColumn[] = [];
  const columnAt = new Map<number, number>();
  headerCells.forEach((cell, i) => {
    const m = COLUMN.exec(cell);
    if (!m) return;
    columnAt.set(i, columns.length);
    columns.push({
      label: cell.replace(/\s+/g, ' '),
      fiscalYear: reiwaToFiscalYear(m[1] ?? ''),
      type: /補正/.test(cell) ? 'supplementary' : 'initial',
      line: header.n,
    });
  });
  const consumed = new Set<number>([header.n]);
  const rows: RawRow[] = [];
  // 対前年度 spans the 増▲減額 and 増▲減率 cells; the sub-header row names them where it is kept.
  const changeAt = headerCells.findIndex((c) => /対前年度/.test(c));
  let changeAmountAt = changeAt;
  let changePercentAt = changeAt >= 0 ? changeAt + 1 : -1;
  for (const line of body) {
    if (/増.?減額|増.?減率/.test(line.text) && !line.text.includes('億円')) {
      const sub = cells(line.text);
      if (sub.length === headerCells.length) {
        changeAmountAt = sub.findIndex((c) => /増.?減額/.test(c));
        changePercentAt = sub.findIndex((c) => /増.?減率/.test(c));
      }
      consumed.add(line.n);
      continue;
    }
    if (!line.text.includes('億円')) continue;
    const rowCells = cells(line.text);
    const label = rowCells[0] ?? '';
    const scope: ScopeId | undefined = /AMED|日本医療研究開発機構/.test(label)
      ? 'amed'
      : /インハウス/.test(label)
        ? 'inhouse'
        : undefined;
    consumed.add(line.n);
    if (!scope) {
      reader.leave(line, 'a table row that is neither AMED対象経費 nor インハウス研究機関経費');
      continue;
    }
    const row: RawRow = { scope, line: line.n, cells: columns.map(() => undefined) };
    const amounts: { index: number; cell: RawScopeCell }[] = [];
    rowCells.slice(1).forEach((cell, j) => {
      if (cell === '') return;
      const index = j + 1;
      const positional = rowCells.length === headerCells.length;
      // An unchanged figure may be printed without a sign (0億円); its column says it is a change.
      const unsigned = positional && index === changeAmountAt ? new RegExp(String.raw`^${OKU}$`).exec(cell) : null;
      const change = parseSignedAmount(cell) ?? (unsigned ? parseAmount(unsigned[1] ?? '') : undefined);
      if (change !== undefined) return void (row.change = change);
      const percent = parsePercent(cell);
      if (percent !== undefined && (!positional || changePercentAt < 0 || index === changePercentAt || /[+＋▲△\-−－±]/.test(cell)))
        return void (row.percent = percent);
      const amount = parseAmountCell(cell);
      if (!amount) return reader.leave(line, `cell 「${cell}」 is not an amount, a change or a percentage`);
      if (amount.rest) reader.leave(line, `in 「${cell}」, 「${amount.rest}」 is not a ministry part (code and amount)`);
      amounts.push({ index, cell: { total: amount.total, ministries: amount.ministries, line: line.n } });
    });
    // Cells line up with the header when the extraction kept every tab; otherwise the amounts
    // still come in column order, provided there are as many as there are columns.
    const aligned = amounts.every((a) => columnAt.has(a.index));
    if (aligned) for (const a of amounts) row.cells[columnAt.get(a.index) ?? 0] = a.cell;
    else if (amounts.length === columns.length) amounts.forEach((a, k) => (row.cells[k] = a.cell));
    else reader.leave(line, `${amounts.length} amounts for ${columns.length} budget columns, and the cells do not line up with the header`);
    rows.push(row);
  }
  return { columns, rows, consumed };
}
