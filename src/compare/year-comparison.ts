import type { Dataset, Sourced } from '../load/merge-documents.ts';
import type { MinistryCode, ScopeId } from '../schema/common.ts';
import type { AdjustmentFund, BudgetColumn, DocumentInfo, ProjectBudget } from '../schema/source-document.ts';
import { BriefingError } from '../problems.ts';
import { findBudget, ministryAmount, ministryOrder, requireBudget, SCOPES, scopeFigure, scopeTotal } from './lookup.ts';
import { ministryAsOf, namesOf, projectAsOf, type Names } from './names.ts';
import { documentsOf, periodFacts, scopeNames, type PeriodFacts } from './documents.ts';
import { supplementaryTotal, type SupplementaryTotal } from './supplementary-total.ts';

/**
 * A change between two years. `printed` is true where the document states the change itself
 * (its printed change and rate); otherwise it is computed from the two rounded figures and says so.
 */
export interface Change {
  amount: number;
  percent: number | null;
  printed: boolean;
}

export interface MinistryRow {
  code: MinistryCode;
  /** As in force in the year compared, so a later rename does not reach back. */
  names: Names;
  /** null: the document does not list the ministry for that year (not the same as 0). */
  current: number | null;
  base: number | null;
  change: Change | null;
  /** Share of the scope's printed total in the current year, in percent. */
  share: number | null;
}

export interface ScopeComparison {
  scope: ScopeId;
  names: Names;
  /** null where a partial edition does not state the scope that year. */
  current: number | null;
  base: number | null;
  /** The printed change where there is one (even if a year's figure is unknown), else computed; null where it cannot be. */
  change: Change | null;
  ministries: MinistryRow[];
}

export interface ProjectRow {
  project: string;
  number: number;
  total: number | null;
  amed: number | null;
  inhouse: number | null;
  /** The name the edition printed, where it printed one. */
  printedName: string | null;
  /** The names in the year compared (the printed one where there is one) and in the base year. */
  names: Names;
  baseNames: Names;
  fundBased: 'none' | 'part' | 'whole' | 'unknown';
  /** null where a partial edition does not print them. */
  initiatives: { text: string; items: string[] } | null;
}

export interface YearComparison {
  fiscalYear: number;
  baseFiscalYear: number;
  sources: string[];
  scopes: ScopeComparison[];
  /** AMED + in-house: computed from rounded figures, never printed in the documents. */
  total: { current: number | null; base: number | null; change: Change | null };
  /** The supplementary budget of the base year, stated alongside (e.g. the FY2025 supplementary). */
  supplementary: SupplementaryFacts | null;
  projects: ProjectFacts | null;
  adjustmentFund: (Sourced<AdjustmentFund> & { ministryNames: Names }) | null;
  documents: DocumentInfo[];
}

/** A supplementary budget: its column as printed, its total, and each scope's ministries with their names. */
export interface SupplementaryFacts {
  column: Sourced<BudgetColumn>;
  total: SupplementaryTotal;
  scopes: { scope: ScopeId; names: Names; total: number | null; ministries: { code: MinistryCode; names: Names; amount: number }[] }[];
}

export type ProjectFacts = ProjectBudget & {
  rows: ProjectRow[];
  source: string;
  periodFacts: PeriodFacts | null;
  /** Whether any edition gives the base year's amounts by project. */
  baseStated: boolean;
};

export function computeChange(current: number, base: number): Change {
  return { amount: current - base, percent: base > 0 ? ((current - base) / base) * 100 : null, printed: false };
}

function scopeChange(dataset: Dataset, scope: ScopeId, fy: number, baseFy: number, current: number | null, base: number | null): Change | null {
  const printed = dataset.changes.find((c) => c.scope === scope && c.fiscalYear === fy && c.baseFiscalYear === baseFy);
  const computed = current !== null && base !== null ? computeChange(current, base) : null;
  if (!printed) return computed;
  return { amount: printed.amount, percent: printed.percent ?? computed?.percent ?? null, printed: true };
}

function ministryRows(dataset: Dataset, current: BudgetColumn, base: BudgetColumn, scope: ScopeId, fiscalYear: number): MinistryRow[] {
  const total = scopeTotal(current, scope);
  return ministryOrder(dataset)
    .filter((code) => ministryAmount(current, scope, code) !== null || ministryAmount(base, scope, code) !== null)
    .map((code) => {
      const c = ministryAmount(current, scope, code);
      const b = ministryAmount(base, scope, code);
      return {
        code,
        names: namesOf(ministryAsOf(dataset, code, fiscalYear)),
        current: c,
        base: b,
        change: c !== null && b !== null ? computeChange(c, b) : null,
        share: c !== null && total !== null && total > 0 ? (c / total) * 100 : null,
      };
    });
}

