import type { Change } from '../../compare/year-comparison.ts';
import type { Locale } from '../../format/locale.ts';
import { roundTo } from '../../format/number.ts';
import type { FigureStatus } from '../../schema/briefing-data.ts';
import type { DraftFigure } from '../figure-book.ts';
import type { DataRef } from '../data-ref.ts';

/** What a figure is about, besides its value: year, scope, ministry, project, program. */
export type FigureAbout = Pick<DraftFigure, 'fiscalYear' | 'baseFiscalYear' | 'budget' | 'scope' | 'ministry' | 'project' | 'program'>;

/** A value the documents do not give stays null and says so; it is never written as 0. */
function statusOf(value: number | null, whenNull: FigureStatus = 'unknown'): FigureStatus {
  return value === null ? whenNull : 'known';
}

/** An amount in 億円, formatted exactly as a table cell of the view prints it (the unit is the figure's `unit`); printed when it has a source, else computed from `from`. */
export function amount(locale: Locale, label: string, value: number | null, about: FigureAbout, source: { printed: DataRef } | { computed: DataRef[] }): DraftFigure {
  const printed = 'printed' in source;
  return {
    label,
    value,
    status: statusOf(value),
    display: locale.cell(value),
    unit: '億円',
    measure: 'amount',
    origin: printed ? 'printed' : 'computed',
    refs: printed ? [source.printed] : source.computed,
    ...about,
  };
}

/**
 * The amount and percent of a change, as the view prints them (`changeText`); printed where the
 * document states the change. A change that cannot be computed (a year not stated) is two unknown
 * figures, shown as —, like the view.
 */
export function changeFigures(
  locale: Locale,
  label: { amount: string; percent: string },
  change: Change | null,
  about: FigureAbout,
  refs: { printed?: { amount: DataRef; percent: DataRef }; computedFrom: DataRef[] },
): [DraftFigure, DraftFigure] {
  const printed = change?.printed ? refs.printed : undefined;
  const base = { ...about, origin: printed ? ('printed' as const) : ('computed' as const) };
  const amountValue = change ? change.amount : null;
  const percentValue = change && change.percent !== null ? roundTo(change.percent, 1) : null;
  // A computed change without a percent had a base of 0: there is no percent to give, rather than an unknown one.
  const percentStatus = statusOf(percentValue, change && !change.printed ? 'notApplicable' : 'unknown');
  return [
    {
      ...base,
      label: label.amount,
      value: amountValue,
      status: statusOf(amountValue),
      display: change ? locale.okuChange(change.amount) : '—',
      unit: '億円',
      measure: 'change',
      refs: printed ? [printed.amount] : refs.computedFrom,
    },
    {
      ...base,
      label: label.percent,
      value: percentValue,
      status: percentStatus,
      display: change ? locale.percentChange(change.percent) : '—',
      unit: '%',
      measure: 'percentChange',
      refs: printed ? [printed.percent] : refs.computedFrom,
    },
  ];
}

export function shareFigure(locale: Locale, label: string, share: number | null, about: FigureAbout, from: DataRef[]): DraftFigure {
  const value = share === null ? null : roundTo(share, 1);
  return {
    label,
    value,
    status: statusOf(value),
    display: locale.share(share),
    unit: '%',
    measure: 'share',
    origin: 'computed',
    refs: from,
    ...about,
  };
}
