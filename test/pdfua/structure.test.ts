import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePDFRawStream, PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, type PDFDocument } from 'pdf-lib';
import { buildBriefings, type BriefingResult } from '../../src/build/build-briefings.ts';
import { BrowserSession } from '../../src/print/browser-session.ts';
import { untaggedPainting } from '../../src/print/mark-artifacts.ts';
import { allTags, infoEntry, loadPdf, pageText, readTags, readXmp, taggedPassages, xmpValue, type PageText, type Tag } from './tagged-pdf.ts';

/**
 * PDF/UA-1 conditions read from built PDFs: a Japanese year comparison, the English edition, a
 * trend and a ministry edition, built once with a build date and a configured author.
 */
const JAPANESE = 'fy2026-vs-fy2025';
const ENGLISH = 'english-fy2026-vs-fy2025';
const TREND = 'trend-fy2021-fy2026';
const MINISTRY = 'mext-fy2026-vs-fy2025';
const BRIEFINGS = [JAPANESE, ENGLISH, TREND, MINISTRY];
const CONFIGURED_AUTHOR = 'Research Policy Office';
const EPOCH = 1767225600; // 2026-01-01T00:00:00Z

const session = new BrowserSession();
const out = mkdtempSync(path.join(os.tmpdir(), 'pdfua-'));
let results: BriefingResult[] = [];
const docs = new Map<string, PDFDocument>();
const tags = new Map<string, Tag>();
const texts = new Map<string, PageText>();

const doc = (name: string) => docs.get(name) as PDFDocument;
const tree = (name: string) => tags.get(name) as Tag;
const text = (name: string) => texts.get(name) as PageText;
const html = (name: string) => readFileSync(path.join(out, 'html', name, 'index.html'), 'utf8');
const ofType = (name: string, type: string) => allTags(tree(name)).filter(({ tag }) => tag.type === type);
const JAPANESE_LETTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

beforeAll(async () => {
  results = await buildBriefings({
    dataDir: 'data',
    templatesDir: 'templates',
    outDir: out,
    names: BRIEFINGS,
    session,
    html: true,
    author: CONFIGURED_AUTHOR,
    env: { ...process.env, SOURCE_DATE_EPOCH: String(EPOCH) },
  });
  for (const name of BRIEFINGS) {
    const file = path.join(out, `${name}.pdf`);
    const pdf = await loadPdf(file);
    docs.set(name, pdf);
    tags.set(name, readTags(pdf));
    texts.set(name, await pageText(file));
  }
}, 240_000);
afterAll(() => session.close());

it('builds the briefings under test', () => {
  expect(results.map((r) => [r.name, r.status]).sort()).toEqual(BRIEFINGS.map((n) => [n, 'built']).sort());
});

