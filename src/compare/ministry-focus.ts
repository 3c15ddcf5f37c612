import type { Dataset, Sourced } from '../load/merge-documents.ts';
import type { MinistryCode, ScopeId } from '../schema/common.ts';
import type { AdjustmentFund, BudgetColumn, DocumentInfo, Program, ProgramDetail } from '../schema/source-document.ts';
import { ministryAsOf, namesOf, projectAsOf, type Names } from './names.ts';
import { documentsOf, scopeNames } from './documents.ts';
import { computeChange, type Change } from './year-comparison.ts';
import { findBudget, ministryAmount, requireBudget, SCOPES, scopeTotal } from './lookup.ts';

export interface MinistryScope {
  scope: ScopeId;
  /** null: the ministry is not listed in that year's breakdown (not the same as 0). */
  current: number | null;
  base: number | null;
  change: Change | null;
  /** Share of the scope's printed total in the current year, in percent. */
  share: number | null;
}

export interface SupplementaryAllocation {
  fiscalYear: number;
  parts: { scope: ScopeId; amount: number }[];
  source: string;
}

export interface MinistryFocus {
  code: MinistryCode;
  /** The ministry's names in the year compared. */
  names: Names;
  scopeNames: Record<ScopeId, Names>;
  fiscalYear: number;
  baseFiscalYear: number;
  scopes: MinistryScope[];
  /** The ministry's AMED + in-house, where it is listed in both years; a sum of rounded figures. */
  total: { current: number; base: number; change: Change } | null;
  /** Supplementary budgets stated in the dataset that list the ministry, oldest first. */
  supplementary: SupplementaryAllocation[];
  supplementaryYears: number[];
  trend: { years: number[]; series: { scope: ScopeId; values: (number | null)[] }[] };
  /** `project`: the project's names as the detail's own edition printed them. */
  programs: { detail: Sourced<ProgramDetail>; project: Names; own: Program[]; withoutMinistry: Program[] }[];
  adjustmentFund: Sourced<AdjustmentFund> | null;
  sources: string[];
  documents: DocumentInfo[];
}

/** One ministry's part of the budget: the latest comparison, its supplementary allocations, its trend, its programs. */
export function focusOnMinistry(dataset: Dataset, code: MinistryCode, fiscalYear: number, baseFiscalYear: number): MinistryFocus {
  const current = requireBudget(dataset, fiscalYear, 'initial');
  const base = requireBudget(dataset, baseFiscalYear, 'initial');

  const scopes = SCOPES.map((scope): MinistryScope => {
    const c = ministryAmount(current, scope, code);
    const b = ministryAmount(base, scope, code);
    const total = scopeTotal(current, scope) ?? 0;
    return {
      scope,
      current: c,
      base: b,
      change: c !== null && b !== null ? computeChange(c, b) : null,
      share: c !== null && total > 0 ? (c / total) * 100 : null,
    };
  });
  const bothYears = scopes.filter((s) => s.current !== null && s.base !== null);
  const total =
    bothYears.length > 0
      ? (() => {
          const c = bothYears.reduce((sum, s) => sum + (s.current ?? 0), 0);
          const b = bothYears.reduce((sum, s) => sum + (s.base ?? 0), 0);
          return { current: c, base: b, change: computeChange(c, b) };
        })()
      : null;

  const supplementaryColumns = dataset.budgets.filter((b) => b.type === 'supplementary' && b.fiscalYear <= fiscalYear);
  const supplementary = supplementaryColumns.flatMap((column): SupplementaryAllocation[] => {
    const parts = SCOPES.flatMap((scope) => {
      const amount = ministryAmount(column, scope, code);
      return amount === null ? [] : [{ scope, amount }];
    });
    return parts.length ? [{ fiscalYear: column.fiscalYear, parts, source: column.source }] : [];
  });

  // From the first year with a ministry breakdown: a partial edition that states only totals adds nothing to one ministry's trend.
  const hasBreakdown = (b: BudgetColumn) => SCOPES.some((s) => { const f = b.scopes[s]; return f !== 'unknown' && f.ministries !== undefined; });
  const initialYears = dataset.budgets.filter((b) => b.type === 'initial' && b.fiscalYear <= fiscalYear && hasBreakdown(b)).map((b) => b.fiscalYear);
  const first = Math.min(...initialYears);
  const years = Array.from({ length: fiscalYear - first + 1 }, (_, i) => first + i);
  const series = SCOPES.map((scope) => ({
    scope,
    values: years.map((fy) => ministryAmount(findBudget(dataset, fy, 'initial'), scope, code)),
  }));

  const programs = dataset.programDetails.map((detail) => ({
    detail,
    project: detailProject(dataset, detail),
    own: detail.programs.filter((p) => p.ministry === code).sort((a, b) => b.amount - a.amount),
    withoutMinistry: detail.programs.filter((p) => p.ministry === 'unknown'),
  }));

  const adjustmentFund = dataset.adjustmentFunds.find((f) => f.fiscalYear === fiscalYear && f.ministry === code) ?? null;
  const sources = [...new Set([current.source, base.source, ...supplementary.map((s) => s.source), ...programs.map((p) => p.detail.source)])];
  return {
    code,
    names: namesOf(ministryAsOf(dataset, code, fiscalYear)),
    scopeNames: scopeNames(dataset),
    fiscalYear,
    baseFiscalYear,
    scopes,
    total,
    supplementary,
    supplementaryYears: supplementaryColumns.map((c) => c.fiscalYear),
    trend: { years, series },
    programs,
    adjustmentFund,
    sources,
    documents: documentsOf(dataset, sources),
  };
}

/** The project of a program detail, named as the detail's own edition printed it. */
function detailProject(dataset: Dataset, detail: Sourced<ProgramDetail>): Names {
  const edition = dataset.documents.find((d) => d.id === detail.source)?.editionFiscalYear ?? detail.fiscalYear;
  return namesOf(projectAsOf(dataset, detail.project, edition, dataset.projectBudgets.find((b) => b.fiscalYear === edition)));
}
