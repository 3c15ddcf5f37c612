import { createHash } from 'node:crypto';
import { PDFDict, PDFDocument, PDFHexString, PDFName } from 'pdf-lib';

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
  if (!Number.isInteger(seconds) || seconds < 0) throw new RangeError(`SOURCE_DATE_EPOCH must be whole seconds since 1970; found ${raw}`);
  return new Date(seconds * 1000);
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
): Promise<{ bytes: Uint8Array; pages: number }> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setSubject(meta.subject);
  doc.setAuthor(meta.author);
  doc.setKeywords(meta.keywords);
  doc.setCreator(meta.creator);
  doc.setProducer('medical-rd-budget-briefings (Chromium, pdf-lib)');
  doc.setLanguage(meta.language);
  const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
  if (date) {
    doc.setCreationDate(date);
    doc.setModificationDate(date);
  } else {
    info.delete(PDFName.of('CreationDate'));
    info.delete(PDFName.of('ModDate'));
  }
  const setId = (hex: string) => {
    doc.context.trailerInfo.ID = doc.context.obj([PDFHexString.of(hex), PDFHexString.of(hex)]);
  };
  setId('0'.repeat(32));
  const draft = await doc.save({ useObjectStreams: true });
  setId(createHash('md5').update(draft).digest('hex'));
  return { bytes: await doc.save({ useObjectStreams: true }), pages: doc.getPageCount() };
}
