import { readFileSync } from 'node:fs';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFString, decodePDFRawStream, type PDFObject } from 'pdf-lib';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';

/** One structure element of a tagged PDF, as a screen reader is given it. */
export interface Tag {
  type: string;
  alt?: string;
  /** Its own /Lang; `language` is the one in force (its own or an ancestor's). */
  lang?: string;
  language?: string;
  /** /A attributes with owner Table: Scope, Headers, … */
  tableAttributes: Record<string, string>;
  children: Tag[];
  /** Its own marked content: page index and MCID. */
  content: { page: number; mcid: number }[];
}

const text = (value: PDFObject | undefined): string | undefined =>
  value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;

export async function loadPdf(file: string): Promise<PDFDocument> {
  return PDFDocument.load(readFileSync(file), { updateMetadata: false });
}

/** The structure tree from StructTreeRoot, the children in their stored order. */
export function readTags(doc: PDFDocument): Tag {
  const ctx = doc.context;
  const pages = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i]));
  const deref = (o: PDFObject | undefined) => (o instanceof PDFRef ? ctx.lookup(o) : o);
  const tableAttributes = (dict: PDFDict): Record<string, string> => {
    const a = deref(dict.get(PDFName.of('A')));
    const owners = a instanceof PDFArray ? a.asArray().map(deref) : [a];
    const found: Record<string, string> = {};
    for (const owner of owners)
      if (owner instanceof PDFDict && owner.get(PDFName.of('O'))?.toString() === '/Table')
        for (const [key, value] of owner.entries()) if (key.decodeText() !== 'O') found[key.decodeText()] = value.toString().replace(/^\//, '');
    return found;
  };
  const visit = (dict: PDFDict, page: number, language: string | undefined): Tag => {
    const pg = dict.get(PDFName.of('Pg'));
    const here = pg instanceof PDFRef ? (pages.get(pg.toString()) ?? page) : page;
    const lang = text(deref(dict.get(PDFName.of('Lang'))));
    const tag: Tag = {
      type: dict.get(PDFName.of('S'))?.toString().slice(1) ?? 'StructTreeRoot',
      alt: text(deref(dict.get(PDFName.of('Alt')))),
      lang,
      language: lang ?? language,
      tableAttributes: tableAttributes(dict),
      children: [],
      content: [],
    };
    const k = dict.get(PDFName.of('K'));
    for (const kid of k instanceof PDFArray ? k.asArray() : k ? [k] : []) {
      const target = deref(kid);
      if (target instanceof PDFNumber) tag.content.push({ page: here, mcid: target.asNumber() });
      else if (target instanceof PDFDict && target.get(PDFName.of('S'))) tag.children.push(visit(target, here, tag.language));
      else if (target instanceof PDFDict && target.get(PDFName.of('MCID')) instanceof PDFNumber) {
        const mcrPage = target.get(PDFName.of('Pg'));
        tag.content.push({ page: mcrPage instanceof PDFRef ? (pages.get(mcrPage.toString()) ?? here) : here, mcid: (target.get(PDFName.of('MCID')) as PDFNumber).asNumber() });
      }
    }
    return tag;
  };
  const root = doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
  return visit(root, 0, text(deref(doc.catalog.get(PDFName.of('Lang')))));
}

/** Every element of the tree, depth-first in document order, with its ancestors' types. */
export function allTags(root: Tag): { tag: Tag; ancestors: string[] }[] {
  const found: { tag: Tag; ancestors: string[] }[] = [];
  const walk = (tag: Tag, ancestors: string[]) => {
    found.push({ tag, ancestors });
    for (const child of tag.children) walk(child, [...ancestors, tag.type]);
  };
  walk(root, []);
  return found;
}

/** The text of every element's own marked content, with the language in force there. */
export function taggedPassages(root: Tag, textOf: Map<string, string>): { text: string; language: string | undefined; ancestors: string[] }[] {
  return allTags(root).flatMap(({ tag, ancestors }) =>
    tag.content.map(({ page, mcid }) => ({ text: textOf.get(`${page}:${mcid}`) ?? '', language: tag.language, ancestors: [...ancestors, tag.type] })),
  );
}

export interface PageText {
  /** page:mcid → the text of that marked content. */
  byMcid: Map<string, string>;
  /** Per page: the text painted as artifacts. */
  artifacts: string[];
  /** Per page: the text painted outside any marked content (neither tagged nor an artifact). */
  untagged: string[];
}

/** The text of each page by marked content, as pdf.js reads it. */
export async function pageText(file: string): Promise<PageText> {
  const pdf = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0 }).promise;
  const result: PageText = { byMcid: new Map(), artifacts: [], untagged: [] };
  try {
    for (let p = 1; p <= pdf.numPages; p++) {
      const content = await (await pdf.getPage(p)).getTextContent({ includeMarkedContent: true });
      const stack: { artifact: boolean; mcid?: number }[] = [];
      let artifacts = '';
      let untagged = '';
      for (const item of content.items) {
        if ('type' in item) {
          if (item.type === 'endMarkedContent') stack.pop();
          else {
            const mcid = /_mc(\d+)$/.exec(item.id ?? '')?.[1];
            const artifact = 'tag' in item && item.tag === 'Artifact';
            stack.push({ artifact: artifact || !!stack.at(-1)?.artifact, mcid: mcid === undefined ? stack.at(-1)?.mcid : Number(mcid) });
          }
          continue;
        }
        const top = stack.at(-1);
        if (!top) untagged += item.str;
        else if (top.artifact) artifacts += item.str;
        else if (top.mcid !== undefined) {
          const key = `${p - 1}:${top.mcid}`;
          result.byMcid.set(key, (result.byMcid.get(key) ?? '') + item.str);
        }
      }
      result.artifacts.push(artifacts);
      result.untagged.push(untagged);
    }
  } finally {
    await pdf.destroy();
  }
  return result;
}

/** The catalog's XMP metadata packet, as text. */
export function readXmp(doc: PDFDocument): string | undefined {
  const stream = doc.catalog.lookup(PDFName.of('Metadata'));
  return stream instanceof PDFRawStream ? new TextDecoder().decode(decodePDFRawStream(stream).decode()) : undefined;
}

/** The value of one simple XMP property (the first rdf:li of a container, or the element's text). */
export function xmpValue(xmp: string, property: string): string | undefined {
  const m = new RegExp(`<${property}>([\\s\\S]*?)</${property}>`).exec(xmp);
  if (!m) return undefined;
  const inner = m[1] ?? '';
  const li = /<rdf:li[^>]*>([\s\S]*?)<\/rdf:li>/.exec(inner);
  return (li ? li[1] : inner)?.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

export function infoEntry(doc: PDFDocument, key: string): string | undefined {
  const info = doc.context.lookup(doc.context.trailerInfo.Info);
  return info instanceof PDFDict ? text(info.get(PDFName.of(key))) : undefined;
}
