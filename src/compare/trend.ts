import type { Dataset } from '../load/merge-documents.ts';
import type { MinistryCode, ScopeId } from '../schema/common.ts';
import type { ProjectLink } from '../schema/reference.ts';
import type { ProjectBudget, ProjectFigure } from '../schema/source-document.ts';
import { BriefingError } from '../problems.ts';
import { computeChange, type Change } from './year-comparison.ts';
import { findBudget, ministryAmount, ministryOrder, SCOPES, scopeTotal } from './lookup.ts';
import { projectAsOf } from './names.ts';

/** The two scopes of one budget; null where the document is silent on a scope. */
export interface ScopePair {
  amed: number | null;
  inhouse: number | null;
}

/** One year of the trend; null where no document states that budget. */
export interface TrendYear {
  fiscalYear: number;
  initial: ScopePair | null;
  supplementary: (ScopePair & { total: number | null }) | null;
  sources: string[];
}

export interface MinistrySeries {
  scope: ScopeId;
  code: MinistryCode;
  /** One value a year; null where the ministry is not listed or the year is not stated. */
  values: (number | null)[];
}

export type TransitionKind = ProjectLink['kind'] | 'new' | 'ended';

export interface ProjectAmount {
  project: string;
  amount: number | null;
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
  note: string;
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
  /** The name in force that year (as printed where the edition prints one). */
  name: string;
  /** Against the latest earlier year of the period that states the project; null where there is none. */
  change: Change | null;
  changeFrom: number | null;
}

/** Every year's figures of the projects of one strategy period, within the trend's span. */
export interface PeriodProjects {
  period: number;
  years: number[];
  projects: { project: string; number: number; years: ProjectYear[] }[];
}

export interface Trend {
  years: number[];
  rows: TrendYear[];
  ministries: MinistrySeries[];
  projects: { fromYear: number; toYear: number; fromPeriod: number; toPeriod: number; transitions: ProjectTransition[] } | null;
  periods: PeriodProjects[];
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
  const make = (kind: TransitionKind, fromIds: string[], toIds: string[], note: string): ProjectTransition => {
    const from = fromIds.map((project) => ({ project, amount: amountOf(fromBudget, project) }));
    const to = toIds.map((project) => ({ project, amount: amountOf(toBudget, project) }));
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
    ...mapping.links.map((l) => make(l.kind, l.from, l.to, l.note)),
    ...mapping.ended.map((id) => make('ended', [id], [], '後継プロジェクトなし')),
    ...mapping.new.map((id) => make('new', [], [id], '新設（前期に対応するプロジェクトなし）')),
  ];
}

function projectYear(dataset: Dataset, id: string, fiscalYear: number): Omit<ProjectYear, 'change' | 'changeFrom'> {
  const budget = dataset.projectBudgets.find((b) => b.fiscalYear === fiscalYear);
  const figure = budget?.projects.find((p) => p.project === id);
  const name = projectAsOf(dataset, id, fiscalYear, budget).name;
  if (!figure) return { fiscalYear, stated: false, total: null, amed: null, inhouse: null, fundBased: null, name };
  const total = figure.total === 'unknown' ? null : figure.total;
  const split =
    figure.split === 'amed-only' ? { amed: total, inhouse: 0 } : figure.split === 'unknown' ? { amed: null, inhouse: null } : figure.split;
  return { fiscalYear, stated: true, total, ...split, fundBased: figure.fundBased, name };
}

/** The projects of each strategy period the span touches, every year of it, with the change from the year before. */
function periodProjects(dataset: Dataset, years: number[]): PeriodProjects[] {
  return dataset.reference.periods
    .map((period) => ({ period, inSpan: years.filter((y) => y >= period.from && y <= period.to) }))
    .filter(({ period, inSpan }) => inSpan.length > 0 && dataset.projectBudgets.some((b) => b.period === period.period && inSpan.includes(b.fiscalYear)))
    .map(({ period, inSpan }) => ({
      period: period.period,
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
          return { project: p.id, number: p.number, years: series };
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
        ? { amed: scopeTotal(supplementary, 'amed'), inhouse: scopeTotal(supplementary, 'inhouse'), total: supplementary.total ?? null }
        : null,
      sources: [...new Set([initial?.source, supplementary?.source].filter((s): s is string => !!s))],
    };
  });
  if (rows.every((r) => r.initial === null))
    throw new BriefingError('data', `no initial budget between FY${fromYear} and FY${toYear} in the dataset`);

  const ministries = SCOPES.flatMap((scope) =>
    ministryOrder(dataset).flatMap((code): MinistrySeries[] => {
      const values = years.map((fy) => ministryAmount(findBudget(dataset, fy, 'initial'), scope, code));
      return values.some((v) => v !== null) ? [{ scope, code, values }] : [];
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
          fromPeriod: mapping.fromPeriod,
          toPeriod: mapping.toPeriod,
          transitions: transitions(dataset, fromBudget, toBudget),
        }
      : null;

  return { years, rows, ministries, projects, periods: periodProjects(dataset, years) };
}