describe('metadata (Matterhorn 06, 07)', () => {
  it.each(BRIEFINGS)('%s has an XMP packet declaring PDF/UA-1 that agrees with the Info dictionary', (name) => {
    const pdf = doc(name);
    const xmp = readXmp(pdf);
    expect(xmp).toBeDefined();
    const x = (p: string) => xmpValue(xmp as string, p);
    expect(x('pdfuaid:part')).toBe('1');
    expect(x('dc:title')).toBe(infoEntry(pdf, 'Title'));
    expect(x('dc:title')).not.toBe('');
    expect(x('dc:description')).toBe(infoEntry(pdf, 'Subject'));
    expect(x('dc:creator')).toBe(infoEntry(pdf, 'Author'));
    expect(x('pdf:Keywords')).toBe(infoEntry(pdf, 'Keywords'));
    expect(x('pdf:Producer')).toBe(infoEntry(pdf, 'Producer'));
    expect(x('xmp:CreatorTool')).toBe(infoEntry(pdf, 'Creator'));
    expect(x('dc:language')).toBe(pdf.catalog.get(PDFName.of('Lang'))?.toString().replace(/[()]/g, ''));
  });

  it.each(BRIEFINGS)('%s dates its XMP and Info dictionary with SOURCE_DATE_EPOCH, the same instant', (name) => {
    const pdf = doc(name);
    const x = (p: string) => xmpValue(readXmp(pdf) as string, p);
    const instant = new Date(EPOCH * 1000).toISOString().replace('.000', '');
    expect(x('xmp:CreateDate')).toBe(instant);
    expect(x('xmp:ModifyDate')).toBe(instant);
    expect(pdf.getCreationDate()?.toISOString().replace('.000', '')).toBe(instant);
    expect(pdf.getModificationDate()?.toISOString().replace('.000', '')).toBe(instant);
  });

  it.each(BRIEFINGS)('%s shows its title in the window, is marked as tagged and states its language', (name) => {
    const catalog = doc(name).catalog;
    expect(catalog.lookup(PDFName.of('ViewerPreferences'), PDFDict).get(PDFName.of('DisplayDocTitle'))?.toString()).toBe('true');
    expect(catalog.lookup(PDFName.of('MarkInfo'), PDFDict).get(PDFName.of('Marked'))?.toString()).toBe('true');
    expect(catalog.get(PDFName.of('Lang'))?.toString()).toBe(name === ENGLISH ? '(en)' : '(ja)');
  });

  it('names the configured author, and a ministry edition its department, never the source documents’ publisher', () => {
    expect(infoEntry(doc(JAPANESE), 'Author')).toBe(CONFIGURED_AUTHOR);
    expect(infoEntry(doc(ENGLISH), 'Author')).toBe(CONFIGURED_AUTHOR);
    expect(infoEntry(doc(TREND), 'Author')).toBe(CONFIGURED_AUTHOR);
    expect(infoEntry(doc(MINISTRY), 'Author')).toBe('文部科学省');
  });
});

describe('charts (Matterhorn 13)', () => {
  it.each(BRIEFINGS)('%s has one Figure per chart, carrying the chart’s text alternative', (name) => {
    const alternatives = [...html(name).matchAll(/class="chart-image" role="img" aria-label="([^"]*)"/g)].map((m) => m[1]);
    expect(alternatives.length).toBeGreaterThan(0);
    // A department's logo is a Figure too (an <img> with its alt): none of these editions has one.
    expect(html(name)).not.toContain('class="logo"');
    const figures = ofType(name, 'Figure');
    const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#x3D;/g, '=').replace(/&#x60;/g, '`');
    expect(figures.map(({ tag }) => tag.alt)).toEqual(alternatives.map((a) => decode(a as string)));
  });

  it.each(BRIEFINGS)('%s has a text alternative on every Figure and no Figure inside another', (name) => {
    for (const { tag, ancestors } of ofType(name, 'Figure')) {
      expect(tag.alt?.trim()).toBeTruthy();
      expect(ancestors).not.toContain('Figure');
    }
  });

  it('leaves no English descriptions of axes or marks (Vega’s own ARIA) in a Japanese briefing', () => {
    for (const { tag } of allTags(tree(JAPANESE))) expect(tag.alt ?? '').not.toMatch(/axis|titled|scale/i);
  });
});

describe('lists, tables, headings (Matterhorn 09, 14, 15)', () => {
  it.each(BRIEFINGS)('%s gives every list item a body (LI → Lbl, LBody)', (name) => {
    const items = ofType(name, 'LI');
    expect(items.length).toBeGreaterThan(0);
    for (const { tag } of items) {
      const kinds = tag.children.map((c) => c.type);
      expect(kinds.filter((k) => k === 'LBody')).toHaveLength(1);
      expect(kinds.every((k) => k === 'Lbl' || k === 'LBody')).toBe(true);
      expect(tag.content).toEqual([]);
    }
    for (const { tag } of ofType(name, 'L')) expect(tag.children.every((c) => c.type === 'LI' || c.type === 'Caption')).toBe(true);
  });

  it.each(BRIEFINGS)('%s gives every table header cell a scope', (name) => {
    const headers = ofType(name, 'TH');
    expect(headers.length).toBeGreaterThan(0);
    for (const { tag } of headers) expect(['Row', 'Column', 'Both']).toContain(tag.tableAttributes.Scope);
  });

  it.each(BRIEFINGS)('%s starts its headings at H1 and never skips a level', (name) => {
    const levels = allTags(tree(name))
      .map(({ tag }) => /^H([1-6])$/.exec(tag.type)?.[1])
      .filter((l): l is string => l !== undefined)
      .map(Number);
    expect(levels[0]).toBe(1);
    expect(levels.filter((l) => l === 1)).toHaveLength(1);
    levels.forEach((level, i) => i > 0 && expect(level, `heading ${i + 1}: H${levels[i - 1]} → H${level}`).toBeLessThanOrEqual((levels[i - 1] as number) + 1));
  });

  it('tags the title block’s source as a row with its header (the definition list is a table to a reader)', () => {
    const passages = taggedPassages(tree(JAPANESE), text(JAPANESE).byMcid);
    const label = passages.find((p) => p.text === '出典');
    expect(label?.ancestors.slice(-4)).toEqual(['Table', 'TR', 'TH', 'NonStruct']);
    const glossaryTerm = passages.find((p) => p.text === 'AMED（国立研究開発法人日本医療研究開発機構）' || p.text.startsWith('AMED（'));
    expect(glossaryTerm?.ancestors).toEqual(expect.arrayContaining(['Table', 'TR', 'TH']));
  });
});

