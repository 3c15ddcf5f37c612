import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildBriefings, type BriefingResult } from '../../src/build/build-briefings.ts';
import { LOCALES } from '../../src/format/locale.ts';
import { formatNumber } from '../../src/format/number.ts';
import { DATA, TEMPLATES, tempDir } from '../support/build-helpers.ts';
import { attachments, pdfText, readData, readWorkbook } from '../support/outputs-helpers.ts';

// Every briefing of `npm run build`, built once with the default outputs (pdf, xlsx, json).
let out: string;
let results: BriefingResult[];
beforeAll(async () => {
  out = tempDir('outputs');
  results = await buildBriefings({ dataDir: DATA, templatesDir: TEMPLATES, outDir: out, force: true });
}, 600_000);

const file = (name: string, ext: string) => path.join(out, `${name}.${ext}`);

/** The value at a field path such as budgets[0].scopes.inhouse.total in a document's YAML. */
function documentField(document: string, fieldPath: string): unknown {
  let at: unknown = parse(readFileSync(path.join(DATA, 'documents', `${document}.yaml`), 'utf8'));
  for (const key of fieldPath.split(/[.[\]]+/).filter(Boolean)) at = at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined;
  return at;
}

describe('data beside every briefing', () => {
  it('builds every briefing with its workbook and JSON, attached inside the PDF byte for byte', () => {
    expect(results.length).toBeGreaterThanOrEqual(11);
    for (const r of results) {
      expect(r.status, `${r.name}: ${r.error?.message}`).toBe('built');
      const attached = attachments(file(r.name, 'pdf'));
      expect([...attached.keys()].sort()).toEqual([`${r.name}.json`, `${r.name}.xlsx`]);
      for (const ext of ['json', 'xlsx']) expect(attached.get(`${r.name}.${ext}`)?.equals(readFileSync(file(r.name, ext))), `${r.name}.${ext}`).toBe(true);
    }
  });

  it('lists in the JSON only figures that the PDF prints', () => {
    for (const r of results) {
      const data = readData(file(r.name, 'json'));
      const text = pdfText(file(r.name, 'pdf'));
      expect(data.figures.length, r.name).toBeGreaterThan(0);
      const missing = data.figures.filter((f) => !text.includes(f.display.replace(/\s+/g, '')));
      expect(missing.map((f) => `${f.id} ${f.display}`), r.name).toEqual([]);
    }
  });

  it('has a sheet per table whose headers and cells match the JSON, numbers stored as numbers in 億円', async () => {
    for (const r of results) {
      const data = readData(file(r.name, 'json'));
      const figures = new Map(data.figures.map((f) => [f.id, f]));
      const wb = await readWorkbook(file(r.name, 'xlsx'));
      expect(wb.worksheets.length, r.name).toBe(data.tables.length + 1);
      data.tables.forEach((table, t) => {
        const sheet = wb.worksheets[t];
        if (!sheet) throw new Error(`${r.name}: no sheet for ${table.id}`);
        expect(sheet.getRow(2).values, `${r.name} ${table.id} headers`).toEqual([undefined, ...table.headers]);
        table.rows.forEach((cells, i) => {
          cells.forEach((cell, j) => {
            const found = sheet.getRow(i + 3).getCell(j + 1);
            const where = `${r.name} ${table.id} row ${i + 1} column ${j + 1}`;
            if (cell === null || cell === '') expect([null, '']).toContain(found.value);
            else if (typeof cell === 'string') expect(found.value, where).toBe(cell);
            else {
              const figure = figures.get(cell.figure);
              if (!figure) throw new Error(`${where}: figure ${cell.figure} is not in the JSON`);
              expect(found.value, where).toBe(figure.value ?? figure.display);
              if (figure.value !== null && figure.unit === '億円') expect(found.numFmt, where).toContain('億円');
            }
          });
        });
      });
    }
  });

  it('traces every printed figure to its document field, and each located line states that figure', () => {
    for (const r of results) {
      const data = readData(file(r.name, 'json'));
      for (const f of data.figures.filter((x) => x.origin === 'printed' && x.value !== null)) {
        expect(f.sources, `${r.name} ${f.id}`).toHaveLength(1);
        const [source] = f.sources;
        expect(source?.path, `${r.name} ${f.id}`).not.toBe('');
        if (source?.line == null) continue;
        const line = readFileSync(path.join(DATA, source.textFile), 'utf8').split(/\r?\n/)[source.line - 1] ?? '';
        const value = f.measure === 'percentChange' ? Math.abs(f.value ?? 0).toFixed(1) : formatNumber(Math.abs(f.value ?? 0));
        expect(line, `${r.name} ${f.id} → ${source.textFile}:${source.line}`).toContain(value);
      }
    }
  });

  it('keeps what a partial edition does not state as unknown: null, never 0, printed and stored as 記載なし (not stated) or —', async () => {
    const unknownSomewhere = results.some((r) => readData(file(r.name, 'json')).figures.some((f) => f.status === 'unknown'));
    expect(unknownSomewhere, 'the trend from FY2021 starts with a partial edition').toBe(true);
    for (const r of results) {
      const data = readData(file(r.name, 'json'));
      const wb = await readWorkbook(file(r.name, 'xlsx'));
      const sourcesSheet = wb.worksheets.at(-1);
      const statusOf = new Map(sourcesSheet?.getSheetValues().flatMap((row) => (Array.isArray(row) ? [[String(row[2]), String(row[7])] as const] : [])));
      for (const f of data.figures) {
        expect(f.value === null, `${r.name} ${f.id}`).toBe(f.status !== 'known');
        expect(statusOf.get(f.id), `${r.name} ${f.id} in the sources sheet`).toBe(f.status);
        for (const s of f.sources) expect(s.document, `${r.name} ${f.id} names a document that exists`).not.toBe('');
        if (f.status !== 'unknown') continue;
        const unstated = data.language === 'en' ? LOCALES.en.unstated : LOCALES.ja.unstated;
        expect([unstated, '—', '基金事業'].some((shown) => f.display.startsWith(shown)), `${r.name} ${f.id}: ${f.display}`).toBe(true);
        // Where it names the field of a printed figure, the document really leaves that field without a number.
        for (const s of f.origin === 'printed' ? f.sources.filter((x) => x.path !== '') : [])
          expect(typeof documentField(s.document, s.path), `${r.name} ${f.id} → ${s.document} ${s.path}`).not.toBe('number');
      }
    }
  });

  it('closes each PDF with the appendix of sources, the glossary and the colophon of its JSON', () => {
    for (const r of results) {
      const data = readData(file(r.name, 'json'));
      const text = pdfText(file(r.name, 'pdf'));
      for (const d of data.documents) expect(text, r.name).toContain(path.basename(d.textFile));
      expect(text, r.name).toContain(data.colophon.dataVersion);
      expect(text, r.name).toContain(data.colophon.toolVersion.replace(/\s+/g, ''));
      expect(text, r.name).toMatch(/用語集|Glossary/);
    }
  });
});
