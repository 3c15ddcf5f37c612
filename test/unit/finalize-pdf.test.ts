import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFString, type PDFRef } from 'pdf-lib';
import { finalizePdf, type PdfMetadata } from '../../src/print/finalize-pdf.ts';

// The same document as Chrome might print it on two runs (see test/fixtures/pdf/make-chrome-like.ts).
const RUN_A = readFileSync(new URL('../fixtures/pdf/chrome-like-a.pdf', import.meta.url));
const RUN_B = readFileSync(new URL('../fixtures/pdf/chrome-like-b.pdf', import.meta.url));
const META: PdfMetadata = { title: '令和8年度 医療分野の研究開発関連予算', subject: 'FY2026 vs FY2025', author: '健康・医療戦略推進本部', keywords: ['AMED'], creator: 'briefings', language: 'ja' };
const SOURCE = '<html lang="ja">…</html>';
const BUILD_DATE = new Date('2026-04-01T00:00:00Z');

const finalize = async (bytes: Uint8Array, date?: Date) => (await finalizePdf(bytes, META, date, SOURCE)).bytes;

/** The structure elements under /Document in order, with their /ID and the /Headers they name. */
async function structure(bytes: Uint8Array): Promise<{ role: string; id: string; headers: string[] }[]> {
  const doc = await PDFDocument.load(bytes);
  const root = doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
  const document = doc.context.lookup(root.get(PDFName.of('K')) as PDFRef, PDFDict);
  return (document.lookup(PDFName.of('K'), PDFArray).asArray() as PDFRef[]).map((ref) => {
    const element = doc.context.lookup(ref, PDFDict);
    const headers = element.lookupMaybe(PDFName.of('Headers'), PDFArray);
    return {
      role: String(element.get(PDFName.of('S'))),
      id: element.lookup(PDFName.of('ID'), PDFString).decodeText(),
      headers: headers ? headers.asArray().map((h) => (h as PDFString).decodeText()) : [],
    };
  });
}

describe('finishing a PDF makes reproducible bytes (no browser: small fixture PDFs)', () => {
  it('two prints of the same document, numbered, dated and tagged differently, finish as the same bytes', async () => {
    expect(Buffer.compare(RUN_A, RUN_B)).not.toBe(0);
    expect(Buffer.from(await finalize(RUN_A)).equals(Buffer.from(await finalize(RUN_B)))).toBe(true);
  });

  it('finishing the same print twice gives the same bytes', async () => {
    expect(Buffer.from(await finalize(RUN_A)).equals(Buffer.from(await finalize(RUN_A)))).toBe(true);
  });

  it('drops the print time without a build date, and stamps the build date when given', async () => {
    expect((await PDFDocument.load(await finalize(RUN_B), { updateMetadata: false })).getCreationDate()).toBeUndefined();
    const dated = await PDFDocument.load(await finalize(RUN_B, BUILD_DATE), { updateMetadata: false });
    expect(dated.getCreationDate()).toEqual(BUILD_DATE);
    expect(dated.getModificationDate()).toEqual(BUILD_DATE);
  });

  it('puts structure elements in page order, names them node00000001… in that order, and follows the names in /Headers', async () => {
    const expected = [
      { role: '/H1', id: 'node00000001', headers: [] },
      { role: '/P', id: 'node00000002', headers: [] },
      { role: '/P', id: 'node00000003', headers: ['node00000001'] },
    ];
    expect(await structure(await finalize(RUN_A))).toEqual(expected);
    expect(await structure(await finalize(RUN_B))).toEqual(expected);
  });

  it('writes the metadata and language, and counts the pages', async () => {
    const { bytes, pages } = await finalizePdf(RUN_A, META, undefined, SOURCE);
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(pages).toBe(1);
    expect(doc.getTitle()).toBe(META.title);
    expect(doc.getAuthor()).toBe(META.author);
    expect(String(doc.catalog.get(PDFName.of('Lang')))).toContain('ja');
  });
});
