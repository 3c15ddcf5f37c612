import type { Dataset } from '../../load/merge-documents.ts';
import type { Change } from '../../compare/year-comparison.ts';
import { reiwaLabel } from '../../format/fiscal-year.ts';
import { formatOku, formatOkuChange, formatPercentChange } from '../../format/number.ts';
import { renderChart, type ChartRow } from '../../chart/render-chart.ts';
import { chartSpec, type TemplateSet } from '../template-set.ts';

/** What every briefing's page shows around its body: title block, running header, PDF metadata. */
export interface PageMeta {
  lang: 'ja';
  title: string;
  subtitle: string;
  runningHeader: string;
  subject: string;
  keywords: string[];
  sources: SourceLine[];
}

export interface SourceLine {
  title: string;
  publisher: string;
  published: string;
  edition: string;
}

export interface ChartView {
  svg: string;
  alt: string;
  caption: string;
}

export interface NoteList {
  rounding: string[];
  status: string[];
  unknown: string[];
  method: string[];
}

export const UNSTATED = '記載なし';
export const oku = (v: number | null): string => (v === null ? UNSTATED : formatOku(v));

export function changeText(change: Change | null): { amount: string; percent: string; direction: 'up' | 'down' | 'flat' | 'none' } {
  if (!change) return { amount: '—', percent: '—', direction: 'none' };
  return {
    amount: formatOkuChange(change.amount),
    percent: change.percent === null ? '—' : formatPercentChange(change.percent),
    direction: change.amount > 0 ? 'up' : change.amount < 0 ? 'down' : 'flat',
  };
}

/** 「1,238億円（前年度比+6億円、+0.5%）」 */
export function amountWithChange(amount: number, change: Change, prefix = '前年度比'): string {
  const c = changeText(change);
  return `${formatOku(amount)}（${prefix}${c.amount}、${c.percent}）`;
}

export function sourceLines(dataset: Dataset, ids: readonly string[]): SourceLine[] {
  return ids.flatMap((id) => {
    const doc = dataset.documents.find((d) => d.id === id);
    if (!doc) return [];
    return [
      {
        title: doc.title,
        publisher: doc.publisher,
        published: doc.published === 'unknown' ? `公表日は資料に${UNSTATED}` : `${doc.published}公表`,
        edition: `${reiwaLabel(doc.editionFiscalYear)}版`,
      },
    ];
  });
}

/** The documents' own notes (rounding, 精査により…), once each. */
export function documentNotes(dataset: Dataset, ids: readonly string[]): Pick<NoteList, 'rounding' | 'status'> {
  const docs = dataset.documents.filter((d) => ids.includes(d.id));
  const pick = (kind: string) => [...new Set(docs.flatMap((d) => d.notes.filter((n) => n.kind === kind).map((n) => n.text.replace(/^※\s*/, ''))))];
  return {
    rounding: pick('rounding').map((t) => `資料注記：${t}`),
    status: [...pick('subject-to-revision').map((t) => `資料注記：${t}`), ...pick('other')],
  };
}

export async function chartView(
  templates: TemplateSet,
  name: string,
  rows: ChartRow[],
  alt: string,
  caption: string,
): Promise<ChartView> {
  const { file, spec } = chartSpec(templates, name);
  const { svg } = await renderChart({ file, spec, theme: templates.theme, rows });
  return { svg, alt, caption };
}

export const yearLabel = (fy: number): string => reiwaLabel(fy);
export const yearWithWestern = (fy: number): string => `${reiwaLabel(fy)}（${fy}年度）`;
