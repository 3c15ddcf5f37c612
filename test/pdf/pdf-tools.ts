import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { PDFDict, PDFDocument, PDFName, PDFString, PDFHexString } from 'pdf-lib';

/** poppler-utils, as a reader of the PDF would see it. */
export function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/** The text in the order it was drawn (Chrome draws in document order), so table cells stay whole. */
export function pdfRawText(file: string): string {
  return execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
}

/** Text with all white space removed, so a sentence that wraps across lines still matches. */
export function pdfTextCompact(file: string): string {
  return pdfRawText(file).replace(/\s+/g, '');
}

export function pdfInfo(file: string): Record<string, string> {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Object.fromEntries(
    out
      .split('\n')
      .map((line) => /^([^:]+):\s*(.*)$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1] ?? '', m[2] ?? '']),
  );
}

export interface FontRow {
  name: string;
  embedded: boolean;
}

export function pdfFonts(file: string): FontRow[] {
  const lines = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
  return lines.map((line) => {
    const cols = line.trim().split(/\s+/);
    // name type... emb sub uni object ID: emb is the 5th column from the end
    return { name: cols[0] ?? '', embedded: cols[cols.length - 5] === 'yes' };
  });
}

const decode = (value: unknown): string =>
  value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : String(value);

/** Titles of the PDF's bookmarks, depth-first. */
export async function pdfOutline(file: string): Promise<string[]> {
  const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  const titles: string[] = [];
  const walk = (node: PDFDict | undefined) => {
    for (let item = node?.lookupMaybe(PDFName.of('First'), PDFDict); item; item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      titles.push(decode(item.lookup(PDFName.of('Title'))));
      walk(item);
    }
  };
  walk(outlines);
  return titles;
}

export async function pdfCatalogEntry(file: string, key: string): Promise<string | undefined> {
  const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
  const value = doc.catalog.get(PDFName.of(key));
  return value === undefined ? undefined : decode(value);
}
