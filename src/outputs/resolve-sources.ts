import type { Dataset } from '../load/merge-documents.ts';
import { formatPath } from '../problems.ts';
import type { FigureSource } from '../schema/briefing-data.ts';
import { refPath, type DataRef } from './data-ref.ts';
import type { DocumentIndex, IndexedDocument } from './document-index.ts';
import { labelWords, locateLine, needlePattern } from './locate-line.ts';

function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let at = root;
  for (const key of path) at = at !== null && typeof at === 'object' ? (at as Record<string | number, unknown>)[key] : undefined;
  return at;
}

/** The words that label a field in the text: its scope, project, program or fund, its column. */
function labelsOf(dataset: Dataset, doc: IndexedDocument, ref: DataRef): string[] {
  const scope = (id: string) => labelWords(dataset.reference.scopes.find((s) => s.id === id)?.name ?? '');
  const projectName = (id: string) => labelWords(dataset.reference.projects.find((p) => p.id === id)?.name ?? '');
  switch (ref.kind) {
    case 'budget':
      return [...scope(ref.scope), ...(ref.type === 'supplementary' ? ['補正'] : [])];
    case 'budgetTotal':
      return ref.type === 'supplementary' ? ['補正'] : ['合計', '総額'];
    case 'change':
      return scope(ref.scope);
    case 'adjustmentFund':
      return labelWords(doc.value.adjustmentFund?.name ?? '');
    case 'project':
      return projectName(ref.project);
    case 'remaining':
      return scope(ref.field);
    case 'programDetail':
      return scope(ref.field);
    case 'program':
      return [ref.name, ...(ref.field === 'inhouseAmount' ? ['インハウス'] : [])];
  }
}

/**
 * Where a figure is stated: its document, field and line. The line is the document's own
 * `sourceLines` entry for the field when it has one, otherwise found in the text by value and label.
 */
export function resolveSource(dataset: Dataset, index: DocumentIndex, ref: DataRef): FigureSource {
  const doc = index.get(ref.document);
  if (!doc) return { document: ref.document, textFile: '', path: '', line: null };
  const fieldPath = refPath(doc.value, ref);
  if (!fieldPath) return { document: doc.id, textFile: doc.textFile, path: '', line: null };
  const path = formatPath(fieldPath);
  const stated = doc.value.sourceLines?.[path];
  if (stated !== undefined) return { document: doc.id, textFile: doc.textFile, path, line: stated };
  const value = valueAt(doc.value, fieldPath);
  const line = typeof value === 'number' ? locateLine(doc.lines, { pattern: needlePattern(ref, value), labels: labelsOf(dataset, doc, ref) }) : null;
  return { document: doc.id, textFile: doc.textFile, path, line };
}