function projectRows(dataset: Dataset, budget: ProjectBudget, baseFiscalYear: number): ProjectRow[] {
  const baseBudget = dataset.projectBudgets.find((b) => b.fiscalYear === baseFiscalYear);
  return budget.projects.map((p) => {
    const total = p.total === 'unknown' ? null : p.total;
    const split = p.split === 'amed-only' ? { amed: total, inhouse: 0 } : p.split === 'unknown' ? { amed: null, inhouse: null } : p.split;
    return {
      project: p.project,
      number: p.number,
      total,
      amed: split.amed,
      inhouse: split.inhouse,
      printedName: p.name ?? null,
      names: namesOf(projectAsOf(dataset, p.project, budget.fiscalYear, budget)),
      baseNames: namesOf(projectAsOf(dataset, p.project, baseFiscalYear, baseBudget)),
      fundBased: p.fundBased,
      initiatives: p.initiatives ? { text: p.initiatives.text, items: p.initiatives.items } : null,
    };
  });
}

/** Year-over-year comparison of two initial budgets, with what the documents state beside them. */
export function compareYears(dataset: Dataset, fiscalYear: number, baseFiscalYear: number): YearComparison {
  if (baseFiscalYear >= fiscalYear)
    throw new BriefingError('usage', `the base year (${baseFiscalYear}) must come before the year compared (${fiscalYear})`);
  const current = requireBudget(dataset, fiscalYear, 'initial');
  const base = requireBudget(dataset, baseFiscalYear, 'initial');

  const scopes = SCOPES.map((scope): ScopeComparison => {
    const c = scopeTotal(current, scope);
    const b = scopeTotal(base, scope);
    return {
      scope,
      names: scopeNames(dataset)[scope],
      current: c,
      base: b,
      change: scopeChange(dataset, scope, fiscalYear, baseFiscalYear, c, b),
      ministries: ministryRows(dataset, current, base, scope, fiscalYear),
    };
  });
  const sum = (values: (number | null)[]) => (values.some((v) => v === null) ? null : values.reduce<number>((a, v) => a + (v ?? 0), 0));
  const totalNow = sum(scopes.map((x) => x.current));
  const totalBase = sum(scopes.map((x) => x.base));
  const budget = dataset.projectBudgets.find((p) => p.fiscalYear === fiscalYear);
  const supplementary = findBudget(dataset, baseFiscalYear, 'supplementary');
  const fund = dataset.adjustmentFunds.find((f) => f.fiscalYear === fiscalYear);
  const sources = [...new Set([current.source, base.source, ...(budget ? [budget.source] : [])])];

  return {
    fiscalYear,
    baseFiscalYear,
    sources,
    scopes,
    total: { current: totalNow, base: totalBase, change: totalNow !== null && totalBase !== null ? computeChange(totalNow, totalBase) : null },
    supplementary: supplementary ? supplementaryFacts(dataset, supplementary, fiscalYear) : null,
    projects: budget
      ? {
          ...budget,
          rows: projectRows(dataset, budget, baseFiscalYear),
          periodFacts: dataset.reference.periods.some((p) => p.period === budget.period) ? periodFacts(dataset, budget.period) : null,
          baseStated: dataset.projectBudgets.some((b) => b.fiscalYear === baseFiscalYear),
        }
      : null,
    adjustmentFund: fund ? { ...fund, ministryNames: namesOf(ministryAsOf(dataset, fund.ministry, fiscalYear)) } : null,
    documents: documentsOf(dataset, sources),
  };
}

/** Ministries keep the names of the year compared, as everywhere in the briefing. */
function supplementaryFacts(dataset: Dataset, column: Sourced<BudgetColumn>, fiscalYear: number): SupplementaryFacts {
  const names = scopeNames(dataset);
  return {
    column,
    total: supplementaryTotal(column),
    scopes: SCOPES.map((scope) => {
      const figure = scopeFigure(column, scope);
      const ministries = Object.entries(figure?.ministries ?? {}).flatMap(([code, amount]) => {
        const known = dataset.reference.ministries.find((m) => m.code === code);
        return known && amount !== undefined ? [{ code: known.code, names: namesOf(ministryAsOf(dataset, known.code, fiscalYear)), amount }] : [];
      });
      return { scope, names: names[scope], total: figure?.total ?? null, ministries };
    }),
  };
}
