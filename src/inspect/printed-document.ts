/**
 * What the layout checks see of a printed briefing: pages with their text runs where they were
 * drawn, the tagged structure (which element each run belongs to) and the bookmarks. Built from
 * the PDF by read-printed-pdf.ts, or by hand in tests: the checks need no browser and no PDF.
 * Coordinates are PDF points from the page's top-left corner, y growing downwards.
 */

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface TextRun {
  /** 1-based. */
  page: number;
  text: string;
  /** The upright rectangle around the run (rotated runs included). */
  box: Box;
  /** The run's direction in degrees (0 = left to right; labels turned by a chart are not 0). */
  angle: number;
  /** The run's extent along its own direction and across it, in its own rotated frame: two runs of the same angle overlap when both intervals do. */
  along: readonly [number, number];
  across: readonly [number, number];
}

/** One element of the tagged structure (Table, TR, TH, TD, H1–H6, Figure, P…), with the runs it holds directly. */
export interface StructElement {
  role: string;
  alt?: string;
  children: StructElement[];
  runs: TextRun[];
}

export interface PrintedPage {
  number: number;
  width: number;
  height: number;
  /** The runs of tagged content, in the order they were drawn. */
  runs: TextRun[];
}

export interface Bookmark {
  title: string;
  /** 1-based page the bookmark leads to; null when it leads nowhere known. */
  page: number | null;
  children: Bookmark[];
}

/**
 * A character that no embedded font has a glyph for: Chrome draws the empty box (.notdef) and the
 * PDF no longer says which character it was, so the finding shows the run around it (□ marks it).
 */
export interface MissingGlyph {
  page: number;
  text: string;
  /** False for the running header and page numbers (the @page margin boxes). */
  tagged: boolean;
}

export interface PrintedDocument {
  pages: PrintedPage[];
  structure: StructElement[];
  bookmarks: Bookmark[];
  missingGlyphs: MissingGlyph[];
}

/** Every run of an element and its descendants, in structure order. */
export function runsOf(element: StructElement): TextRun[] {
  return [...element.runs, ...element.children.flatMap(runsOf)];
}

/** Every element of the tree, depth first, parents before children. */
export function* walk(elements: readonly StructElement[]): Generator<StructElement> {
  for (const element of elements) {
    yield element;
    yield* walk(element.children);
  }
}

/** The pages an element has text on, in order. */
export function pagesOf(element: StructElement): number[] {
  return [...new Set(runsOf(element).map((r) => r.page))].sort((a, b) => a - b);
}

/** The visible text of an element, white space folded, shortened for a message. */
export function textOf(element: StructElement, max = 40): string {
  const text = runsOf(element)
    .map((r) => r.text)
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export const isHeading = (role: string): boolean => /^H[1-6]$/.test(role);
