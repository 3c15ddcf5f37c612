import type { Dataset, Sourced } from '../load/merge-documents.ts';
import type { MinistryCode, ScopeId } from '../schema/common.ts';
import type { AdjustmentFund, BudgetColumn, ProjectBudget } from '../schema/source-document.ts';
import { BriefingError } from '../problems.ts';
import { findBudget, ministryAmount, ministryOrder, requireBudget, SCOPES, scopeTotal } from './lookup.ts';

/**
 * A change between two years. `printed` is true where the document states the change itself
 * (増▲減額 / 増▲減率); otherwise it is computed from the two rounded figures and says so.
 */
export interface Change {
  amount: number;
  percent: number | null;
  printed: boolean;
}

export interface MinistryRow {
  code: MinistryCode;
  /** null: the document does not list the ministry for that year (not the same as 0). */
  current: number | null;
  base: number | null;
  change: Change | null;
  /** Share of the scope's printed total in the current year, in percent. */
  share: number | null;
}

export interface ScopeComparison {
  scope: ScopeId;
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
  /** The supplementary budget of the base year, stated alongside (e.g. 令和7年度補正). */
  supplementary: Sourced<BudgetColumn> | null;
  projects: (ProjectBudget & { rows: ProjectRow[]; source: string }) | null;
  adjustmentFund: Sourced<AdjustmentFund> | null;
}

export function computeChange(current: number, base: number): Change {
  return { amount: current - base, percent: base > 0 ? ((current - base) / base) * 100 : null, printed: false };
}

function scopeChange(dataset: Dataset, scope: ScopeId, fy: number, baseFy: number, current: number | null, base: number | null): Change | null {
  const printed = dataset.changes.find((c) => c.scope === scope && c.fiscalYear === fy && c.baseFiscalYear === baseFy);
  const computed = current !== null && base !== null ? computeChange(current, base) : null;
  if (!printed) return computed;
  return { amount: printed.amount, percent: printed.percent ?? computed?.percent ?? null, printed: true };
}

function ministryRows(dataset: Dataset, current: BudgetColumn, base: BudgetColumn, scope: ScopeId): MinistryRow[] {
  const total = scopeTotal(current, scope);
  return ministryOrder(dataset)
    .filter((code) => ministryAmount(current, scope, code) !== null || ministryAmount(base, scope, code) !== null)
    .map((code) => {
      const c = ministryAmount(current, scope, code);
      const b = ministryAmount(base, scope, code);
      return {
        code,
        current: c,
        base: b,
        change: c !== null && b !== null ? computeChange(c, b) : null,
        share: c !== null && total !== null && total > 0 ? (c / total) * 100 : null,
      };
    });
}

function projectRows(budget: ProjectBudget): ProjectRow[] {
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
      current: c,
      base: b,
      change: scopeChange(dataset, scope, fiscalYear, baseFiscalYear, c, b),
      ministries: ministryRows(dataset, current, base, scope),
    };
  });
  const sum = (values: (number | null)[]) => (values.some((v) => v === null) ? null : values.reduce<number>((a, v) => a + (v ?? 0), 0));
  const totalNow = sum(scopes.map((x) => x.current));
  const totalBase = sum(scopes.map((x) => x.base));
  const budget = dataset.projectBudgets.find((p) => p.fiscalYear === fiscalYear);
  const supplementary = findBudget(dataset, baseFiscalYear, 'supplementary') ?? null;
  const adjustmentFund = dataset.adjustmentFunds.find((f) => f.fiscalYear === fiscalYear) ?? null;

  return {
    fiscalYear,
    baseFiscalYear,
    sources: [...new Set([current.source, base.source, ...(budget ? [budget.source] : [])])],
    scopes,
    total: { current: totalNow, base: totalBase, change: totalNow !== null && totalBase !== null ? computeChange(totalNow, totalBase) : null },
    supplementary,
    projects: budget ? { ...budget, rows: projectRows(budget) } : null,
    adjustmentFund,
  };
}
