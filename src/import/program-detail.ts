import type { ScopeId } from '../schema/common.ts';
import { NOTE, isBullet, type At, type Leftovers, type Line } from './edition-lines.ts';
import { CLOSE, OKU, OPEN, parseAmount, reiwaToFiscalYear, withoutBullet, withoutEmphasis } from './text-values.ts';

/**
 * A project's program detail page (「1. 医薬品プロジェクト」: its AMED and in-house amounts, a
 * description, a chart, then each program 「- name: summary」 with 「予算額(案) N億円」) and the
 * key-points page after it (headings, 「◆ program(ministry)」 and its 「- ✓」 points). The chart's
 * labels are read and counted, not placed.
 */

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

export const KEY_POINTS_HEADING = new RegExp(String.raw`^\s*([0-9０-９]+)\s*[.．]\s*(.+?)\s+(?:令和\s*([0-9０-９]+|元)\s*年度)?予算\s*(?:${OPEN}案${CLOSE})?\s*のポイント\s*$`);
export const DETAIL_HEADING = /^\s*([0-9０-９]+)\s*[.．]\s*(\S.*?)\s*$/;
const SCOPE_AMOUNT = new RegExp(String.raw`^((?:令和\s*([0-9０-９]+|元)\s*年度)?予算額\s*(${OPEN}\s*案\s*${CLOSE})?)\s*${OKU}\s*$`);
const PROGRAM_START = /^\s*[-・]\s*([^:：]+?)\s*[:：]\s*(.*)$/;
const PROGRAM_AMOUNT = new RegExp(String.raw`^(インハウス)?予算額\s*(?:${OPEN}\s*案\s*${CLOSE})?\s*${OKU}\s*$`);
const KEY_PROGRAM = new RegExp(String.raw`^\s*◆\s*(.+?)\s*${OPEN}([^（）()]+)${CLOSE}\s*$`);

export function parseProgramDetail(reader: Leftovers, heading: Line, body: Line[], keyPoints: Line[]): RawDetail {
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
