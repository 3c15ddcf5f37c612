import { isHeading, runsOf, textOf, walk, type StructElement, type TextRun } from './printed-document.ts';

/**
 * How a finding names an element for a person: its kind and its own text, and for a table or
 * figure (whose text is a jumble of cells or labels) the heading it comes under.
 */
export function elementLabels(structure: readonly StructElement[]): Map<StructElement, string> {
  const labels = new Map<StructElement, string>();
  // Where each heading was printed: the structure's order need not be the reading order.
  const at = (element: StructElement) => {
    const first = runsOf(element).reduce<TextRun | undefined>((a, r) => (!a || r.page < a.page || (r.page === a.page && r.box.top < a.box.top) ? r : a), undefined);
    return first ? first.page * 1e5 + first.box.top : undefined;
  };
  const headings = [...walk(structure)]
    .filter((e) => isHeading(e.role))
    .map((e) => ({ text: textOf(e), at: at(e) }))
    .filter((h): h is { text: string; at: number } => h.at !== undefined)
    .sort((a, b) => a.at - b.at);
  for (const element of walk(structure)) {
    const position = at(element);
    const heading = position === undefined ? undefined : headings.filter((h) => h.at <= position).at(-1)?.text;
    const under = heading ? ` under 「${heading}」` : '';
    if (element.role === 'Table') labels.set(element, `table${under}`);
    else if (element.role === 'Figure') labels.set(element, `figure${under}${element.alt ? ` (${element.alt.slice(0, 30)})` : ''}`);
    else labels.set(element, `${element.role} 「${textOf(element)}」`);
  }
  return labels;
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
