import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { BriefingData } from '../../src/schema/briefing-data.ts';

/** The text of a PDF (or one page of it) without any whitespace, so line breaks inside table cells do not matter. */
export function pdfText(file: string, page?: number): string {
  const pages = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return execFileSync('pdftotext', ['-raw', ...pages, file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

export const pageCount = (file: string): number => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1] ?? 0);

export const readData = (file: string): BriefingData => BriefingData.parse(JSON.parse(readFileSync(file, 'utf8')));

export async function readWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** The files attached inside a PDF (poppler's pdfdetach), by name. */
export function attachments(pdf: string): Map<string, Buffer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'attached-'));
  execFileSync('pdfdetach', ['-saveall', '-o', dir, pdf]);
  return new Map(readdirSync(dir).map((name) => [name, readFileSync(path.join(dir, name))]));
}
