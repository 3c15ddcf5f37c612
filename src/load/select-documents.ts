import type { Problem } from '../problems.ts';
import type { BriefingSpec } from '../schema/briefing.ts';
import { mergeDocuments, type Dataset, type LoadedDocument } from './merge-documents.ts';

/**
 * History as published: a briefing is built from the edition that first states the year it is
 * about, and earlier editions for what that edition does not state. Editions published later are
 * left out, so adding next year's edition does not change this year's briefings.
 */
export interface DocumentSelection {
  /** The latest edition year the briefing draws on; undefined where no edition states its year (all are used). */
  edition: number | undefined;
  dataset: Dataset;
  /** Figures of the selected documents that a later one of them states differently (the later is used). */
  restated: Problem[];
}

const statesInitial = (fiscalYear: number) => (doc: LoadedDocument) =>
  doc.value.budgets.some((b) => b.fiscalYear === fiscalYear && b.type === 'initial');

/** The edition year a briefing is as of: the first edition that states what it is about. */
export function editionFor(dataset: Dataset, spec: BriefingSpec): number | undefined {
  const first = (test: (doc: LoadedDocument) => boolean) => dataset.editions.find(test)?.info.editionFiscalYear;
  switch (spec.kind) {
    case 'year-comparison':
    case 'ministry-edition':
      return first(statesInitial(spec.fiscalYear));
    case 'trend':
      return first(statesInitial(spec.toFiscalYear));
    case 'program-detail':
      return first((doc) => doc.value.programDetails.some((d) => d.project === spec.project && d.fiscalYear === spec.fiscalYear));
  }
}

/** The restatements among all editions, as found when the dataset was merged. */
function restatedIn(dataset: Dataset): Problem[] {
  return mergeDocuments(dataset.reference, dataset.mapping, dataset.editions).conflicts;
}

/** The documents one briefing is built from, merged. */
export function selectDocuments(dataset: Dataset, spec: BriefingSpec): DocumentSelection {
  const edition = editionFor(dataset, spec);
  const chosen = edition === undefined ? dataset.editions : dataset.editions.filter((d) => d.info.editionFiscalYear <= edition);
  // Built from every edition: the dataset as loaded is already that merge.
  if (chosen.length === dataset.editions.length) return { edition, dataset, restated: restatedIn(dataset) };
  const merged = mergeDocuments(dataset.reference, dataset.mapping, chosen);
  return { edition, dataset: merged.dataset, restated: merged.conflicts };
}
