import { createHash } from 'node:crypto';
import { BriefingError } from '../problems.ts';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString, type PDFObject } from 'pdf-lib';

export interface PdfMetadata {
  title: string;
  subject: string;
  author: string;
  keywords: string[];
  creator: string;
  language: string;
}

/**
 * SOURCE_DATE_EPOCH (seconds) when set, per reproducible-builds.org; otherwise the PDF carries
 * no dates at all, so the same inputs always give the same bytes.
 */
export function buildDate(env: NodeJS.ProcessEnv = process.env): Date | undefined {
  const raw = env.SOURCE_DATE_EPOCH;
  if (raw === undefined || raw === '') return undefined;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 0)
    throw new BriefingError('usage', `SOURCE_DATE_EPOCH must be whole seconds since 1970 (e.g. $(git log -1 --format=%ct)); found ${raw}`);
  return new Date(seconds * 1000);
}

const NODE_ID = /^node(\d+)$/;

function visitStrings(obj: PDFObject, visit: (value: PDFString | PDFHexString, replace: (next: PDFObject) => void) => void): void {
  if (obj instanceof PDFDict)
    for (const [key, value] of obj.entries()) {
      if (value instanceof PDFString || value instanceof PDFHexString) visit(value, (next) => obj.set(key, next));
      else visitStrings(value, visit);
    }
  else if (obj instanceof PDFArray)
    obj.asArray().forEach((value, i) => {
      if (value instanceof PDFString || value instanceof PDFHexString) visit(value, (next) => obj.set(i, next));
      else visitStrings(value, visit);
    });
}

/**
 * Chrome names the structure elements of a tagged PDF after DOM node ids (node00000230), which
 * depend on the renderer's history, not on the document. Renumbered in order, they keep every
 * reference (/ID, the ID tree, table /Headers) and their sort order, and the bytes become stable.
 */
function renumberNodeIds(doc: PDFDocument): void {
  const found = new Set<number>();
  const objects = doc.context.enumerateIndirectObjects().map(([, obj]) => obj);
  for (const obj of objects)
    visitStrings(obj, (value) => {
      const m = NODE_ID.exec(value.decodeText());
      if (m) found.add(Number(m[1]));
    });
  const renamed = new Map([...found].sort((a, b) => a - b).map((n, i) => [n, `node${String(i + 1).padStart(8, '0')}`]));
  for (const obj of objects)
    visitStrings(obj, (value, replace) => {
      const m = NODE_ID.exec(value.decodeText());
      const next = m && renamed.get(Number(m[1]));
      if (next) replace(PDFString.of(next));
    });
}

/**
 * Chrome's PDF → the published file: document metadata, language, and byte-for-byte
 * reproducibility (Chrome stamps the print time; the file ID is derived from the content).
 * Chrome's outline (bookmarks) and structure tree (tags) pass through untouched.
 */
export async function finalizePdf(
  bytes: Uint8Array,
  meta: PdfMetadata,
  date: Date | undefined,
  /** What the PDF was made from (its HTML): the file ID is derived from it, so it needs no second save. */
  source: string | Uint8Array,
): Promise<{ bytes: Uint8Array; pages: number }> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setSubject(meta.subject);
  doc.setAuthor(meta.author);
  doc.setKeywords(meta.keywords);
  doc.setCreator(meta.creator);
  doc.setProducer('medical-rd-budget-briefings (Chromium, pdf-lib)');
  doc.setLanguage(meta.language);
  renumberNodeIds(doc);
  const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
  if (date) {
    doc.setCreationDate(date);
    doc.setModificationDate(date);
  } else {
    info.delete(PDFName.of('CreationDate'));
    info.delete(PDFName.of('ModDate'));
  }
  const id = createHash('md5').update(source).update(JSON.stringify(meta)).update(String(date?.getTime() ?? '')).digest('hex');
  doc.context.trailerInfo.ID = doc.context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
  return { bytes: await doc.save({ useObjectStreams: true }), pages: doc.getPageCount() };
}
