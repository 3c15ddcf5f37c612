import { BriefingError } from '../problems.ts';
import type { BudgetType, ScopeId } from '../schema/common.ts';
import {
  CLOSE,
  OKU,
  OPEN,
  parseAmount,
  parsePercent,
  parseSignedAmount,
  reiwaToFiscalYear,
  withoutBullet,
  withoutEmphasis,
} from './text-values.ts';

/**
 * Reads the text of an edition of 「医療分野の研究開発関連予算のポイント」 (as extracted from the
 * published PDF) into what it prints, each value with the 1-based line it stands on. This step
 * knows only the document's layout; matching names to reference.yaml is the next step's job.
 *
 * The layout, as the editions print it:
 *   title 「令和N年度 医療分野の研究開発関連予算のポイント」, a lead sentence,
 *   the headline table (a header row of budget columns and 対前年度, one row per scope),
 *   bullets (adjustment fund, supplementary budget, rounding), 「主な取組」 with its notes and
 *   strategy paragraph, the numbered projects 「N. name amount <AMED …>」 with their initiatives,
 *   the remaining expenses (※ 上記に加え…), then per project optionally a program detail page
 *   (「N. name」) and its key points (「N. name 令和X年度予算(案)のポイント」).
 */

export interface Unplaced {
  line: number;
  text: string;
  reason: string;
}

export interface At<T> {
  value: T;
  line: number;
}

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

export interface RawNote {
  kind: 'rounding' | 'subject-to-revision' | 'other';
  text: string;
  line: number;
}

export interface RawAdjustmentFund {
  name: string;
  ministryName: string;
  total: number;
  medicalShare: number;
  text: string;
  line: number;
}

export interface RawStrategy {
  strategyText: At<string>;
  focusText?: At<string>;
  period?: number;
  from?: number;
  to?: number;
  projectCount?: number;
}

export interface RawProject {
  number: number;
  name: string;
  line: number;
  total?: number;
  fundWhole: boolean;
  /** 'amed-only' for <AMED>; the printed parts otherwise. */
  split: 'amed-only' | { amed: number; inhouse: number } | undefined;
  initiatives?: At<string>;
  items: At<string>[];
  /** ※ written right after the name: the edition explains the name in a note. */
  nameNoteMark: boolean;
}

export interface RawRemaining {
  amed?: number;
  inhouse?: number;
  text: string;
  line: number;
}

export interface RawProgram {
  name: string;
  line: number;
  summary: string;
  amount?: At<number>;
  inhouseAmount?: At<number>;
}

export interface RawKeyProgram {
  name: string;
  ministry: string;
  line: number;
  points: At<string>[];
}

export interface RawGroup {
  heading: string;
  line: number;
  programs: RawKeyProgram[];
}

export interface RawDetail {
  number: number;
  name: string;
  line: number;
  label?: At<string>;
  fiscalYear?: number;
  draft: boolean;
  amed?: At<number>;
  inhouse?: At<number>;
  description?: At<string>;
  programs: RawProgram[];
  notes: At<string>[];
  groups: RawGroup[];
  /** Lines of the chart on the page (phases, arrows, labels): read, but nothing to place. */
  diagramLines: number;
}

export interface RawEdition {
  title: At<string>;
  fiscalYear: number;
  lead?: At<string>;
  supplementaryTotal?: { fiscalYear: number; amount: number; line: number };
  columns: RawColumn[];
  rows: RawRow[];
  adjustmentFund?: RawAdjustmentFund;
  notes: RawNote[];
  strategy?: RawStrategy;
  projects: RawProject[];
  remaining?: RawRemaining;
  details: RawDetail[];
  unplaced: Unplaced[];
}

interface Line {
  n: number;
  text: string;
}

