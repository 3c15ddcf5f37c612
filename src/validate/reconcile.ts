import type { Locate } from '../load/read-data-file.ts';
import { reiwaLabel } from '../format/fiscal-year.ts';
import { formatNumber, formatPercentChange, roundTo } from '../format/number.ts';
import { formatPath } from '../problems.ts';
import type { BudgetColumn, ProjectFigure, SourceDocument } from '../schema/source-document.ts';
import type { ScopeId } from '../schema/common.ts';
import {
  add,
  amount,
  canBeAtMost,
  formatInterval,
  overlaps,
  percentOf,
  signed,
  subtract,
} from './interval.ts';

export type Rule =
  | 'ministries-sum'
  | 'supplementary-total'
  | 'project-split'
  | 'projects-scope-total'
  | 'programs-sum'
  | 'change-amount'
  | 'change-percent'
  | 'adjustment-share'
  | 'source-text';

/**
 * exact: the rounded figures add up as printed; rounding: they only agree once each figure is
 * read as the interval it was rounded from (a warning); inconsistent: no reading agrees (an
 * error); partial: a term is unknown, so only a bound could be checked.
 */
export type Outcome = 'exact' | 'rounding' | 'inconsistent' | 'partial';

export interface CheckResult {
  rule: Rule;
  file: string;
  path: string;
  line?: number;
  subject: string;
  outcome: Outcome;
  detail: string;
}

const SCOPE_LABEL: Record<ScopeId, string> = { amed: 'AMED対象経費', inhouse: 'インハウス研究機関経費' };
const TYPE_LABEL = { initial: '当初', supplementary: '補正' } as const;

function columnLabel(column: BudgetColumn): string {
  return `${reiwaLabel(column.fiscalYear)} ${TYPE_LABEL[column.type]}`;
}

const sumText = (parts: number[]): string => parts.map(formatNumber).join(' + ') || '0';

interface Context {
  file: string;
  locate: Locate;
  results: CheckResult[];
}

function record(
  ctx: Context,
  rule: Rule,
  path: PropertyKey[],
  subject: string,
  outcome: Outcome,
  detail: string,
): void {
  ctx.results.push({ rule, file: ctx.file, path: formatPath(path), line: ctx.locate(path), subject, outcome, detail });
}

/** Compares a sum of printed parts with a printed total. */
function checkSum(
  ctx: Context,
  rule: Rule,
  path: PropertyKey[],
  subject: string,
  parts: number[],
  total: number,
): void {
  const exactSum = parts.reduce((a, b) => a + b, 0);
  const sum = add(...parts.map((p) => amount(p)));
  const printed = amount(total);
  const detail = `${sumText(parts)} = ${formatNumber(exactSum)}; printed ${formatNumber(total)}`;
  if (exactSum === total) record(ctx, rule, path, subject, 'exact', detail);
  else if (overlaps(sum, printed))
    record(
      ctx,
      rule,
      path,
      subject,
      'rounding',
      `${detail} (consistent only within rounding: parts ${formatInterval(sum)}, total ${formatInterval(printed)})`,
    );
  else
    record(
      ctx,
      rule,
      path,
      subject,
      'inconsistent',
      `${detail}; off by ${formatNumber(Math.abs(exactSum - total))}, more than rounding allows (parts ${formatInterval(sum)}, total ${formatInterval(printed)})`,
    );
}

function checkMinistries(ctx: Context, doc: SourceDocument): void {
  doc.budgets.forEach((column, i) => {
    for (const scope of ['amed', 'inhouse'] as const) {
      const figure = column.scopes[scope];
      if (figure === 'unknown') continue;
      const parts = Object.values(figure.ministries ?? {});
      if (parts.length === 0) continue;
      checkSum(
        ctx,
        'ministries-sum',
        ['budgets', i, 'scopes', scope, 'total'],
        `${columnLabel(column)} ${SCOPE_LABEL[scope]}: ministry breakdown vs total`,
        parts,
        figure.total,
      );
    }
    const { amed, inhouse } = column.scopes;
    if (column.total !== undefined && amed !== 'unknown' && inhouse !== 'unknown') {
      checkSum(
        ctx,
        'supplementary-total',
        ['budgets', i, 'total'],
        `${columnLabel(column)}: AMED対象経費 + インハウス研究機関経費 vs stated total`,
        [amed.total, inhouse.total],
        column.total,
      );
    }
  });
}

