import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, PDFHexString, PDFString, type PDFObject } from 'pdf-lib';
import type { Bookmark, MissingGlyph, PrintedDocument, PrintedPage, StructElement, TextRun } from './printed-document.ts';

/**
 * Reads a printed PDF into what the layout checks look at. Two libraries, each for what it reads
 * best: pdf-lib walks the structure tree as objects (so that one table split over two pages is
 * one element, which pdf.js's per-page trees cannot tell), pdf.js places the text (positions,
 * widths as drawn, glyphs drawn as .notdef) and reads the bookmarks. The two meet at the
 * marked-content ids: (page, MCID).
 */

// Noto Sans JP's em box: the ideographs sit 0.88 em above the baseline and 0.12 em below it.
const ASCENT = 0.88;
const DESCENT = 0.12;

type Runs = Map<string, TextRun[]>;
const key = (page: number, mcid: number) => `${page}:${mcid}`;

interface PdfjsTextItem {
  str: string;
  width: number;
  height: number;
  transform: number[];
}

/** A run's rectangle from pdf.js's text matrix: the baseline origin, direction and size as drawn. */
export function placeRun(page: number, pageHeight: number, text: string, width: number, transform: readonly number[]): TextRun {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = transform;
  const size = Math.hypot(c, d) || Math.hypot(a, b);
  const angle = Math.atan2(b, a);
  const dir = [Math.cos(angle), Math.sin(angle)] as const;
  const up = [-Math.sin(angle), Math.cos(angle)] as const;
  const corners = [0, width].flatMap((s) =>
    [-DESCENT * size, ASCENT * size].map((t) => [e + dir[0] * s + up[0] * t, f + dir[1] * s + up[1] * t] as const),
  );
  const xs = corners.map((p) => p[0]);
  const ys = corners.map((p) => pageHeight - p[1]);
  // In the run's own frame (PDF's y up): position along the direction and across it.
  const along = e * dir[0] + f * dir[1];
  const across = e * up[0] + f * up[1];
  return {
    page,
    text,
    box: { left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys) },
    angle: Math.round((angle * 180) / Math.PI),
    along: [along, along + width],
    across: [across - DESCENT * size, across + ASCENT * size],
  };
}

// Chrome draws a character no font has as glyph 0 (.notdef, an empty box) and maps it to no character: pdf.js reads it as U+0000.
const NOTDEF = '\u0000';

/** The page's tagged runs (also filed by marked-content id in `runs`), and where .notdef glyphs were drawn. */
async function readRuns(page: PDFPageProxy, number: number, height: number, runs: Runs, missing: MissingGlyph[]): Promise<TextRun[]> {
  const content = await page.getTextContent({ includeMarkedContent: true, disableNormalization: true });
  const open: (number | undefined)[] = [];
  const tagged: TextRun[] = [];
  for (const item of content.items) {
    if ('type' in item) {
      if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') {
        const mcid = /_mc(\d+)$/.exec(item.id ?? '')?.[1];
        open.push(mcid === undefined ? open.at(-1) : Number(mcid));
      } else if (item.type === 'endMarkedContent') open.pop();
      continue;
    }
    const mcid = open.at(-1);
    if (item.str.includes(NOTDEF)) missing.push({ page: number, text: item.str.replaceAll(NOTDEF, '□'), tagged: mcid !== undefined });
    // Untagged text is the running header and page numbers (artifacts); blank runs take no room.
    if (mcid === undefined || item.str.trim() === '') continue;
    const text = item as PdfjsTextItem;
    const run = placeRun(number, height, text.str, text.width, text.transform);
    tagged.push(run);
    const list = runs.get(key(number, mcid));
    if (list) list.push(run);
    else runs.set(key(number, mcid), [run]);
  }
  return tagged;
}

async function readBookmarks(doc: PDFDocumentProxy): Promise<Bookmark[]> {
  const pageOf = async (dest: string | unknown[] | null): Promise<number | null> => {
    const explicit = typeof dest === 'string' ? await doc.getDestination(dest) : dest;
    const ref: unknown = explicit?.[0];
    if (ref && typeof ref === 'object' && 'num' in ref) return (await doc.getPageIndex(ref as { num: number; gen: number })) + 1;
    return typeof ref === 'number' ? ref + 1 : null;
  };
  type Outline = Awaited<ReturnType<PDFDocumentProxy['getOutline']>>;
  const convert = async (items: Outline | undefined): Promise<Bookmark[]> =>
    Promise.all((items ?? []).map(async (o) => ({ title: o.title, page: await pageOf(o.dest), children: await convert(o.items) })));
  return convert(await doc.getOutline());
}

