import { Document, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { SourceDocument } from '../schema/source-document.ts';

/**
 * The draft as YAML in the style of the hand-written files: one section per top-level key,
 * breakdowns, changes and splits as one-line flow maps, long texts on one line (so that a diff
 * shows a changed sentence as one changed line), and the source lines compactly at the end.
 */

/** Drops empty arrays and undefined values, which the schema fills in by default. */
function pruned(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pruned);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined || (Array.isArray(v) && v.length === 0)) continue;
      out[key] = pruned(v);
    }
    return out;
  }
  return value;
}

function flowWhere(node: unknown, test: (path: readonly (string | number)[]) => boolean, path: (string | number)[] = []): void {
  if (isMap(node) || isSeq(node)) {
    if (path.length > 0 && test(path)) {
      node.flow = true;
      return;
    }
    node.items.forEach((item, i) => {
      if (isPair(item)) {
        const key = isScalar(item.key) ? String(item.key.value) : String(item.key);
        flowWhere(item.value, test, [...path, key]);
      } else flowWhere(item, test, [...path, i]);
    });
  }
}

const FLOW = (path: readonly (string | number)[]): boolean => {
  const last = path.at(-1);
  return (
    last === 'ministries' ||
    last === 'split' ||
    last === 'flags' ||
    (path.length === 2 && path[0] === 'changes')
  );
};

/** `sourceLines` packed several to a line, keys quoted (their brackets are flow indicators). */
function sourceLinesText(lines: Record<string, number>, width = 110): string {
  const entries = Object.entries(lines).map(([key, line]) => `${JSON.stringify(key)}: ${line}`);
  const out: string[] = [];
  let current = '';
  for (const entry of entries) {
    if (current && current.length + entry.length + 2 > width) {
      out.push(`${current},`);
      current = '';
    }
    current = current ? `${current}, ${entry}` : entry;
  }
  if (current) out.push(current);
  return `sourceLines: {\n${out.map((l) => `  ${l}`).join('\n')}\n}\n`;
}

export function draftYaml(doc: SourceDocument, sourceLines: Record<string, number>, header: readonly string[]): string {
  const { sourceLines: _ignored, ...body } = doc;
  const yaml = new Document(pruned(body));
  flowWhere(yaml.contents, FLOW);
  if (isMap(yaml.contents))
    yaml.contents.items.forEach((pair, i) => {
      if (i > 0 && isScalar(pair.key)) pair.key.spaceBefore = true;
    });
  yaml.commentBefore = header.map((line) => ` ${line}`).join('\n');
  const text = yaml.toString({ lineWidth: 0, flowCollectionPadding: true });
  return `${text}\n${sourceLinesText(sourceLines)}`;
}
