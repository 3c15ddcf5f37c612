import type { Dataset } from '../load/merge-documents.ts';
import type { MinistryCode, ScopeId } from '../schema/common.ts';
import type { ProjectLink } from '../schema/reference.ts';
import type { ProjectBudget, ProjectFigure } from '../schema/source-document.ts';
import { BriefingError } from '../problems.ts';
import { computeChange, type Change } from './year-comparison.ts';
import { findBudget, ministryAmount, ministryOrder, SCOPES, scopeTotal } from './lookup.ts';
import { ministryAsOf, namesOf, projectAsOf, type Names } from './names.ts';
import { documentsOf, periodFacts, scopeNames, type PeriodFacts } from './documents.ts';
import { supplementaryTotal } from './supplementary-total.ts';
import type { DocumentInfo } from '../schema/source-document.ts';

/** The two scopes of one budget; null where the document is silent on a scope. */
export interface ScopePair {
  amed: number | null;
  inhouse: number | null;
}

/** One year of the trend; null where no document states that budget. */
export interface TrendYear {
  fiscalYear: number;
  initial: ScopePair | null;
  /** `total` is the printed total, else the sum of both scopes where both are stated (`totalPrinted` says which). */
  supplementary: (ScopePair & { total: number | null; totalPrinted: boolean }) | null;
  sources: string[];
}

export interface MinistrySeries {
  scope: ScopeId;
  code: MinistryCode;
  /** One value a year; null where the ministry is not listed or the year is not stated. */
  values: (number | null)[];
  /** The ministry's names in force each year of the span (a rename shows as a former name). */
  names: Names[];
  /** Its names in the span's last year. */
  latest: Names;
}

export type TransitionKind = ProjectLink['kind'] | 'new' | 'ended';

export interface ProjectAmount {
  project: string;
  amount: number | null;
  /** As that year's edition printed it. */
  names: Names;
}

/**
 * One row of the projects-across-periods table. Only `same` rows compare like-for-like;
 * successor and group rows are restructured, and new or ended projects have nothing to compare.
 */
export interface ProjectTransition {
  kind: TransitionKind;
  likeForLike: boolean;
  from: ProjectAmount[];
  to: ProjectAmount[];
  fromTotal: number | null;
  toTotal: number | null;
  change: Change | null;
  /** The mapping's note, in both languages; null for a new or ended project (the view words those). */
  note: { name: string; nameEn: string } | null;
}

/** One project in one year of its strategy period. */
export interface ProjectYear {
  fiscalYear: number;
  /** false: no edition lists the project for that year. */
  stated: boolean;
  total: number | null;
  amed: number | null;
  inhouse: number | null;
  fundBased: ProjectFigure['fundBased'] | null;
  /** The names in force that year (the Japanese name as printed where the edition prints one). */
  names: Names;
  /** Against the latest earlier year of the period that states the project; null where there is none. */
  change: Change | null;
  changeFrom: number | null;
}

/** Every year's figures of the projects of one strategy period, within the trend's span. */
export interface PeriodProjects {
  period: PeriodFacts;
  years: number[];
  /** `names`: as of the span's last year, for a project no year of the span states. */
  projects: { project: string; number: number; names: Names; years: ProjectYear[] }[];
}

export interface Trend {
  years: number[];
  rows: TrendYear[];
  ministries: MinistrySeries[];
  projects: { fromYear: number; toYear: number; fromPeriod: PeriodFacts; toPeriod: PeriodFacts; transitions: ProjectTransition[] } | null;
  periods: PeriodProjects[];
  scopes: Record<ScopeId, Names>;
  /** Years of the span for which no edition gives amounts by project. */
  yearsWithoutProjects: number[];
  /** The documents cited, oldest edition first. */
  sources: string[];
  documents: DocumentInfo[];
}

function amountOf(budget: ProjectBudget, id: string): number | null {
  const p = budget.projects.find((x) => x.project === id);
  return p && p.total !== 'unknown' ? p.total : null;
}

function sumKnown(amounts: ProjectAmount[]): number | null {
  return amounts.some((a) => a.amount === null) ? null : amounts.reduce((s, a) => s + (a.amount ?? 0), 0);
}

function latestInPeriod(dataset: Dataset, period: number, from: number, to: number): ProjectBudget | undefined {
  return dataset.projectBudgets.filter((b) => b.period === period && b.fiscalYear >= from && b.fiscalYear <= to).at(-1);
}

function transitions(dataset: Dataset, fromBudget: ProjectBudget, toBudget: ProjectBudget): ProjectTransition[] {
  const { mapping } = dataset;
  const amounts = (ids: string[], budget: ProjectBudget) =>
    ids.map((project) => ({ project, amount: amountOf(budget, project), names: namesOf(projectAsOf(dataset, project, budget.fiscalYear, budget)) }));
  const make = (kind: TransitionKind, fromIds: string[], toIds: string[], note: ProjectTransition['note']): ProjectTransition => {
    const from = amounts(fromIds, fromBudget);
    const to = amounts(toIds, toBudget);
    const fromTotal = from.length ? sumKnown(from) : null;
    const toTotal = to.length ? sumKnown(to) : null;
    return {
      kind,
      likeForLike: kind === 'same',
      from,
      to,
      fromTotal,
      toTotal,
      change: fromTotal !== null && toTotal !== null ? computeChange(toTotal, fromTotal) : null,
      note,
    };
  };
  return [
    ...mapping.links.map((l) => make(l.kind, l.from, l.to, { name: l.note, nameEn: l.noteEn })),
    ...mapping.ended.map((id) => make('ended', [id], [], null)),
    ...mapping.new.map((id) => make('new', [], [id], null)),
  ];
}

