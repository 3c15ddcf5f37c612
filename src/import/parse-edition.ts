import { BriefingError } from '../problems.ts';
import { Leftovers, NOTE, isBlank, isBullet, isIndented, type At, type Line, type Unplaced } from './edition-lines.ts';
import { COLUMN, cells, parseTable, type RawColumn, type RawRow } from './headline-table.ts';
import { DETAIL_HEADING, KEY_POINTS_HEADING, parseProgramDetail, type RawDetail } from './program-detail.ts';
import { CLOSE, OKU, OPEN, parseAmount, reiwaToFiscalYear, withoutBullet } from './text-values.ts';

export type { At, Unplaced } from './edition-lines.ts';
export type { RawColumn, RawRow, RawScopeCell } from './headline-table.ts';
export type { RawDetail, RawGroup, RawKeyProgram, RawProgram } from './program-detail.ts';

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

const TITLE = /^\s*令和\s*([0-9０-９]+|元)\s*年度\s*医療分野の研究開発関連予算のポイント\s*$/;
const PROJECT_HEADING = /^\s*([0-9０-９]+)\s*[.．]\s*(.+?)\s*[<＜]([^>＞]*)[>＞]\s*$/;
const MARK = String.raw`[（(]?※[0-9０-９]*[)）]?`;
const PROJECT_NAME = new RegExp(String.raw`^(.+?)\s*(${MARK})?\s*(?:${OKU})?\s*(【基金事業】)?\s*(${MARK})?$`);
const PERIOD = new RegExp(
  String.raw`第\s*([0-9０-９]+)\s*期健康・医療戦略\s*${OPEN}\s*令和\s*([0-9０-９]+|元)\s*年度\s*[～〜~\-－―]\s*(?:令和)?\s*([0-9０-９]+|元)\s*年度\s*${CLOSE}`,
);
const PROJECT_COUNT = /([0-9０-９]+)\s*つの(?:統合)?プロジェクト|([0-9０-９]+)\s*(?:統合)?プロジェクト/;
const FOCUS = /令和\s*(?:[0-9０-９]+|元)\s*年度においては/;

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

function parseProjectHeading(reader: Leftovers, line: Line): RawProject | undefined {
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

/**
 * Parses an edition's text. Throws a BriefingError (data) only when the text is not an edition
 * at all; everything else it cannot place is listed in `unplaced` with its line.
 */
export function parseEditionText(text: string, file: string): RawEdition {
  const lines: Line[] = text.split(/\r?\n/).map((t, i) => ({ n: i + 1, text: t.replace(/\u00a0/g, ' ') }));
  const reader = new Leftovers();
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
      edition.details.push(parseProgramDetail(reader, rest[start] as Line, body, keyPoints));
    });
    for (const line of rest.slice(0, headings[0] ?? rest.length)) if (!isBlank(line)) reader.leave(line, 'text after the projects that belongs to no program detail page');
  }
  return edition;
}
