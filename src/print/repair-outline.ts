import { PDFDict, PDFHexString, PDFName, PDFString, type PDFDocument } from 'pdf-lib';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

const decodeEntities = (html: string): string =>
  html.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });

/** The text of every heading of the page, as Chrome titles its bookmarks (tags dropped, spaces collapsed). */
export function headingTexts(html: string): Set<string> {
  const texts = new Set<string>();
  for (const [, inner = ''] of html.matchAll(/<h[1-6]\b[^>]*>([\s\S]*?)<\/h[1-6]\s*>/gi))
    texts.add(decodeEntities(inner.replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim());
  return texts;
}

/**
 * Chrome writes the title of a heading's bookmark twice (「出典と注記出典と注記」) when the heading
 * is laid out once at the foot of a page and then moved to the next (break-after: avoid). A title
 * is set back to the heading's text only where it is exactly that text twice and the page has a
 * heading with that text (and none with the doubled one). Returns how many titles were repaired.
 */
export function repairOutline(doc: PDFDocument, headings: ReadonlySet<string>): number {
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  let repaired = 0;
  const seen = new Set<PDFDict>();
  const visit = (item: PDFDict | undefined) => {
    for (let node = item; node && !seen.has(node); node = node.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      seen.add(node);
      const title = node.lookupMaybe(PDFName.of('Title'), PDFString, PDFHexString);
      const text = title?.decodeText();
      if (text && text.length % 2 === 0) {
        const half = text.slice(0, text.length / 2);
        if (half + half === text && headings.has(half.replace(/\s+/g, ' ').trim()) && !headings.has(text)) {
          node.set(PDFName.of('Title'), PDFHexString.fromText(half));
          repaired++;
        }
      }
      visit(node.lookupMaybe(PDFName.of('First'), PDFDict));
    }
  };
  visit(outlines?.lookupMaybe(PDFName.of('First'), PDFDict));
  return repaired;
}