/**
 * What a project contributes to a scope: a printed figure, `none` where it has no part in the
 * scope (the in-house part of an <AMED> project is exactly 0, not a rounded 0), or `unstated`.
 */
function contribution(project: ProjectFigure, scope: ScopeId): number | 'none' | 'unstated' {
  if (project.split === 'amed-only') {
    if (scope === 'inhouse') return 'none';
    return project.total === 'unknown' ? 'unstated' : project.total;
  }
  return project.split === 'unknown' ? 'unstated' : project.split[scope];
}

function checkProjects(ctx: Context, doc: SourceDocument): void {
  const budget = doc.projectBudget;
  if (!budget) return;
  budget.projects.forEach((project, i) => {
    if (project.split === 'amed-only' || project.split === 'unknown' || project.total === 'unknown') return;
    checkSum(
      ctx,
      'project-split',
      ['projectBudget', 'projects', i, 'total'],
      `${reiwaLabel(budget.fiscalYear)} project ${project.number}: AMED + インハウス vs project total`,
      [project.split.amed, project.split.inhouse],
      project.total,
    );
  });

  const columnIndex = doc.budgets.findIndex((c) => c.fiscalYear === budget.fiscalYear && c.type === 'initial');
  const column = doc.budgets[columnIndex];
  if (!column) return; // reported by the cross-reference checks
  // A partial edition lists only some projects: the rest are as unknown as unstated remaining expenses.
  const someListed = doc.document.coverage === 'partial';
  for (const scope of ['amed', 'inhouse'] as const) {
    const scopeFigure = column.scopes[scope];
    if (scopeFigure === 'unknown') continue;
    const known: number[] = [];
    const unstated: number[] = [];
    budget.projects.forEach((p) => {
      const value = contribution(p, scope);
      if (value === 'unstated') unstated.push(p.number);
      else if (value !== 'none') known.push(value);
    });
    const remaining = budget.remaining?.[scope] ?? 'unknown';
    const path = ['projectBudget', 'remaining', scope];
    const subject = `${reiwaLabel(budget.fiscalYear)} ${SCOPE_LABEL[scope]}: projects + remaining expenses vs total`;
    // A fund-based project printed without an amount (【基金事業】) is funded outside this year's
    // initial budget; the documents' own sums confirm that it adds nothing here.
    const unstatedNote =
      unstated.length > 0 ? ` (project ${unstated.join(', ')} has no amount printed and counts as 0)` : '';
    if (remaining === 'unknown' || someListed) {
      const sum = add(...known.map((p) => amount(p)));
      const total = amount(scopeFigure.total);
      const why = someListed ? 'a partial edition: only the projects it states are listed' : 'remaining expenses not stated';
      const detail = `projects ${sumText(known)} = ${formatNumber(known.reduce((a, b) => a + b, 0))} ≤ printed ${formatNumber(scopeFigure.total)}; ${why}, so only the upper bound is checked${unstatedNote}`;
      record(ctx, 'projects-scope-total', path, subject, canBeAtMost(sum, total) ? 'partial' : 'inconsistent', detail);
      continue;
    }
    const before = ctx.results.length;
    checkSum(ctx, 'projects-scope-total', path, subject, [...known, remaining], scopeFigure.total);
    const last = ctx.results[before];
    if (last && unstatedNote) last.detail += unstatedNote;
  }
}