describe('language of passages (Matterhorn 11)', () => {
  it('marks every Japanese passage of the English edition as Japanese', () => {
    const passages = taggedPassages(tree(ENGLISH), text(ENGLISH).byMcid).filter((p) => !p.ancestors.includes('Figure'));
    const japanese = passages.filter((p) => JAPANESE_LETTER.test(p.text));
    expect(japanese.length).toBeGreaterThan(10);
    for (const p of japanese) expect(p.language, p.text).toBe('ja');
    // …and the English around them stays English.
    expect(passages.find((p) => p.text.startsWith('This briefing compares'))?.language).toBe('en');
  });

  it('states Japanese for every passage of a Japanese briefing', () => {
    for (const name of [JAPANESE, TREND, MINISTRY])
      for (const p of taggedPassages(tree(name), text(name).byMcid)) expect(p.language, `${name}: ${p.text}`).toBe('ja');
  });
});

describe('tagged content or artifact (Matterhorn 01)', () => {
  it.each(BRIEFINGS)('%s paints nothing outside the tags and artifacts', (name) => {
    const pdf = doc(name);
    pdf.getPages().forEach((page, i) => {
      const contents = page.node.get(PDFName.of('Contents'));
      for (const ref of contents instanceof PDFArray ? contents.asArray() : [contents]) {
        const stream = pdf.context.lookup(ref as PDFRef);
        if (!(stream instanceof PDFRawStream)) throw new Error(`page ${i + 1}: contents is not a stream`);
        expect(untaggedPainting(decodePDFRawStream(stream).decode()), `page ${i + 1}`).toEqual([]);
      }
      expect(text(name).untagged[i], `page ${i + 1}`).toBe('');
    });
  });

  it.each(BRIEFINGS)('%s keeps as artifacts only the running header and the page number', (name) => {
    const pages = text(name).artifacts.map((t) => t.replace(/\s+/g, ''));
    const withoutNumbers = pages.map((t, i) => {
      expect(t, `page ${i + 1}`).toContain(`${i + 1}/${pages.length}`);
      return t.replace(`${i + 1}/${pages.length}`, '');
    });
    expect(withoutNumbers[0]?.length).toBeGreaterThan(0);
    expect(new Set(withoutNumbers).size).toBe(1);
  });

  it('tags the body text itself: the title is a tagged H1, not an artifact', () => {
    const h1 = ofType(JAPANESE, 'H1')[0]?.tag as Tag;
    const title = taggedPassages(h1, text(JAPANESE).byMcid).map((p) => p.text).join('');
    expect(title).toBe(infoEntry(doc(JAPANESE), 'Title'));
    expect(text(JAPANESE).artifacts.join('')).not.toContain(title);
  });

  it.each(BRIEFINGS)('%s lets the tab order follow the structure on every page', (name) => {
    for (const page of doc(name).getPages()) expect(page.node.get(PDFName.of('Tabs'))?.toString()).toBe('/S');
  });
});
