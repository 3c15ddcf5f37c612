/**
 * Helpers for the import tests: the real edition texts, programmatic edits of them (the yearly
 * variations an edition can bring), and the import of a text in memory.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { assembleDraft, type Draft, type KnownDocument } from '../../src/import/assemble-draft.ts';
import { parseEditionText } from '../../src/import/parse-edition.ts';
import { Reference } from '../../src/schema/reference.ts';
import { SourceDocument, type BudgetColumn } from '../../src/schema/source-document.ts';

export const DATA = fileURLToPath(new URL('../../data/', import.meta.url));
const documentsDir = path.join(DATA, 'documents');

export const editionText = (id: 'fy2024-points' | 'fy2026-points'): string => readFileSync(path.join(documentsDir, `${id}.txt`), 'utf8');
export const committed = (id: 'fy2021-points' | 'fy2024-points' | 'fy2026-points'): SourceDocument =>
  SourceDocument.parse(parse(readFileSync(path.join(documentsDir, `${id}.yaml`), 'utf8')));
export const reference = (): Reference => Reference.parse(parse(readFileSync(path.join(DATA, 'reference.yaml'), 'utf8')));
export const known = (...ids: ('fy2021-points' | 'fy2024-points' | 'fy2026-points')[]): KnownDocument[] =>
  ids.map((id) => ({ file: `${id}.yaml`, value: committed(id) }));

/** Imports a text in memory, as `briefings import` does before writing. */
export function importText(text: string, knownDocs = known('fy2024-points', 'fy2026-points'), ref = reference()): Draft {
  const raw = parseEditionText(text, 'edition.txt');
  return assembleDraft(raw, `fy${raw.fiscalYear}-points.txt`, ref, knownDocs);
}

/** A document's figures and texts, without the import's additions (printed names, source lines). */
export function figuresOf(doc: SourceDocument): SourceDocument {
  const plain: SourceDocument = JSON.parse(JSON.stringify(doc));
  const { sourceLines: _lines, ...rest } = plain;
  return {
    ...rest,
    projectBudget: rest.projectBudget && {
      ...rest.projectBudget,
      projects: rest.projectBudget.projects.map(({ name: _name, ...p }) => p),
    },
  };
}

/** The ministry breakdown of one scope of a column; 'unknown' where the column does not state the scope. */
export function ministriesOf(column: BudgetColumn | undefined, scope: 'amed' | 'inhouse') {
  const figure = column?.scopes[scope];
  return figure === 'unknown' ? figure : figure?.ministries;
}

/** Replaces exactly one occurrence; fails loudly when the text is not there (the edit would test nothing). */
export function replaceOnce(text: string, from: string | RegExp, to: string): string {
  const count = typeof from === 'string' ? text.split(from).length - 1 : (text.match(new RegExp(from.source, `${from.flags.replace('g', '')}g`)) ?? []).length;
  if (count !== 1) throw new Error(`expected exactly one ${String(from)} in the text, found ${count}`);
  return text.replace(from, to);
}

/** Edits the line that contains `marker`. */
export function editLine(text: string, marker: string, edit: (line: string) => string): string {
  const lines = text.split('\n');
  const index = lines.findIndex((l) => l.includes(marker));
  if (index < 0) throw new Error(`no line contains ${marker}`);
  lines[index] = edit(lines[index] as string);
  return lines.join('\n');
}

/** Inserts lines after the line that contains `marker`. */
export function insertAfter(text: string, marker: string, ...inserted: string[]): string {
  const lines = text.split('\n');
  const index = lines.findIndex((l) => l.includes(marker));
  if (index < 0) throw new Error(`no line contains ${marker}`);
  lines.splice(index + 1, 0, ...inserted);
  return lines.join('\n');
}

/** 1-based line of the first line containing `marker`. */
export function lineOf(text: string, marker: string): number {
  const index = text.split('\n').findIndex((l) => l.includes(marker));
  if (index < 0) throw new Error(`no line contains ${marker}`);
  return index + 1;
}

/**
 * A synthetic 令和9年度 (FY2027) edition in the 令和8年度 layout: every year moved on by one, new
 * figures in the headline table. The figures reconcile, so the draft validates.
 */
export function fy2027Text(): string {
  let text = editionText('fy2026-points');
  text = replaceOnce(text, '令和8年度 医療分野の研究開発関連予算のポイント', '令和9年度 医療分野の研究開発関連予算のポイント');
  text = replaceOnce(text, '令和7年度補正予算（738億円）', '令和8年度補正予算（700億円）');
  text = replaceOnce(text, '\t8年度予算\t7年度予算 (当初)\t対前年度\t\t7年度予算 (補正)', '\t9年度予算\t8年度予算 (当初)\t対前年度\t\t8年度予算 (補正)');
  text = editLine(text, '日本医療研究開発機構 (AMED) 対象経費', () =>
    '日本医療研究開発機構 (AMED) 対象経費\t1,250億円 (こ7,総3,文590,厚484,経166)\t1,238億円 (こ7,総3,文583,厚481,経166)\t+12億円\t+1.0%\t400億円 (内120,文170,厚110)');
  text = editLine(text, 'インハウス研究機関経費\t', () =>
    'インハウス研究機関経費\t850億円 (こ0,文255,厚509,経86)\t841億円 (こ0,文251,厚504,経86)\t+9億円\t+1.1%\t300億円 (厚300)');
  text = replaceOnce(text, '「科学技術イノベーション創造推進費(595億円)」', '「科学技術イノベーション創造推進費(600億円)」');
  text = replaceOnce(text, '令和7年度補正予算に、AMED対象経費として404億円(内120、文175、厚110)、インハウス研究機関経費として334億円(厚334)', '令和8年度補正予算に、AMED対象経費として400億円(内120、文170、厚110)、インハウス研究機関経費として300億円(厚300)');
  text = replaceOnce(text, '令和8年度においては', '令和9年度においては');
  text = replaceOnce(text, '1. 医薬品プロジェクト 355億円 <AMED 308億円、インハウス 46億円>', '1. 医薬品プロジェクト 360億円 <AMED 312億円、インハウス 48億円>');
  text = replaceOnce(text, '5. データ利活用・ライフコースプロジェクト 218億円 <AMED 200億円、インハウス 18億円>', '5. データ利活用・ライフコースプロジェクト 223億円 <AMED 200億円、インハウス 23億円>');
  text = replaceOnce(text, '2. 医療機器・ヘルスケアプロジェクト 88億円', '2. 医療機器・ヘルスケアプロジェクト 96億円');
  text = replaceOnce(text, 'インハウス研究機関経費が777億円', 'インハウス研究機関経費が779億円');
  return text;
}
