import { isHeading, runsOf, textOf, walk, type StructElement, type TextRun } from './printed-document.ts';

interface PrintedHeading {
  text: string;
  at: number;
}

/** Where an element starts in reading order: its page, then its top. */
function startOf(element: StructElement): number | undefined {
  let first: TextRun | undefined;
  for (const r of runsOf(element)) if (!first || r.page < first.page || (r.page === first.page && r.box.top < first.box.top)) first = r;
  return first ? first.page * 1e5 + first.box.top : undefined;
}

// The headings of a document, found once however many findings name an element.
const headingsCache = new WeakMap<readonly StructElement[], PrintedHeading[]>();

function headingsOf(structure: readonly StructElement[]): PrintedHeading[] {
  let headings = headingsCache.get(structure);
  if (!headings) {
    headings = [];
    for (const e of walk(structure)) {
      const at = isHeading(e.role) ? startOf(e) : undefined;
      if (at !== undefined) headings.push({ text: textOf(e), at });
    }
    headings.sort((a, b) => a.at - b.at);
    headingsCache.set(structure, headings);
  }
  return headings;
}

/**
 * How a finding names an element for a person: its kind and its own text, and for a table or
 * figure (whose text is a jumble of cells or labels) the heading printed last before it (the
 * structure's order need not be the reading order).
 */
export function labelOf(structure: readonly StructElement[], element: StructElement): string {
  if (element.role !== 'Table' && element.role !== 'Figure') return `${element.role} 「${textOf(element)}」`;
  const position = startOf(element);
  const heading = position === undefined ? undefined : headingsOf(structure).filter((h) => h.at <= position).at(-1)?.text;
  const under = heading ? ` under 「${heading}」` : '';
  return element.role === 'Table' ? `table${under}` : `figure${under}${element.alt ? ` (${element.alt.slice(0, 30)})` : ''}`;
}

/** The innermost element each run belongs to, with its ancestors (innermost first). */
export function ownersOfRuns(structure: readonly StructElement[]): Map<TextRun, StructElement[]> {
  const owners = new Map<TextRun, StructElement[]>();
  const visit = (element: StructElement, ancestors: StructElement[]) => {
    const chain = [element, ...ancestors];
    for (const run of element.runs) if (!owners.has(run)) owners.set(run, chain);
    for (const child of element.children) visit(child, chain);
  };
  for (const element of structure) visit(element, []);
  return owners;
}

/** The elements with the given role that are not inside another of the same role (a chart's outer Figure). */
export function outermost(structure: readonly StructElement[], role: string): StructElement[] {
  const found: StructElement[] = [];
  const visit = (element: StructElement) => {
    if (element.role === role) found.push(element);
    else element.children.forEach(visit);
  };
  structure.forEach(visit);
  return found;
}

export { runsOf };
