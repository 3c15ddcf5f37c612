import { contentOperations } from './content-operations.ts';

const SHOWS_TEXT = new Set(['Tj', 'TJ', "'", '"']);
const BUILDS_PATH = new Set(['m', 'l', 'c', 'v', 'y', 'h', 're']);
const PAINTS_PATH = new Set(['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*']);
const PAINTS_ALONE = new Set(['Do', 'sh']);

interface Unit {
  start: number;
  end: number;
  /** Text outside the tags is the running header or a page number; everything else is layout. */
  kind: 'text' | 'graphics';
}

/**
 * The stretches of a content stream that paint outside every marked-content sequence: a text
 * object (BT … ET), a path up to its painting operator, an XObject or shading, an inline image.
 * A stretch that a marked-content operator cuts into is left out: it cannot be wrapped whole.
 */
export function untaggedPainting(bytes: Uint8Array): Unit[] {
  const units: Unit[] = [];
  let depth = 0;
  let open: { start: number; kind: 'text' | 'path' | 'image'; paints: boolean; broken: boolean } | undefined;
  for (const op of contentOperations(bytes)) {
    const o = op.operator;
    if (o === 'BMC' || o === 'BDC') {
      depth++;
      if (open) open.broken = true;
      continue;
    }
    if (o === 'EMC') {
      depth = Math.max(0, depth - 1);
      if (open) open.broken = true;
      continue;
    }
    if (depth > 0 && !open) continue;
    if (!open) {
      if (o === 'BT') open = { start: op.start, kind: 'text', paints: false, broken: false };
      else if (o === 'BI') open = { start: op.start, kind: 'image', paints: true, broken: false };
      else if (BUILDS_PATH.has(o)) open = { start: op.start, kind: 'path', paints: false, broken: false };
      else if (PAINTS_ALONE.has(o)) units.push({ start: op.start, end: op.end, kind: 'graphics' });
      continue;
    }
    const closes = (open.kind === 'text' && o === 'ET') || (open.kind === 'image' && o === 'EI') || (open.kind === 'path' && (PAINTS_PATH.has(o) || o === 'n'));
    if (SHOWS_TEXT.has(o) || PAINTS_PATH.has(o)) open.paints = true;
    if (closes) {
      if (open.paints && !open.broken) units.push({ start: open.start, end: op.end, kind: open.kind === 'text' ? 'text' : 'graphics' });
      open = undefined;
    }
  }
  return units;
}

const BEGIN = {
  text: new TextEncoder().encode('/Artifact <</Type /Pagination>> BDC\n'),
  graphics: new TextEncoder().encode('/Artifact <</Type /Layout>> BDC\n'),
};
const END = new TextEncoder().encode('\nEMC');

/**
 * The content stream with everything it paints outside the tags marked as an artifact. Chrome
 * tags what the document's elements draw, but not the running header and page numbers of the
 * `@page` margin boxes (text: pagination artifacts), nor backgrounds, borders and rules (layout
 * artifacts): PDF/UA-1 (§7.1) wants each either tagged or an artifact, and these are page
 * furniture. The bytes around them are left as they were.
 */
export function markUntaggedAsArtifacts(bytes: Uint8Array): { bytes: Uint8Array; marked: number } {
  const units = untaggedPainting(bytes);
  if (units.length === 0) return { bytes, marked: 0 };
  const out = new Uint8Array(bytes.length + units.reduce((n, u) => n + BEGIN[u.kind].length + END.length, 0));
  let from = 0;
  let at = 0;
  const copy = (chunk: Uint8Array) => {
    out.set(chunk, at);
    at += chunk.length;
  };
  for (const unit of units) {
    copy(bytes.subarray(from, unit.start));
    copy(BEGIN[unit.kind]);
    copy(bytes.subarray(unit.start, unit.end));
    copy(END);
    from = unit.end;
  }
  copy(bytes.subarray(from));
  return { bytes: out, marked: units.length };
}