function projectYear(dataset: Dataset, id: string, fiscalYear: number): Omit<ProjectYear, 'change' | 'changeFrom'> {
  const budget = dataset.projectBudgets.find((b) => b.fiscalYear === fiscalYear);
  const figure = budget?.projects.find((p) => p.project === id);
  const names = namesOf(projectAsOf(dataset, id, fiscalYear, budget));
  if (!figure) return { fiscalYear, stated: false, total: null, amed: null, inhouse: null, fundBased: null, names };
  const total = figure.total === 'unknown' ? null : figure.total;
  const split =
    figure.split === 'amed-only' ? { amed: total, inhouse: 0 } : figure.split === 'unknown' ? { amed: null, inhouse: null } : figure.split;
  return { fiscalYear, stated: true, total, ...split, fundBased: figure.fundBased, names };
}

/** The projects of each strategy period the span touches, every year of it, with the change from the year before. */
function periodProjects(dataset: Dataset, years: number[]): PeriodProjects[] {
  return dataset.reference.periods
    .map((period) => ({ period, inSpan: years.filter((y) => y >= period.from && y <= period.to) }))
    .filter(({ period, inSpan }) => inSpan.length > 0 && dataset.projectBudgets.some((b) => b.period === period.period && inSpan.includes(b.fiscalYear)))
    .map(({ period, inSpan }) => ({
      period: periodFacts(dataset, period.period),
      years: inSpan,
      projects: dataset.reference.projects
        .filter((p) => p.period === period.period)
        .sort((a, b) => a.number - b.number)
        .map((p) => {
          let previous: ProjectYear | null = null;
          const series = inSpan.map((fy): ProjectYear => {
            const here = projectYear(dataset, p.id, fy);
            const change = here.total !== null && previous?.total != null ? computeChange(here.total, previous.total) : null;
            const year: ProjectYear = { ...here, change, changeFrom: change ? (previous?.fiscalYear ?? null) : null };
            if (here.total !== null) previous = year;
            return year;
          });
          return { project: p.id, number: p.number, names: namesOf(projectAsOf(dataset, p.id, inSpan.at(-1) ?? 0)), years: series };
        }),
    }));
}

/** Totals, ministries and projects over a span of years, initial and supplementary kept apart. */
export function buildTrend(dataset: Dataset, fromYear: number, toYear: number): Trend {
  if (fromYear >= toYear) throw new BriefingError('usage', `a trend needs at least two years; got ${fromYear}–${toYear}`);
  const years = Array.from({ length: toYear - fromYear + 1 }, (_, i) => fromYear + i);

  const rows = years.map((fiscalYear): TrendYear => {
    const initial = findBudget(dataset, fiscalYear, 'initial');
    const supplementary = findBudget(dataset, fiscalYear, 'supplementary');
    return {
      fiscalYear,
      initial: initial ? { amed: scopeTotal(initial, 'amed'), inhouse: scopeTotal(initial, 'inhouse') } : null,
      supplementary: supplementary
        ? (() => {
            const total = supplementaryTotal(supplementary);
            return { amed: scopeTotal(supplementary, 'amed'), inhouse: scopeTotal(supplementary, 'inhouse'), total: total.value, totalPrinted: total.printed };
          })()
        : null,
      sources: [...new Set([initial?.source, supplementary?.source].filter((s): s is string => !!s))],
    };
  });
  if (rows.every((r) => r.initial === null))
    throw new BriefingError('data', `no initial budget between FY${fromYear} and FY${toYear} in the dataset`);

  const ministries = SCOPES.flatMap((scope) =>
    ministryOrder(dataset).flatMap((code): MinistrySeries[] => {
      const values = years.map((fy) => ministryAmount(findBudget(dataset, fy, 'initial'), scope, code));
      return values.some((v) => v !== null) ? [{ scope, code, values, names: years.map((fy) => namesOf(ministryAsOf(dataset, code, fy))), latest: namesOf(ministryAsOf(dataset, code, toYear)) }] : [];
    }),
  );

  const { mapping } = dataset;
  const fromBudget = latestInPeriod(dataset, mapping.fromPeriod, fromYear, toYear);
  const toBudget = latestInPeriod(dataset, mapping.toPeriod, fromYear, toYear);
  const projects =
    fromBudget && toBudget
      ? {
          fromYear: fromBudget.fiscalYear,
          toYear: toBudget.fiscalYear,
          fromPeriod: periodFacts(dataset, mapping.fromPeriod),
          toPeriod: periodFacts(dataset, mapping.toPeriod),
          transitions: transitions(dataset, fromBudget, toBudget),
        }
      : null;

  const budgetSources = dataset.projectBudgets.filter((b) => years.includes(b.fiscalYear)).map((b) => b.source);
  const edition = (id: string) => dataset.documents.find((d) => d.id === id)?.editionFiscalYear ?? 0;
  const sources = [...new Set([...rows.flatMap((r) => r.sources), ...budgetSources])].sort((a, b) => edition(a) - edition(b));
  return {
    years,
    rows,
    ministries,
    projects,
    periods: periodProjects(dataset, years),
    scopes: scopeNames(dataset),
    yearsWithoutProjects: years.filter((y) => !dataset.projectBudgets.some((b) => b.fiscalYear === y)),
    sources,
    documents: documentsOf(dataset, sources),
  };
}
