import { createHash } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import { AFRelationship, decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFStream, PDFString, type PDFObject } from 'pdf-lib';
import { markUntaggedAsArtifacts } from './mark-artifacts.ts';
import { addListBodies, ungroupNestedFigures } from './repair-structure.ts';
import { xmpPacket } from './xmp-metadata.ts';
import { headingTexts, repairOutline } from './repair-outline.ts';

/** A file carried inside the PDF as an associated file (e.g. the briefing's data). */
export interface PdfAttachment {
  name: string;
  bytes: Uint8Array;
  mimeType: string;
  description: string;
}

export interface PdfMetadata {
  title: string;
  subject: string;
  author: string;
  keywords: string[];
  creator: string;
  language: string;
}

const NODE_ID = /^node\d+$/;

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

const text = (value: PDFObject | undefined): string | undefined =>
  value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;

/**
 * Chrome's structure tree (the tags) is the same document every time, but not written the same
 * way: the children of an element (the cells of a table row) come in varying order, and elements
 * are named after DOM node ids handed out in varying order. Here every element's children are put
 * in the order of their content on the pages, elements are renamed node00000001… in that order,
 * every reference to a name (the ID tree, table /Headers) follows, and the ID tree is rebuilt.
 */
function canonicalizeStructure(doc: PDFDocument): void {
  const ctx = doc.context;
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  if (!root) return;
  const pageIndex = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i]));
  const LAST = Number.MAX_SAFE_INTEGER;
  const keyCache = new Map<PDFDict, number>();

  const pageOf = (dict: PDFDict, inherited: number): number => {
    const pg = dict.get(PDFName.of('Pg'));
    return pg instanceof PDFRef ? (pageIndex.get(pg.toString()) ?? inherited) : inherited;
  };
  const asElement = (kid: PDFObject): PDFDict | undefined => {
    const target = kid instanceof PDFRef ? ctx.lookup(kid) : kid;
    return target instanceof PDFDict && target.get(PDFName.of('S')) ? target : undefined;
  };
  /** Where a kid's content starts: page × 1e6 + marked-content id; LAST for no content. */
  const keyOf = (kid: PDFObject, page: number): number => {
    if (kid instanceof PDFNumber) return page * 1e6 + kid.asNumber();
    const element = asElement(kid);
    if (element) return elementKey(element, page);
    const target = kid instanceof PDFRef ? ctx.lookup(kid) : kid;
    if (target instanceof PDFDict) {
      const mcid = target.get(PDFName.of('MCID'));
      if (mcid instanceof PDFNumber) return pageOf(target, page) * 1e6 + mcid.asNumber();
    }
    return LAST;
  };
  const kidsOf = (element: PDFDict): PDFObject[] => {
    const k = element.get(PDFName.of('K'));
    return k instanceof PDFArray ? k.asArray() : k ? [k] : [];
  };
  const elementKey = (element: PDFDict, inherited: number): number => {
    const cached = keyCache.get(element);
    if (cached !== undefined) return cached;
    keyCache.set(element, LAST); // guards against cycles
    const page = pageOf(element, inherited);
    const key = Math.min(LAST, ...kidsOf(element).map((kid) => keyOf(kid, page)));
    keyCache.set(element, key);
    return key;
  };

  const renamed = new Map<string, string>();
  const named: [string, PDFObject][] = [];
  const visit = (element: PDFDict, ref: PDFObject | undefined, inherited: number) => {
    const page = pageOf(element, inherited);
    const k = element.get(PDFName.of('K'));
    if (k instanceof PDFArray) {
      const sorted = k
        .asArray()
        .map((kid, i) => ({ kid, i, key: keyOf(kid, page) }))
        .sort((a, b) => a.key - b.key || a.i - b.i);
      sorted.forEach(({ kid }, i) => k.set(i, kid));
    }
    const id = text(element.get(PDFName.of('ID')));
    if (id !== undefined && NODE_ID.test(id)) {
      const next = `node${String(renamed.size + 1).padStart(8, '0')}`;
      renamed.set(id, next);
      if (ref) named.push([next, ref]);
    }
    for (const kid of kidsOf(element)) {
      const child = asElement(kid);
      if (child && child !== element) visit(child, kid instanceof PDFRef ? kid : undefined, page);
    }
  };
  visit(root, undefined, 0);

  // One pass renames every mention at once (the elements' /ID, table /Headers): old and new names
  // look alike, so renaming in steps would rename some twice.
  for (const [, obj] of ctx.enumerateIndirectObjects())
    visitStrings(obj, (value, replace) => {
      const next = renamed.get(value.decodeText());
      if (next) replace(PDFString.of(next));
    });
  if (root.get(PDFName.of('IDTree')))
    root.set(PDFName.of('IDTree'), ctx.obj({ Names: named.flatMap(([name, ref]) => [PDFString.of(name), ref]) }));
}