const TITLE = /^\s*令和\s*([0-9０-９]+|元)\s*年度\s*医療分野の研究開発関連予算のポイント\s*$/;
const COLUMN = new RegExp(String.raw`^(?:令和)?\s*([0-9０-９]+|元)\s*年度\s*(?:補正)?予算(?:額)?\s*(?:${OPEN}\s*([^（）()]*?)\s*${CLOSE})?$`);
const AMOUNT_CELL = new RegExp(String.raw`^${OKU}\s*(?:${OPEN}(.*)${CLOSE})?\s*$`);
const PART = /([^\s0-9０-９,，、]+)\s*([0-9０-９]{1,3}(?:[,，][0-9０-９]{3})+|[0-9０-９]+)/gy;
const PROJECT_HEADING = /^\s*([0-9０-９]+)\s*[.．]\s*(.+?)\s*[<＜]([^>＞]*)[>＞]\s*$/;
const MARK = String.raw`[（(]?※[0-9０-９]*[)）]?`;
const PROJECT_NAME = new RegExp(String.raw`^(.+?)\s*(${MARK})?\s*(?:${OKU})?\s*(【基金事業】)?\s*(${MARK})?$`);
const KEY_POINTS_HEADING = new RegExp(String.raw`^\s*([0-9０-９]+)\s*[.．]\s*(.+?)\s+(?:令和\s*([0-9０-９]+|元)\s*年度)?予算\s*(?:${OPEN}案${CLOSE})?\s*のポイント\s*$`);
const DETAIL_HEADING = /^\s*([0-9０-９]+)\s*[.．]\s*(\S.*?)\s*$/;
const SCOPE_AMOUNT = new RegExp(String.raw`^((?:令和\s*([0-9０-９]+|元)\s*年度)?予算額\s*(${OPEN}\s*案\s*${CLOSE})?)\s*${OKU}\s*$`);
const PROGRAM_START = /^\s*[-・]\s*([^:：]+?)\s*[:：]\s*(.*)$/;
const PROGRAM_AMOUNT = new RegExp(String.raw`^(インハウス)?予算額\s*(?:${OPEN}\s*案\s*${CLOSE})?\s*${OKU}\s*$`);
const KEY_PROGRAM = new RegExp(String.raw`^\s*◆\s*(.+?)\s*${OPEN}([^（）()]+)${CLOSE}\s*$`);
const NOTE = /^\s*(※|[（(]\s*[*＊]\s*[)）])/;
const BULLET = /^\s*[-・•]\s+/;
const PERIOD = new RegExp(
  String.raw`第\s*([0-9０-９]+)\s*期健康・医療戦略\s*${OPEN}\s*令和\s*([0-9０-９]+|元)\s*年度\s*[～〜~\-－―]\s*(?:令和)?\s*([0-9０-９]+|元)\s*年度\s*${CLOSE}`,
);
const PROJECT_COUNT = /([0-9０-９]+)\s*つの(?:統合)?プロジェクト|([0-9０-９]+)\s*(?:統合)?プロジェクト/;
const FOCUS = /令和\s*(?:[0-9０-９]+|元)\s*年度においては/;

const isBlank = (line: Line | undefined): boolean => line === undefined || line.text.trim() === '';
const isBullet = (text: string): boolean => BULLET.test(text);
const isIndented = (text: string): boolean => /^\s/.test(text);

