import type { Change } from '../../compare/year-comparison.ts';
import type { Locale } from '../../format/locale.ts';
import { roundTo } from '../../format/number.ts';
import type { DraftFigure } from '../figure-book.ts';
import type { DataRef } from '../data-ref.ts';

/** What a figure is about, besides its value: year, scope, ministry, project, program. */
export type FigureAbout = Pick<DraftFigure, 'fiscalYear' | 'baseFiscalYear' | 'budget' | 'scope' | 'ministry' | 'project' | 'program'>;

/** An amount in 億円, formatted exactly as the view prints it; printed when it has a source, else computed from `from`. */
export function amount(locale: Locale, label: string, value: number | null, about: FigureAbout, source: { printed: DataRef } | { computed: DataRef[] }): DraftFigure {
  const printed = 'printed' in source;
  return {
    label,
    value,
    display: locale.oku(value),
    unit: '億円',
    measure: 'amount',
    origin: printed ? 'printed' : 'computed',
    refs: printed ? [source.printed] : source.computed,
    ...about,
  };
}

/** The amount and percent of a change, as the view prints them (`changeText`); printed where the document states the change. */
export function changeFigures(
  locale: Locale,
  label: { amount: string; percent: string },
  change: Change,
  about: FigureAbout,
  refs: { printed?: { amount: DataRef; percent: DataRef }; computedFrom: DataRef[] },
): [DraftFigure, DraftFigure] {
  const printed = change.printed ? refs.printed : undefined;
  const base = { ...about, origin: printed ? ('printed' as const) : ('computed' as const) };
  return [
    { ...base, label: label.amount, value: change.amount, display: locale.okuChange(change.amount), unit: '億円', measure: 'change', refs: printed ? [printed.amount] : refs.computedFrom },
    {
      ...base,
      label: label.percent,
      value: change.percent === null ? null : roundTo(change.percent, 1),
      display: locale.percentChange(change.percent),
      unit: '%',
      measure: 'percentChange',
      refs: printed ? [printed.percent] : refs.computedFrom,
    },
  ];
}

export function shareFigure(locale: Locale, label: string, share: number | null, about: FigureAbout, from: DataRef[]): DraftFigure {
  return {
    label,
    value: share === null ? null : roundTo(share, 1),
    display: locale.share(share),
    unit: '%',
    measure: 'share',
    origin: 'computed',
    refs: from,
    ...about,
  };
}
