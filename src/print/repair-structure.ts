import { PDFArray, PDFDict, PDFName, PDFRef, type PDFDocument, type PDFObject } from 'pdf-lib';

const S = PDFName.of('S');
const K = PDFName.of('K');
const P = PDFName.of('P');

const kidsOf = (element: PDFDict): PDFObject[] => {
  const k = element.get(K);
  return k instanceof PDFArray ? k.asArray() : k ? [k] : [];
};

function typeOf(doc: PDFDocument, kid: PDFObject): string | undefined {
  const target = kid instanceof PDFRef ? doc.context.lookup(kid) : kid;
  if (!(target instanceof PDFDict)) return undefined;
  const s = target.get(S);
  return s instanceof PDFName ? s.decodeText() : undefined;
}

/** Every structure element with its reference, depth-first from the root. */
function elements(doc: PDFDocument): { ref: PDFRef; dict: PDFDict }[] {
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  const found: { ref: PDFRef; dict: PDFDict }[] = [];
  const seen = new Set<PDFDict>();
  const visit = (holder: PDFDict) => {
    for (const kid of kidsOf(holder)) {
      if (!(kid instanceof PDFRef)) continue;
      const dict = doc.context.lookup(kid);
      if (!(dict instanceof PDFDict) || !dict.get(S) || seen.has(dict)) continue;
      seen.add(dict);
      found.push({ ref: kid, dict });
      visit(dict);
    }
  };
  if (root) visit(root);
  return found;
}

/** Points the parent tree's entries for `from`'s own marked content at `to`. */
function moveContentOwner(doc: PDFDocument, from: PDFRef, to: PDFRef): void {
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  const walk = (node: PDFDict | undefined) => {
    if (!node) return;
    const nums = node.lookupMaybe(PDFName.of('Nums'), PDFArray);
    for (let i = 1; nums && i < nums.size(); i += 2) {
      const entry = nums.get(i);
      const owners = entry instanceof PDFRef ? doc.context.lookup(entry) : entry;
      if (owners instanceof PDFArray) owners.asArray().forEach((o, j) => o === from && owners.set(j, to));
      else if (entry === from) nums.set(i, to);
    }
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    for (const kid of kids?.asArray() ?? []) walk(doc.context.lookupMaybe(kid, PDFDict));
  };
  walk(root?.lookupMaybe(PDFName.of('ParentTree'), PDFDict));
}

/**
 * List items as PDF/UA-1 wants them (ISO 32000-1 §14.8.4.3.3): an LI holds a label (Lbl) and a
 * body (LBody). Chrome puts the item's content in the LI itself, beside the marker's Lbl; here it
 * moves into an LBody.
 */
export function addListBodies(doc: PDFDocument): number {
  let added = 0;
  for (const { ref, dict } of elements(doc)) {
    if (typeOf(doc, ref) !== 'LI') continue;
    const kids = kidsOf(dict);
    const body = kids.filter((kid) => typeOf(doc, kid) !== 'Lbl');
    if (body.length === 0 || (body.length === 1 && typeOf(doc, body[0] as PDFObject) === 'LBody')) continue;
    const bodyRef = doc.context.nextRef();
    // Kids that are not elements are the LI's own marked content (an MCID, or a reference to it).
    const ownsContent = body.some((kid) => typeOf(doc, kid) === undefined);
    doc.context.assign(bodyRef, doc.context.obj({ Type: 'StructElem', S: 'LBody', P: ref, K: body }));
    for (const kid of body) if (kid instanceof PDFRef && typeOf(doc, kid) !== undefined) doc.context.lookupMaybe(kid, PDFDict)?.set(P, bodyRef);
    if (ownsContent) moveContentOwner(doc, ref, bodyRef);
    const labels = kids.filter((kid) => typeOf(doc, kid) === 'Lbl');
    dict.set(K, doc.context.obj([...labels, bodyRef]));
    added++;
  }
  return added;
}

/**
 * One Figure per picture, none inside another (PDF/UA-1 §7.3): a text alternative stands for
 * everything inside its element. A Figure with no /Alt that holds figures is a group (Chrome's
 * tag for a `<figure>` around a `role="img"`, as a department's own chart partial may write it)
 * and becomes a Div; a Figure inside one that has /Alt is covered by that alternative and becomes
 * a Div too.
 */
export function ungroupNestedFigures(doc: PDFDocument): number {
  const ALT = PDFName.of('Alt');
  const isFigure = (dict: PDFDict) => dict.get(S) instanceof PDFName && (dict.get(S) as PDFName).decodeText() === 'Figure';
  const holdsFigure = (dict: PDFDict, seen = new Set<PDFDict>()): boolean =>
    kidsOf(dict).some((kid) => {
      const child = kid instanceof PDFRef ? doc.context.lookup(kid) : kid;
      if (!(child instanceof PDFDict) || !child.get(S) || seen.has(child)) return false;
      seen.add(child);
      return isFigure(child) || holdsFigure(child, seen);
    });
  let changed = 0;
  const all = elements(doc);
  const inside = new Set<PDFDict>();
  for (const { dict } of all) {
    if (!isFigure(dict) || !dict.get(ALT)) continue;
    const walk = (holder: PDFDict) => {
      for (const kid of kidsOf(holder)) {
        const child = kid instanceof PDFRef ? doc.context.lookup(kid) : kid;
        if (child instanceof PDFDict && child.get(S) && !inside.has(child)) {
          inside.add(child);
          walk(child);
        }
      }
    };
    walk(dict);
  }
  for (const { dict } of all) {
    if (!isFigure(dict)) continue;
    if (inside.has(dict) || (!dict.get(ALT) && holdsFigure(dict))) {
      dict.set(S, PDFName.of('Div'));
      changed++;
    }
  }
  return changed;
}
