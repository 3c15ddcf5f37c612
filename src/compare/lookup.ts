import type { Dataset, Sourced } from '../load/merge-documents.ts';
import type { BudgetType, MinistryCode, ScopeId } from '../schema/common.ts';
import type { BudgetColumn, ScopeFigure } from '../schema/source-document.ts';
import type { Ministry, Project, Scope } from '../schema/reference.ts';
import { BriefingError } from '../problems.ts';

/** Lookups over the dataset that every comparison needs; missing years are `undefined`, never 0. */
export function findBudget(dataset: Dataset, fiscalYear: number, type: BudgetType): Sourced<BudgetColumn> | undefined {
  return dataset.budgets.find((b) => b.fiscalYear === fiscalYear && b.type === type);
}

/** One scope of a column; null where a partial edition states nothing of it. */
export function scopeFigure(column: BudgetColumn | undefined, scope: ScopeId): ScopeFigure | null {
  const figure = column?.scopes[scope];
  return figure === undefined || figure === 'unknown' ? null : figure;
}

export function scopeTotal(column: BudgetColumn | undefined, scope: ScopeId): number | null {
  return scopeFigure(column, scope)?.total ?? null;
}

/** A ministry's part of a scope; null where it is not listed or no breakdown is stated. */
export function ministryAmount(column: BudgetColumn | undefined, scope: ScopeId, code: MinistryCode): number | null {
  return scopeFigure(column, scope)?.ministries?.[code] ?? null;
}

export function requireBudget(dataset: Dataset, fiscalYear: number, type: BudgetType): Sourced<BudgetColumn> {
  const budget = findBudget(dataset, fiscalYear, type);
  if (!budget)
    throw new BriefingError(
      'data',
      `no ${type} budget for FY${fiscalYear} in the dataset; add the document that states it to data/documents or choose other years`,
    );
  return budget;
}

export function ministry(dataset: Dataset, code: MinistryCode): Ministry {
  const found = dataset.reference.ministries.find((m) => m.code === code);
  if (!found) throw new BriefingError('data', `ministry ${code} is missing from data/reference.yaml`);
  return found;
}

export function scope(dataset: Dataset, id: ScopeId): Scope {
  const found = dataset.reference.scopes.find((s) => s.id === id);
  if (!found) throw new BriefingError('data', `scope ${id} is missing from data/reference.yaml`);
  return found;
}

export function project(dataset: Dataset, id: string): Project {
  const found = dataset.reference.projects.find((p) => p.id === id);
  if (!found) throw new BriefingError('data', `project ${id} is missing from data/reference.yaml`);
  return found;
}

export function documentTitle(dataset: Dataset, id: string): string {
  return dataset.documents.find((d) => d.id === id)?.title ?? id;
}

/** Ministries in the order of data/reference.yaml (the documents' own order). */
export function ministryOrder(dataset: Dataset): MinistryCode[] {
  return dataset.reference.ministries.map((m) => m.code);
}

export const SCOPES: readonly ScopeId[] = ['amed', 'inhouse'];
