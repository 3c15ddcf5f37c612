import { setTimeout as sleep } from 'node:timers/promises';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFStream, PDFString } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { buildWorkbook } from '../../src/outputs/workbook.ts';
import { finalizePdf } from '../../src/print/finalize-pdf.ts';
import type { BriefingData } from '../../src/schema/briefing-data.ts';
import { readWorkbook } from '../support/outputs-helpers.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ONE_TABLE: BriefingData = {
  format: 'briefing-data/1',
  briefing: 'sample',
  kind: 'year-comparison',
  title: 'Sample',
  language: 'ja',
  colophon: { dataVersion: 'abc123', toolVersion: 'briefings 0.1.0', buildDate: null },
  documents: [{ id: 'doc', title: 'Doc', textFile: 'documents/doc.txt', published: 'unknown', url: null }],
  tables: [{ id: 'headline', title: '概要', section: 'headline', charts: [], headers: ['区分', '令和8年度', '増▲減額'], rows: [['AMED対象経費', { figure: 'a' }, { figure: 'b' }]] }],
  figures: [
    { id: 'a', table: 'headline', label: 'AMED 令和8年度', value: 1238, status: 'known', display: '1,238億円', unit: '億円', measure: 'amount', fiscalYear: 2026, origin: 'printed', sources: [{ document: 'doc', textFile: 'documents/doc.txt', path: 'budgets[0].scopes.amed.total', line: 9 }] },
    { id: 'b', table: 'headline', label: 'AMED 増▲減額', value: -3, status: 'known', display: '▲3億円', unit: '億円', measure: 'change', fiscalYear: 2026, origin: 'computed', sources: [] },
  ],
};

const META = { title: 'T', subject: 'S', author: 'A', keywords: ['k'], creator: 'c', language: 'ja' };

/** The first associated file of a PDF: its relationship, name and modification date. */
async function attachedParams(bytes: Uint8Array) {
  const doc = await PDFDocument.load(bytes);
  const spec = doc.catalog.lookup(PDFName.of('AF'), PDFArray).lookup(0, PDFDict);
  const stream = spec.lookup(PDFName.of('EF'), PDFDict).lookup(PDFName.of('F'), PDFStream);
  const modified = stream.dict.lookup(PDFName.of('Params'), PDFDict).get(PDFName.of('ModDate'));
  return {
    relationship: spec.get(PDFName.of('AFRelationship'))?.toString(),
    name: spec.lookup(PDFName.of('UF'), PDFHexString).decodeText(),
    modified: modified instanceof PDFString ? modified.asString() : undefined,
  };
}

async function blankPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage();
  return doc.save();
}

describe('reproducible data files', () => {
  it('writes the same workbook bytes whenever it is written', async () => {
    const first = await buildWorkbook(ONE_TABLE, { sources: '出典と注記', notes: ['note'] }, undefined);
    await sleep(2100); // zip entries carry times to 2 s
    const second = await buildWorkbook(ONE_TABLE, { sources: '出典と注記', notes: ['note'] }, undefined);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
  });

  it('stores figures as numbers with the document style of 億円', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wb-'));
    writeFileSync(path.join(dir, 'x.xlsx'), await buildWorkbook(ONE_TABLE, { sources: 'Sources', notes: [] }, undefined));
    const sheet = (await readWorkbook(path.join(dir, 'x.xlsx'))).getWorksheet('概要');
    expect(sheet?.getCell('B3').value).toBe(1238);
    expect(sheet?.getCell('B3').numFmt).toBe('#,##0"億円"');
    expect(sheet?.getCell('C3').value).toBe(-3);
    expect(sheet?.getCell('C3').numFmt).toContain('▲#,##0"億円"');
  });

  it('gives a PDF with the same attachments the same bytes, and dates its attachments only by SOURCE_DATE_EPOCH', async () => {
    const printed = await blankPdf();
    const files = [{ name: 'sample.json', bytes: new TextEncoder().encode('{}\n'), mimeType: 'application/json', description: 'data' }];
    const a = await finalizePdf(printed, META, undefined, '<html>', files);
    await sleep(1100);
    const b = await finalizePdf(printed, META, undefined, '<html>', files);
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    expect(await attachedParams(a.bytes)).toEqual({ relationship: '/Data', name: 'sample.json', modified: undefined });
    const dated = await finalizePdf(printed, META, new Date(Date.UTC(2026, 0, 2)), '<html>', files);
    expect((await attachedParams(dated.bytes)).modified).toMatch(/^D:20260102000000/);
    const other = await finalizePdf(printed, META, undefined, '<html>', [{ ...files[0]!, bytes: new TextEncoder().encode('{"x":1}\n') }]);
    expect(Buffer.from(other.bytes).equals(Buffer.from(a.bytes))).toBe(false);
  });
});
