import type { ChartRow } from '../../src/chart/draw-chart.ts';

/**
 * Small rows for each base chart spec, shaped as the views make them (see src/render/view/):
 * two or three items, two years, enough to show every layer of the spec once.
 */
const twoYears = (rows: (year: { year: string; fiscalYear: number }) => ChartRow[]): ChartRow[] =>
  [{ year: '令和6年度', fiscalYear: 2024 }, { year: '令和7年度', fiscalYear: 2025 }].flatMap(rows);

export const CHART_ROWS: Record<string, ChartRow[]> = {
  'ministry-comparison': [
    { scope: 'AMED対象経費', ministry: '文科省', year: '令和6年度', amount: 620, label: '620億円' },
    { scope: 'AMED対象経費', ministry: '文科省', year: '令和7年度', amount: 640, label: '640億円' },
    { scope: 'AMED対象経費', ministry: '厚労省', year: '令和6年度', amount: 480, label: '480億円' },
    { scope: 'AMED対象経費', ministry: '厚労省', year: '令和7年度', amount: 455, label: '455億円' },
    { scope: 'インハウス研究機関経費', ministry: '厚労省', year: '令和6年度', amount: 780, label: '780億円' },
    { scope: 'インハウス研究機関経費', ministry: '厚労省', year: '令和7年度', amount: 790, label: '790億円' },
  ],
  'ministry-trend': twoYears((y) => [
    { ...y, scope: 'AMED対象経費', amount: y.fiscalYear === 2024 ? 620 : 640, label: y.fiscalYear === 2024 ? '620億円' : '640億円' },
    { ...y, scope: 'インハウス研究機関経費', amount: 210, label: '210億円' },
  ]),
  programs: [
    { program: '創薬基盤推進研究事業', order: 0, ministry: '厚労省', amount: 28, label: '28億円' },
    { program: '次世代がん医療加速化研究事業 【新規】', order: 1, ministry: '文科省', amount: 17, label: '17億円' },
  ],
  'ministry-programs': [
    { program: '再生医療実現拠点ネットワーク事業', order: 0, ministry: '文科省', amount: 52, label: '52億円' },
    { program: '次世代がん医療加速化研究事業 【新規】', order: 1, ministry: '文科省', amount: 17, label: '17億円' },
  ],
  'project-split': [
    { project: '医薬品', order: 0, part: 'AMED対象経費', amount: 260, total: 300, totalLabel: '300億円', first: true },
    { project: '医薬品', order: 0, part: 'インハウス研究機関経費', amount: 40, total: 300, totalLabel: '300億円', first: false },
    { project: '医療機器・ヘルスケア', order: 1, part: 'AMED対象経費', amount: 120, total: 120, totalLabel: '120億円', first: true },
    { project: '医療機器・ヘルスケア', order: 1, part: 'インハウス研究機関経費', amount: 0, total: 120, totalLabel: '120億円', first: false },
  ],
  'projects-across-periods': [
    { row: '継続|医薬品', order: 0, year: '令和6年度', fiscalYear: 2024, amount: 280, label: '280億円' },
    { row: '継続|医薬品', order: 0, year: '令和7年度', fiscalYear: 2025, amount: 300, label: '300億円' },
    { row: '統合|再生・細胞医療＋遺伝子治療|→ 再生・細胞医療・遺伝子治療', order: 1, year: '令和7年度', fiscalYear: 2025, amount: 150, label: '150億円' },
  ],
  'trend-ministries': twoYears((y) => [
    { ...y, scope: 'AMED対象経費', ministry: '文科省', amount: y.fiscalYear === 2024 ? 620 : 640 },
    { ...y, scope: 'AMED対象経費', ministry: '経産省', amount: 40 },
  ]),
  'trend-totals': [
    ...twoYears((y) => [
      { ...y, type: '当初', part: 'AMED対象経費', amount: 1250, note: null, label: null },
      { ...y, type: '当初', part: 'インハウス研究機関経費', amount: 1100, note: null, label: null },
      { ...y, type: '当初', part: 'label', amount: 2350, note: null, label: '2,350' },
    ]),
    { year: '令和6年度', fiscalYear: 2024, type: '補正', part: 'label', amount: 0, note: '記載なし', label: '補正 記載なし' },
    { year: '令和7年度', fiscalYear: 2025, type: '補正', part: 'AMED対象経費', amount: 300, note: null, label: null },
    { year: '令和7年度', fiscalYear: 2025, type: '補正', part: 'label', amount: 300, note: '記載なし', label: '300（インハウス記載なし）' },
  ],
};