/** The dictionary of an object that can hold references: a dict itself, or a stream's dict. */
function refHolder(obj: PDFObject | undefined): PDFDict | PDFArray | undefined {
  if (obj instanceof PDFDict || obj instanceof PDFArray) return obj;
  if (obj instanceof PDFStream) return obj.dict;
  return undefined;
}

function visitRefs(obj: PDFDict | PDFArray, visit: (ref: PDFRef, replace: (next: PDFRef) => void) => void): void {
  const each = (value: PDFObject, replace: (next: PDFObject) => void) => {
    if (value instanceof PDFRef) visit(value, replace);
    else if (value instanceof PDFDict || value instanceof PDFArray) visitRefs(value, visit);
  };
  if (obj instanceof PDFDict) for (const [key, value] of obj.entries()) each(value, (next) => obj.set(key, next));
  else obj.asArray().forEach((value, i) => each(value, (next) => obj.set(i, next)));
}

/**
 * Chrome numbers the objects of a PDF in the order its threads finish writing them, which
 * varies from run to run. Renumbered in the order they are reached from the trailer, the same
 * document always has the same numbers, and objects nothing refers to are dropped.
 */
function renumberObjects(doc: PDFDocument): void {
  const ctx = doc.context;
  const roots = [ctx.trailerInfo.Root, ctx.trailerInfo.Info].filter((r): r is PDFRef => r instanceof PDFRef);
  const order: PDFRef[] = [];
  const seen = new Set<PDFRef>();
  const queue = [...roots];
  while (queue.length > 0) {
    const ref = queue.shift() as PDFRef;
    if (seen.has(ref)) continue;
    seen.add(ref);
    order.push(ref);
    const holder = refHolder(ctx.lookup(ref));
    if (holder) visitRefs(holder, (child) => void queue.push(child));
  }
  const renamed = new Map(order.map((ref, i) => [ref, PDFRef.of(i + 1)]));
  const objects = order.map((ref) => [renamed.get(ref) as PDFRef, ctx.lookup(ref)] as const);
  for (const [, obj] of objects) {
    const holder = refHolder(obj);
    if (holder) visitRefs(holder, (child, replace) => replace(renamed.get(child) ?? child));
  }
  for (const [ref] of ctx.enumerateIndirectObjects()) ctx.delete(ref);
  ctx.largestObjectNumber = 0;
  for (const [ref, obj] of objects) if (obj) ctx.assign(ref, obj);
  ctx.trailerInfo.Root = renamed.get(ctx.trailerInfo.Root as PDFRef) ?? ctx.trailerInfo.Root;
  if (ctx.trailerInfo.Info instanceof PDFRef) ctx.trailerInfo.Info = renamed.get(ctx.trailerInfo.Info) ?? ctx.trailerInfo.Info;
}

const PRODUCER = 'medical-rd-budget-briefings (Chromium, pdf-lib)';

/** A page's content streams as one sequence of bytes (an array of streams is one stream cut up). */
function pageContent(doc: PDFDocument, contents: PDFObject | undefined): Uint8Array | undefined {
  const parts = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
  const streams = parts.map((p) => (p instanceof PDFRef ? doc.context.lookup(p) : p));
  if (!streams.every((s): s is PDFRawStream => s instanceof PDFRawStream)) return undefined;
  const decoded = streams.map(decodeStream);
  if (decoded.length === 1) return decoded[0];
  return Buffer.concat(decoded.flatMap((d) => [d, Buffer.from('\n')]));
}

