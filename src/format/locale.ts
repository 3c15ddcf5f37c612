import { reiwaLabel, reiwaNumber } from './fiscal-year.ts';
import { formatNumber, formatOku, formatOkuChange, formatPercentChange, formatShare, roundTo } from './number.ts';
import type { Language } from '../schema/department.ts';

/** How one language writes amounts, changes and years; views format only through a Locale. */
export interface Locale {
  lang: Language;
  /** Shown where the source is silent. */
  unstated: string;
  /** An amount in a sentence, card, chart label or alt text, with its unit. */
  oku(value: number | null): string;
  /** An amount in a table cell: English leaves the unit to the column's header (see `column`). */
  cell(value: number | null): string;
  /** The header of a table column of amounts: English names the unit once here, not in every cell. */
  column(label: string): string;
  /** A plain number without its unit (a chart's bar label): 1,238. */
  number(value: number): string;
  okuChange(value: number): string;
  percentChange(value: number | null): string;
  share(value: number | null): string;
  year(fiscalYear: number): string;
  yearFull(fiscalYear: number): string;
  /** Joins a short list: 「A、B」 / "A, B". */
  list(items: string[]): string;
  name(entity: { name: string; nameEn: string }): string;
  shortName(entity: { shortName: string; shortNameEn: string }): string;
}

const MINUS = '\u2212';

export const ja: Locale = {
  lang: 'ja',
  unstated: '記載なし',
  oku: (v) => (v === null ? '記載なし' : formatOku(v)),
  // The source prints 億円 in every cell; the Japanese edition reads like the source.
  cell: (v) => (v === null ? '記載なし' : formatOku(v)),
  column: (label) => label,
  number: formatNumber,
  okuChange: formatOkuChange,
  percentChange: (v) => (v === null ? '—' : formatPercentChange(v)),
  share: (v) => (v === null ? '—' : formatShare(v)),
  year: reiwaLabel,
  yearFull: (fy) => `${reiwaLabel(fy)}（${fy}年度）`,
  list: (items) => items.join('、'),
  name: (e) => e.name,
  shortName: (e) => e.shortName,
};

/** English editions keep the unit of the source, 100 million yen (億円), written ¥100M. */
const EN_UNIT = '(¥100M)';

export const en: Locale = {
  lang: 'en',
  unstated: 'not stated',
  oku: (v) => (v === null ? 'not stated' : `${formatNumber(v)} ${EN_UNIT}`),
  cell: (v) => (v === null ? 'not stated' : formatNumber(v)),
  column: (label) => `${label} ${EN_UNIT}`,
  number: formatNumber,
  okuChange: (v) => `${v > 0 ? '+' : v < 0 ? MINUS : '±'}${formatNumber(Math.abs(v))}`,
  percentChange: (v) => {
    if (v === null) return '—';
    const r = roundTo(v, 1);
    return `${r > 0 ? '+' : r < 0 ? MINUS : '±'}${Math.abs(r).toFixed(1)}%`;
  },
  share: (v) => (v === null ? '—' : formatShare(v)),
  year: (fy) => `FY${fy}`,
  yearFull: (fy) => `FY${fy} (Reiwa ${reiwaNumber(fy)})`,
  list: (items) => items.join(', '),
  name: (e) => e.nameEn,
  shortName: (e) => e.shortNameEn,
};

export const LOCALES: Record<Language, Locale> = { ja, en };
