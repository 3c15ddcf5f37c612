import type { Dataset } from '../load/merge-documents.ts';
import type { BriefingSpec } from '../schema/briefing.ts';
import type { BriefingData, Colophon, Figure } from '../schema/briefing-data.ts';
import type { DocumentIndex } from './document-index.ts';
import type { FigureBook } from './figure-book.ts';
import { resolveSource } from './resolve-sources.ts';

/** <name>.json: the briefing's tables and every figure in them, each traced to its document and line. */
export function briefingData(
  dataset: Dataset,
  index: DocumentIndex,
  spec: BriefingSpec,
  meta: { title: string; lang: string },
  book: FigureBook,
  colophon: Colophon,
): BriefingData {
  const figures: Figure[] = book.figures.map(({ refs, ...figure }) => {
    const seen = new Set<string>();
    // A reference to a budget that no document of the dataset holds names no source: it is left
    // out, so that an unknown figure lists only documents that exist.
    const sources = refs
      .filter((ref) => index.has(ref.document))
      .map((ref) => resolveSource(dataset, index, ref))
      .filter((s) => {
        const key = `${s.document} ${s.path}`;
        return !seen.has(key) && !!seen.add(key);
      });
    return { ...figure, sources };
  });
  const used = new Set(figures.flatMap((f) => f.sources.map((s) => s.document)));
  return {
    format: 'briefing-data/1',
    briefing: spec.name,
    kind: spec.kind,
    title: meta.title,
    language: meta.lang,
    colophon,
    documents: dataset.documents
      .filter((d) => used.has(d.id))
      .map((d) => ({ id: d.id, title: d.title, textFile: index.get(d.id)?.textFile ?? d.textFile, published: d.published, url: d.url ?? null })),
    tables: book.tables,
    figures,
  };
}