const textOf = (obj: PDFObject | undefined): string | undefined =>
  obj instanceof PDFString || obj instanceof PDFHexString ? obj.decodeText() : undefined;

/** The structure tree as objects: each element with the runs of its marked content, on whatever page. */
function readStructure(lib: PDFDocument, runs: Runs): StructElement[] {
  const ctx = lib.context;
  const pageNumber = new Map(lib.getPages().map((p, i) => [p.ref.toString(), i + 1]));
  const pageOfRef = (pg: PDFObject | undefined, inherited: number | undefined) => (pg instanceof PDFRef ? (pageNumber.get(pg.toString()) ?? inherited) : inherited);
  const seen = new Set<PDFDict>();
  const element = (dict: PDFDict, inheritedPage: number | undefined): StructElement | undefined => {
    // A malformed tree could refer back up; each element is read once.
    if (seen.has(dict)) return undefined;
    seen.add(dict);
    const role = dict.get(PDFName.of('S'));
    const page = pageOfRef(dict.get(PDFName.of('Pg')), inheritedPage);
    const out: StructElement = { role: role instanceof PDFName ? role.decodeText() : '?', children: [], runs: [] };
    const alt = textOf(dict.lookup(PDFName.of('Alt')));
    if (alt !== undefined) out.alt = alt;
    const kid = (k: PDFObject | undefined): void => {
      const target = k instanceof PDFRef ? ctx.lookup(k) : k;
      if (target instanceof PDFNumber) out.runs.push(...(page === undefined ? [] : (runs.get(key(page, target.asNumber())) ?? [])));
      else if (target instanceof PDFArray) for (const item of target.asArray()) kid(item);
      else if (target instanceof PDFDict) {
        const type = target.get(PDFName.of('Type'));
        if (type instanceof PDFName && type.decodeText() === 'MCR') {
          const mcid = target.get(PDFName.of('MCID'));
          const mcPage = pageOfRef(target.get(PDFName.of('Pg')), page);
          if (mcid instanceof PDFNumber && mcPage !== undefined) out.runs.push(...(runs.get(key(mcPage, mcid.asNumber())) ?? []));
        } else if (target.get(PDFName.of('S'))) {
          const child = element(target, page);
          if (child) out.children.push(child);
        }
      }
    };
    kid(dict.get(PDFName.of('K')));
    return out;
  };
  const root = lib.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  if (!root) return [];
  const top: StructElement = { role: 'StructTreeRoot', children: [], runs: [] };
  const k = root.get(PDFName.of('K'));
  const kids = k instanceof PDFRef ? ctx.lookup(k) : k;
  for (const item of kids instanceof PDFArray ? kids.asArray() : [kids]) {
    const dict = item instanceof PDFRef ? ctx.lookup(item) : item;
    if (dict instanceof PDFDict) {
      const child = element(dict, undefined);
      if (child) top.children.push(child);
    }
  }
  return top.children;
}

/** Reads the pages, structure, bookmarks and missing glyphs of a printed PDF. */
export async function readPrintedPdf(bytes: Uint8Array): Promise<PrintedDocument> {
  // pdf.js takes over (detaches) the buffer it is given: it gets a copy.
  const doc = await pdfjs.getDocument({ data: bytes.slice(), verbosity: 0, isEvalSupported: false, disableFontFace: true, useSystemFonts: false }).promise;
  try {
    const runs: Runs = new Map();
    const pages: PrintedPage[] = [];
    const missingGlyphs: MissingGlyph[] = [];
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      const [, , width = 0, height = 0] = page.view;
      pages.push({ number, width, height, runs: await readRuns(page, number, height, runs, missingGlyphs) });
      page.cleanup();
    }
    const lib = await PDFDocument.load(bytes, { updateMetadata: false });
    return { pages, structure: readStructure(lib, runs), bookmarks: await readBookmarks(doc), missingGlyphs };
  } finally {
    await doc.destroy();
  }
}