/** A stream's bytes, by Node's zlib where it is plain Flate (pdf-lib's own inflater is many times slower). */
function decodeStream(stream: PDFRawStream): Uint8Array {
  const filter = stream.dict.get(PDFName.of('Filter'));
  const plainFlate = filter === PDFName.of('FlateDecode') && !stream.dict.has(PDFName.of('DecodeParms'));
  return plainFlate ? inflateSync(stream.contents) : decodePDFRawStream(stream).decode();
}

/**
 * What Chrome leaves out of PDF/UA-1: the content it paints outside the tags (running header, page
 * numbers, backgrounds) becomes artifacts; pages say their tab order follows the structure; list
 * items get their LBody; no Figure holds another; the catalog gets the XMP metadata stream.
 */
function completeAccessibility(doc: PDFDocument, meta: PdfMetadata, date: Date | undefined): void {
  const ctx = doc.context;
  for (const page of doc.getPages()) {
    page.node.set(PDFName.of('Tabs'), PDFName.of('S'));
    const content = pageContent(doc, page.node.get(PDFName.of('Contents')));
    if (!content) continue;
    const marked = markUntaggedAsArtifacts(content);
    if (marked.marked > 0)
      page.node.set(PDFName.of('Contents'), ctx.register(ctx.stream(deflateSync(marked.bytes), { Filter: 'FlateDecode' })));
  }
  addListBodies(doc);
  ungroupNestedFigures(doc);
  const xmp = xmpPacket({
    title: meta.title,
    subject: meta.subject,
    author: meta.author,
    keywords: meta.keywords,
    creatorTool: meta.creator,
    producer: PRODUCER,
    language: meta.language,
    date,
  });
  const stream = ctx.stream(new TextEncoder().encode(xmp), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), ctx.register(stream));
}

/**
 * Chrome's PDF → the published file: document metadata (Info and XMP, the same values), language,
 * what PDF/UA-1 asks beyond Chrome's tags (completeAccessibility), and byte-for-byte
 * reproducibility (Chrome stamps the print time; the file ID is derived from the content).
 */
export async function finalizePdf(
  bytes: Uint8Array,
  meta: PdfMetadata,
  date: Date | undefined,
  /** What the PDF was made from (its HTML): the file ID is derived from it, so it needs no second save. */
  source: string | Uint8Array,
  attachments: readonly PdfAttachment[] = [],
): Promise<{ bytes: Uint8Array; pages: number }> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setSubject(meta.subject);
  doc.setAuthor(meta.author);
  doc.setKeywords(meta.keywords);
  doc.setCreator(meta.creator);
  doc.setProducer(PRODUCER);
  doc.setLanguage(meta.language);
  const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
  if (date) {
    doc.setCreationDate(date);
    doc.setModificationDate(date);
  } else {
    info.delete(PDFName.of('CreationDate'));
    info.delete(PDFName.of('ModDate'));
  }
  completeAccessibility(doc, meta, date);
  repairOutline(doc, headingTexts(typeof source === 'string' ? source : new TextDecoder().decode(source)));
  canonicalizeStructure(doc);
  renumberObjects(doc);
  // Attached after renumbering: pdf-lib adds them when saving, after every other object, in this order.
  // Their dates are the build date or none, like the document's.
  for (const a of attachments)
    await doc.attach(a.bytes, a.name, { mimeType: a.mimeType, description: a.description, creationDate: date, modificationDate: date, afRelationship: AFRelationship.Data });
  const id = createHash('md5').update(source).update(JSON.stringify(meta)).update(String(date?.getTime() ?? ''));
  for (const a of attachments) id.update(a.name).update(a.bytes);
  const fileId = id.digest('hex');
  doc.context.trailerInfo.ID = doc.context.obj([PDFHexString.of(fileId), PDFHexString.of(fileId)]);
  return { bytes: await doc.save({ useObjectStreams: true }), pages: doc.getPageCount() };
}