/** Table cells: PDF text separates them by tabs; without tabs, by runs of two or more spaces. */
function cells(text: string): string[] {
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

class Reader {
  readonly unplaced: Unplaced[] = [];
  constructor(readonly lines: Line[]) {}

  leave(line: Line, reason: string): void {
    this.unplaced.push({ line: line.n, text: line.text.trim(), reason });
  }
}

function parseTable(reader: Reader, header: Line, body: Line[]): { columns: RawColumn[]; rows: RawRow[]; consumed: Set<number> } {
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

function parseAdjustmentFund(line: Line): RawAdjustmentFund | undefined {
  const text = withoutBullet(line.text);
  const m = new RegExp(String.raw`「(.+?)${OPEN}\s*${OKU}\s*${CLOSE}」の一部\s*${OPEN}\s*${OKU}\s*${CLOSE}`).exec(text);
  if (!m) return undefined;
  const ministry = /([^\s、。]+?)に計上される/.exec(text);
  return {
    name: (m[1] ?? '').trim(),
    ministryName: ministry?.[1] ?? '',
    total: parseAmount(m[2] ?? ''),
    medicalShare: parseAmount(m[3] ?? ''),
    text,
    line: line.n,
  };
}

function parseStrategy(paragraphs: Line[]): RawStrategy | undefined {
  if (paragraphs.length === 0) return undefined;
  const first = paragraphs[0] as Line;
  const joined = paragraphs.map((l) => l.text.trim());
  // The focus sentence (令和N年度においては…) may share the paragraph or stand on its own.
  let strategyText = joined.join('');
  let focusText: At<string> | undefined;
  for (const [k, line] of paragraphs.entries()) {
    const at = FOCUS.exec(line.text.trim());
    if (!at) continue;
    const before = [...joined.slice(0, k), line.text.trim().slice(0, at.index)].join('').trim();
    strategyText = before;
    focusText = { value: [line.text.trim().slice(at.index), ...joined.slice(k + 1)].join('').trim(), line: line.n };
    break;
  }
  const period = PERIOD.exec(strategyText);
  const count = PROJECT_COUNT.exec(strategyText);
  return {
    strategyText: { value: strategyText, line: first.n },
    focusText,
    period: period ? parseAmount(period[1] ?? '') : undefined,
    from: period ? reiwaToFiscalYear(period[2] ?? '') : undefined,
    to: period ? reiwaToFiscalYear(period[3] ?? '') : undefined,
    projectCount: count ? parseAmount(count[1] ?? count[2] ?? '') : undefined,
  };
}

function parseProjectHeading(reader: Reader, line: Line): RawProject | undefined {
  const m = PROJECT_HEADING.exec(line.text);
  if (!m) return undefined;
  const head = PROJECT_NAME.exec((m[2] ?? '').trim());
  if (!head) return undefined;
  const project: RawProject = {
    number: parseAmount(m[1] ?? ''),
    name: (head[1] ?? '').trim(),
    line: line.n,
    total: head[3] === undefined ? undefined : parseAmount(head[3]),
    fundWhole: head[4] !== undefined,
    split: undefined,
    items: [],
    nameNoteMark: head[2] !== undefined || head[5] !== undefined,
  };
  let amed: number | 'whole' | undefined;
  let inhouse: number | undefined;
  for (const part of (m[3] ?? '').split(/[、,，]/).map((p) => p.trim()).filter(Boolean)) {
    const a = new RegExp(String.raw`^AMED[^0-9０-９、]*?(?:${OKU})?$`).exec(part);
    const h = new RegExp(String.raw`^インハウス[^0-9０-９、]*?${OKU}$`).exec(part);
    if (a) amed = a[1] === undefined ? 'whole' : parseAmount(a[1]);
    else if (h) inhouse = parseAmount(h[1] ?? '');
    else reader.leave(line, `「${part}」 in <…> is neither AMED nor インハウス with an amount`);
  }
  if (inhouse === undefined && (amed === 'whole' || (amed !== undefined && amed === project.total))) project.split = 'amed-only';
  else if (typeof amed === 'number' && inhouse !== undefined) project.split = { amed, inhouse };
  else reader.leave(line, 'the AMED / インハウス split of this project cannot be read (expected <AMED> or <AMED N億円、インハウス N億円>)');
  return project;
}

function parseDetail(reader: Reader, heading: Line, body: Line[], keyPoints: Line[]): RawDetail {
  const m = DETAIL_HEADING.exec(heading.text);
  const detail: RawDetail = {
    number: parseAmount(m?.[1] ?? '0'),
    name: (m?.[2] ?? '').trim(),
    line: heading.n,
    draft: false,
    programs: [],
    notes: [],
    groups: [],
    diagramLines: 0,
  };
  let pendingScope: ScopeId | undefined;
  let program: RawProgram | undefined;
  let inSummary = false;
  for (const line of body) {
    const text = line.text.trim();
    if (text === '') {
      inSummary = false;
      continue;
    }
    if (NOTE.test(text)) {
      detail.notes.push({ value: text, line: line.n });
      continue;
    }
    if (/^(日本医療研究開発機構|AMED)\s*対象経費$/.test(text)) {
      pendingScope = 'amed';
      continue;
    }
    if (/^インハウス研究機関経費$/.test(text)) {
      pendingScope = 'inhouse';
      continue;
    }
    const scopeAmount = pendingScope ? SCOPE_AMOUNT.exec(text) : null;
    if (pendingScope && scopeAmount) {
      detail[pendingScope] = { value: parseAmount(scopeAmount[4] ?? ''), line: line.n };
      if (!detail.label) {
        detail.label = { value: (scopeAmount[1] ?? '').replace(/\s+/g, ''), line: line.n };
        detail.fiscalYear = scopeAmount[2] === undefined ? undefined : reiwaToFiscalYear(scopeAmount[2]);
        detail.draft = scopeAmount[3] !== undefined;
      }
      pendingScope = undefined;
      continue;
    }
    const start = PROGRAM_START.exec(line.text);
    if (start && (detail.amed || detail.inhouse)) {
      program = { name: (start[1] ?? '').trim(), line: line.n, summary: (start[2] ?? '').trim() };
      detail.programs.push(program);
      inSummary = true;
      continue;
    }
    const amount = PROGRAM_AMOUNT.exec(text);
    if (amount && program) {
      const at = { value: parseAmount(amount[2] ?? ''), line: line.n };
      if (amount[1]) program.inhouseAmount = at;
      else program.amount = at;
      inSummary = false;
      continue;
    }
    if (inSummary && program) {
      program.summary = [program.summary, text].filter(Boolean).join(' ');
      continue;
    }
    if (!detail.description && (detail.amed || detail.inhouse) && detail.programs.length === 0 && /。$/.test(text)) {
      detail.description = { value: text, line: line.n };
      continue;
    }
    detail.diagramLines++;
  }

  let group: RawGroup | undefined;
  let keyProgram: RawKeyProgram | undefined;
  for (const line of keyPoints) {
    const text = line.text.trim();
    if (text === '') continue;
    const km = KEY_PROGRAM.exec(text);
    if (km) {
      keyProgram = { name: (km[1] ?? '').trim(), ministry: (km[2] ?? '').trim(), line: line.n, points: [] };
      if (!group) reader.leave(line, 'a program listed before any heading of the key-points page');
      else group.programs.push(keyProgram);
      continue;
    }
    if (isBullet(line.text)) {
      if (keyProgram) keyProgram.points.push({ value: withoutEmphasis(withoutBullet(text)), line: line.n });
      else reader.leave(line, 'a point before any ◆ program of the key-points page');
      continue;
    }
    group = { heading: text, line: line.n, programs: [] };
    keyProgram = undefined;
    detail.groups.push(group);
  }
  return detail;
}

/**
 * Parses an edition's text. Throws a BriefingError (data) only when the text is not an edition
 * at all; everything else it cannot place is listed in `unplaced` with its line.
 */
export function parseEditionText(text: string, file: string): RawEdition {
  const lines: Line[] = text.split(/\r?\n/).map((t, i) => ({ n: i + 1, text: t.replace(/\u00a0/g, ' ') }));
  const reader = new Reader(lines);
  const titleIndex = lines.findIndex((l) => TITLE.test(l.text));
  if (titleIndex < 0)
    throw new BriefingError(
      'data',
      `${file}: this is not the text of an edition of 「医療分野の研究開発関連予算のポイント」: no title line such as 「令和8年度 医療分野の研究開発関連予算のポイント」 was found`,
    );
  const titleLine = lines[titleIndex] as Line;
  const titleMatch = TITLE.exec(titleLine.text);
  const edition: RawEdition = {
    title: { value: titleLine.text.trim().replace(/\s+/g, ' '), line: titleLine.n },
    fiscalYear: reiwaToFiscalYear(titleMatch?.[1] ?? ''),
    columns: [],
    rows: [],
    notes: [],
    projects: [],
    details: [],
    unplaced: reader.unplaced,
  };
  for (const line of lines.slice(0, titleIndex)) if (!isBlank(line)) reader.leave(line, 'text before the title');

  // Lead: the text between the title and the headline table.
  const headerIndex = lines.findIndex((l, i) => i > titleIndex && /年度\s*予算/.test(l.text) && !l.text.includes('億円') && cells(l.text).some((c) => COLUMN.test(c)));
  const mainIndex = lines.findIndex((l, i) => i > titleIndex && /^\s*主な取組\s*$/.test(l.text));
  const leadEnd = headerIndex >= 0 ? headerIndex : mainIndex >= 0 ? mainIndex : lines.length;
  const leadLines = lines.slice(titleIndex + 1, leadEnd).filter((l) => !isBlank(l));
  if (leadLines.length > 0) {
    const leadText = leadLines.map((l) => l.text.trim()).join('');
    edition.lead = { value: leadText, line: (leadLines[0] as Line).n };
    const supplementary = new RegExp(String.raw`令和\s*([0-9０-９]+|元)\s*年度補正予算\s*${OPEN}\s*${OKU}\s*${CLOSE}`).exec(leadText);
    if (supplementary)
      edition.supplementaryTotal = {
        fiscalYear: reiwaToFiscalYear(supplementary[1] ?? ''),
        amount: parseAmount(supplementary[2] ?? ''),
        line: (leadLines[0] as Line).n,
      };
  }

  // The headline table and the bullets under it, up to 「主な取組」.
  const firstPageEnd = mainIndex >= 0 ? mainIndex : lines.length;
  if (headerIndex >= 0) {
    const rest = lines.slice(headerIndex + 1, firstPageEnd);
    // Bullets under the table restate figures in words; only the rows are table.
    const body = rest.filter((l) => !isBullet(l.text) && !NOTE.test(l.text));
    const table = parseTable(reader, lines[headerIndex] as Line, body);
    edition.columns = table.columns;
    edition.rows = table.rows;
    for (const line of rest) {
      if (table.consumed.has(line.n) || isBlank(line)) continue;
      const text = withoutBullet(line.text);
      if (/四捨五入/.test(text)) edition.notes.push({ kind: 'rounding', text, line: line.n });
      else if (/精査により/.test(text)) edition.notes.push({ kind: 'subject-to-revision', text: line.text.trim(), line: line.n });
      else if (/」の一部/.test(text) && parseAdjustmentFund(line)) edition.adjustmentFund = parseAdjustmentFund(line);
      // The supplementary budget is restated in words; the table already holds every figure of it.
      else if (/補正予算に/.test(text) && /計上/.test(text)) continue;
      else if (isBullet(line.text) || NOTE.test(line.text)) edition.notes.push({ kind: 'other', text: NOTE.test(line.text) ? line.text.trim() : text, line: line.n });
      else reader.leave(line, 'text on the first page that is neither part of the table nor a note');
    }
  } else reader.leave(titleLine, 'no headline table (a header row such as 「8年度予算 7年度予算 (当初) 対前年度 …」) was found');

  // 「主な取組」: notes and the strategy paragraph, then the projects.
  if (mainIndex < 0) {
    reader.leave(titleLine, 'no 「主な取組」 section: the projects cannot be read');
    return edition;
  }
  const after = lines.slice(mainIndex + 1);
  const firstProject = after.findIndex((l) => PROJECT_HEADING.test(l.text));
  const intro = firstProject >= 0 ? after.slice(0, firstProject) : after;
  const paragraphs: Line[] = [];
  for (const line of intro) {
    if (isBlank(line)) continue;
    if (NOTE.test(line.text))
      edition.notes.push({ kind: /精査により/.test(line.text) ? 'subject-to-revision' : 'other', text: line.text.trim(), line: line.n });
    else paragraphs.push(line);
  }
  edition.strategy = parseStrategy(paragraphs);
  if (firstProject < 0) {
    reader.leave(lines[mainIndex] as Line, 'no numbered project (「1. … <AMED …>」) follows 「主な取組」');
    return edition;
  }

  // Projects run until a numbered heading without <…>: the first program detail page.
  const projectLines = after.slice(firstProject);
  const detailStart = projectLines.findIndex((l) => !PROJECT_HEADING.test(l.text) && DETAIL_HEADING.test(l.text) && !l.text.includes('億円'));
  const listLines = detailStart >= 0 ? projectLines.slice(0, detailStart) : projectLines;
  let project: RawProject | undefined;
  let lastText: At<string> | undefined;
  for (const line of listLines) {
    if (isBlank(line)) continue;
    const heading = PROJECT_HEADING.test(line.text) ? parseProjectHeading(reader, line) : undefined;
    if (heading) {
      project = heading;
      lastText = undefined;
      edition.projects.push(project);
      continue;
    }
    if (PROJECT_HEADING.test(line.text)) {
      reader.leave(line, 'a numbered project heading whose name and amount cannot be read');
      project = undefined;
      continue;
    }
    if (NOTE.test(line.text) || /^\s*上記に加え.*経費が/.test(line.text)) {
      const text = line.text.trim();
      if (/上記に加え/.test(text)) {
        const amed = new RegExp(String.raw`AMED対象経費が\s*${OKU}`).exec(text);
        const inhouse = new RegExp(String.raw`インハウス研究機関経費が\s*${OKU}`).exec(text);
        edition.remaining = {
          amed: amed ? parseAmount(amed[1] ?? '') : undefined,
          inhouse: inhouse ? parseAmount(inhouse[1] ?? '') : undefined,
          text,
          line: line.n,
        };
      } else edition.notes.push({ kind: /精査により/.test(text) ? 'subject-to-revision' : 'other', text, line: line.n });
      lastText = undefined;
      continue;
    }
    if (!project) {
      reader.leave(line, 'text between projects that belongs to none');
      continue;
    }
    if (isBullet(line.text) && !isIndented(line.text)) {
      if (project.initiatives) {
        reader.leave(line, `a second initiatives paragraph for project ${project.number}`);
        lastText = undefined;
      } else lastText = project.initiatives = { value: withoutBullet(line.text), line: line.n };
    } else if (isBullet(line.text)) {
      lastText = { value: withoutBullet(line.text), line: line.n };
      project.items.push(lastText);
    } else if (lastText) lastText.value += line.text.trim();
    else reader.leave(line, `text under project ${project.number} that is not a bullet`);
  }

  // Program detail pages, each followed by its key-points page.
  if (detailStart >= 0) {
    const rest = projectLines.slice(detailStart);
    const headings = rest.flatMap((l, i) => (DETAIL_HEADING.test(l.text) && !KEY_POINTS_HEADING.test(l.text) && !l.text.includes('億円') && !PROJECT_HEADING.test(l.text) && /^\s*[0-9０-９]+\s*[.．]\s*\S+$/.test(l.text.trim()) ? [i] : []));
    headings.forEach((start, k) => {
      const end = headings[k + 1] ?? rest.length;
      const section = rest.slice(start + 1, end);
      const keyIndex = section.findIndex((l) => KEY_POINTS_HEADING.test(l.text));
      const body = keyIndex >= 0 ? section.slice(0, keyIndex) : section;
      const keyPoints = keyIndex >= 0 ? section.slice(keyIndex + 1) : [];
      edition.details.push(parseDetail(reader, rest[start] as Line, body, keyPoints));
    });
    for (const line of rest.slice(0, headings[0] ?? rest.length)) if (!isBlank(line)) reader.leave(line, 'text after the projects that belongs to no program detail page');
  }
  return edition;
}