function checkPrograms(ctx: Context, doc: SourceDocument): void {
  doc.programDetails.forEach((detail, i) => {
    checkSum(
      ctx,
      'programs-sum',
      ['programDetails', i, 'amed'],
      `${detail.label} (${detail.project}): programs vs AMED対象経費`,
      detail.programs.map((p) => p.amount),
      detail.amed,
    );
    checkSum(
      ctx,
      'programs-sum',
      ['programDetails', i, 'inhouse'],
      `${detail.label} (${detail.project}): programs' in-house amounts vs インハウス研究機関経費`,
      detail.programs.flatMap((p) => (p.inhouseAmount === undefined ? [] : [p.inhouseAmount])),
      detail.inhouse,
    );
  });
}

function checkChanges(ctx: Context, doc: SourceDocument): void {
  doc.changes.forEach((change, i) => {
    const find = (fy: number) => doc.budgets.find((c) => c.fiscalYear === fy && c.type === 'initial');
    const current = find(change.fiscalYear);
    const base = find(change.baseFiscalYear);
    // A partial edition may print a change without the base year's figure: nothing to check it against.
    if (!current || !base) return;
    const curFigure = current.scopes[change.scope];
    const prevFigure = base.scopes[change.scope];
    if (curFigure === 'unknown' || prevFigure === 'unknown') return;
    const cur = curFigure.total;
    const prev = prevFigure.total;
    const subject = `${reiwaLabel(change.fiscalYear)} vs ${reiwaLabel(change.baseFiscalYear)} ${SCOPE_LABEL[change.scope]}`;

    const diff = subtract(amount(cur), amount(prev));
    const exactDiff = cur - prev;
    const amountDetail = `${formatNumber(cur)} − ${formatNumber(prev)} = ${exactDiff}; printed ${change.amount}`;
    if (exactDiff === change.amount)
      record(ctx, 'change-amount', ['changes', i, 'amount'], `${subject}: 増▲減額`, 'exact', amountDetail);
    else
      record(
        ctx,
        'change-amount',
        ['changes', i, 'amount'],
        `${subject}: 増▲減額`,
        overlaps(diff, signed(change.amount, 1)) ? 'rounding' : 'inconsistent',
        `${amountDetail} (the difference of the rounded years lies in ${formatInterval(diff)})`,
      );

    if (change.percent === undefined) return;
    const ratio = percentOf(diff, amount(prev));
    const exactPercent = roundTo((exactDiff / prev) * 100, 1);
    const printed = signed(change.percent, 0.1);
    const percentDetail = `${exactDiff} / ${formatNumber(prev)} = ${formatPercentChange((exactDiff / prev) * 100, 2)}; printed ${formatPercentChange(change.percent)}`;
    const outcome: Outcome =
      exactPercent === change.percent ? 'exact' : overlaps(ratio, printed) ? 'rounding' : 'inconsistent';
    record(
      ctx,
      'change-percent',
      ['changes', i, 'percent'],
      `${subject}: 増▲減率`,
      outcome,
      outcome === 'exact'
        ? percentDetail
        : `${percentDetail} (with each year read as its rounding interval the rate lies in ${formatInterval(ratio, 2)}%)`,
    );
  });
}

function checkAdjustmentFund(ctx: Context, doc: SourceDocument): void {
  const fund = doc.adjustmentFund;
  if (!fund) return;
  const ok = canBeAtMost(amount(fund.medicalShare), amount(fund.total));
  record(
    ctx,
    'adjustment-share',
    ['adjustmentFund', 'medicalShare'],
    `${reiwaLabel(fund.fiscalYear)} ${fund.name}: medical share within the fund`,
    ok ? 'exact' : 'inconsistent',
    `${formatNumber(fund.medicalShare)} of ${formatNumber(fund.total)}`,
  );
}

/** Every rounding-aware consistency check of one source document. */
export function reconcileDocument(file: string, doc: SourceDocument, locate: Locate): CheckResult[] {
  const ctx: Context = { file, locate, results: [] };
  checkMinistries(ctx, doc);
  checkProjects(ctx, doc);
  checkPrograms(ctx, doc);
  checkChanges(ctx, doc);
  checkAdjustmentFund(ctx, doc);
  return ctx.results;
}

