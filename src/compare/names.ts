import type { Dataset } from '../load/merge-documents.ts';
import type { MinistryCode } from '../schema/common.ts';
import type { Ministry, Project, Rename } from '../schema/reference.ts';
import type { ProjectBudget } from '../schema/source-document.ts';
import { ministry, project } from './lookup.ts';

/** The four names every view picks from. */
export interface Names {
  name: string;
  nameEn: string;
  shortName: string;
  shortNameEn: string;
}

/** Just the four names of an entity (a ministry, project or scope), for a view to pick from. */
export function namesOf(entity: Names): Names {
  return { name: entity.name, nameEn: entity.nameEn, shortName: entity.shortName, shortNameEn: entity.shortNameEn };
}

/**
 * The names in force in one fiscal year: the entry's own names until its first rename, then
 * each rename from its year on. Earlier years keep their names, so a rename in a new edition
 * never reaches back into the briefings of earlier editions.
 */
export function namesAsOf(entity: Names & { renamed?: Rename[] }, fiscalYear: number): Names {
  let names: Names = { name: entity.name, nameEn: entity.nameEn, shortName: entity.shortName, shortNameEn: entity.shortNameEn };
  for (const r of entity.renamed ?? []) {
    if (r.fromFiscalYear > fiscalYear) break;
    names = { name: r.name, nameEn: r.nameEn, shortName: r.shortName ?? names.shortName, shortNameEn: r.shortNameEn ?? names.shortNameEn };
  }
  return names;
}

export function ministryAsOf(dataset: Dataset, code: MinistryCode, fiscalYear: number): Ministry {
  const m = ministry(dataset, code);
  return { ...m, ...namesAsOf(m, fiscalYear) };
}

/**
 * A project's names in one fiscal year: the Japanese name as that year's edition printed it
 * where the edition gives one, otherwise reference.yaml (with its renames) for that year.
 */
export function projectAsOf(dataset: Dataset, id: string, fiscalYear: number, budget?: ProjectBudget): Project {
  const p = project(dataset, id);
  const names = namesAsOf(p, fiscalYear);
  const printed = budget?.fiscalYear === fiscalYear ? budget.projects.find((x) => x.project === id)?.name : undefined;
  return { ...p, ...names, name: printed ?? names.name };
}
