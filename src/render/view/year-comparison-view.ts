import type { Dataset } from '../../load/merge-documents.ts';
import type { Change, ScopeComparison, YearComparison } from '../../compare/year-comparison.ts';
import { ministry, project, scope as scopeInfo } from '../../compare/lookup.ts';
import { formatOku, formatShare } from '../../format/number.ts';
import type { TemplateSet } from '../template-set.ts';
import {
  amountWithChange,
  changeText,
  chartView,
  documentNotes,
  oku,
  sourceLines,
  UNSTATED,
  yearLabel,
  yearWithWestern,
  type ChartView,
  type NoteList,
  type PageMeta,
} from './common.ts';

const FUND_NOTE = { none: '', part: '一部基金事業を含む', whole: '基金事業' } as const;

interface HeadlineCard {
  label: string;
  value: string;
  change: string;
  percent: string;
  direction: string;
  note: string;
}

function card(label: string, value: number, change: Change, note: string): HeadlineCard {
  const c = changeText(change);
  return { label, value: formatOku(value), change: c.amount, percent: c.percent, direction: c.direction, note };
}

function scopeSentence(dataset: Dataset, s: ScopeComparison): string {
  const listed = s.ministries.filter((m) => m.current !== null);
  const largest = [...listed].sort((a, b) => (b.current ?? 0) - (a.current ?? 0))[0];
  const parts: string[] = [];
  if (largest && largest.current !== null)
    parts.push(`最大は${ministry(dataset, largest.code).name}の${formatOku(largest.current)}（構成比${formatShare(largest.share ?? 0)}）`);
  const changed = s.ministries.filter((m) => m.change && m.change.amount !== 0);
  const up = [...changed].sort((a, b) => (b.change?.amount ?? 0) - (a.change?.amount ?? 0))[0];
  const down = [...changed].sort((a, b) => (a.change?.amount ?? 0) - (b.change?.amount ?? 0))[0];
  if (up?.change && up.change.amount > 0)
    parts.push(`増加が最も大きいのは${ministry(dataset, up.code).name}（${changeText(up.change).amount}）`);
  if (down?.change && down.change.amount < 0)
    parts.push(`減少が最も大きいのは${ministry(dataset, down.code).name}（${changeText(down.change).amount}）`);
  if (changed.length === 0) parts.push('省庁別の金額は前年度から変わっていない');
  return `${scopeInfo(dataset, s.scope).shortName}では、${parts.join('。')}。`;
}

function scopeTable(dataset: Dataset, s: ScopeComparison) {
  return {
    name: scopeInfo(dataset, s.scope).name,
    shortName: scopeInfo(dataset, s.scope).shortName,
    sentence: scopeSentence(dataset, s),
    rows: s.ministries.map((m) => {
      const c = changeText(m.change);
      return {
        ministry: ministry(dataset, m.code).name,
        current: oku(m.current),
        base: oku(m.base),
        change: c.amount,
        percent: c.percent,
        direction: c.direction,
        share: m.share === null ? '—' : formatShare(m.share),
        unlisted: m.current === null || m.base === null,
      };
    }),
    total: {
      current: formatOku(s.current),
      base: formatOku(s.base),
      change: changeText(s.change).amount,
      percent: changeText(s.change).percent,
      direction: changeText(s.change).direction,
    },
    hasUnlisted: s.ministries.some((m) => m.current === null || m.base === null),
  };
}

export interface YearComparisonView {
  meta: PageMeta;
  years: { current: string; base: string; currentFull: string; baseFull: string };
  headline: { cards: HeadlineCard[]; sentences: string[] };
  scopes: ReturnType<typeof scopeTable>[];
  ministryChart: ChartView;
  supplementary: { title: string; total: string; rows: { scope: string; amount: string; ministries: string }[]; sentence: string } | null;
  adjustmentFund: { sentence: string; name: string; total: string; medicalShare: string } | null;
  projects: {
    periodName: string;
    strategyText: string;
    focusText: string;
    rows: { number: number; name: string; total: string; amed: string; inhouse: string; fund: string }[];
    remaining: { amed: string; inhouse: string; text: string };
    totals: { amed: string; inhouse: string };
    chart: ChartView;
    baseYearNote: string;
    initiatives: { heading: string; text: string; items: string[]; fund: string }[];
  } | null;
  notes: NoteList;
}

export async function buildYearComparisonView(
  dataset: Dataset,
  cmp: YearComparison,
  templates: TemplateSet,
): Promise<YearComparisonView> {
  const cur = yearLabel(cmp.fiscalYear);
  const base = yearLabel(cmp.baseFiscalYear);
  const [amed, inhouse] = cmp.scopes;
  if (!amed || !inhouse) throw new Error('a year comparison always has both scopes');
  const unknown: string[] = [];
  const method = [
    '「合計」はAMED対象経費とインハウス研究機関経費の四捨五入後の数値を足したもので、資料に記載された数値ではありません。',
    '省庁別の増減額・増減率と構成比は、資料の数値から算出しています。',
  ];
  const computedChanges = cmp.scopes.filter((s) => !s.change.printed);
  if (computedChanges.length > 0)
    method.push(`${computedChanges.map((s) => scopeInfo(dataset, s.scope).shortName).join('・')}の増減は資料に記載がないため、四捨五入後の数値から算出しています。`);

  const sentences = [
    `${scopeInfo(dataset, 'amed').shortName}は${amountWithChange(amed.current, amed.change)}、${scopeInfo(dataset, 'inhouse').shortName}は${amountWithChange(inhouse.current, inhouse.change, '同')}。`,
    `両者の合計は${amountWithChange(cmp.total.current, cmp.total.change, '同')}（四捨五入後の数値の和）。`,
  ];

  let supplementary: YearComparisonView['supplementary'] = null;
  if (cmp.supplementary) {
    const sup = cmp.supplementary;
    const total = sup.total ?? sup.scopes.amed.total + sup.scopes.inhouse.total;
    const breakdown = (s: 'amed' | 'inhouse') =>
      Object.entries(sup.scopes[s].ministries)
        .map(([code, v]) => `${ministry(dataset, code as never).shortName} ${formatOku(v)}`)
        .join('、');
    supplementary = {
      title: `${base}補正予算`,
      total: formatOku(total),
      rows: (['amed', 'inhouse'] as const).map((s) => ({
        scope: scopeInfo(dataset, s).shortName,
        amount: formatOku(sup.scopes[s].total),
        ministries: breakdown(s) || UNSTATED,
      })),
      sentence: `${base}補正予算では${formatOku(total)}（${scopeInfo(dataset, 'amed').shortName}${formatOku(sup.scopes.amed.total)}、${scopeInfo(dataset, 'inhouse').shortName}${formatOku(sup.scopes.inhouse.total)}）を計上。`,
    };
    sentences.push(supplementary.sentence);
    if (sup.total === undefined) method.push('補正予算の合計は資料に記載がないため、両経費の和を示しています。');
  } else unknown.push(`${base}補正予算`);
  unknown.push(`${cur}補正予算`);

  let adjustmentFund: YearComparisonView['adjustmentFund'] = null;
  if (cmp.adjustmentFund) {
    const f = cmp.adjustmentFund;
    adjustmentFund = {
      name: f.name,
      total: formatOku(f.total),
      medicalShare: formatOku(f.medicalShare),
      sentence: `このほか、${ministry(dataset, f.ministry).name}に計上される${f.name}（${formatOku(f.total)}）のうち${formatOku(f.medicalShare)}を医療分野の研究開発関連の調整費として充当見込み。`,
    };
    sentences.push(adjustmentFund.sentence);
  } else unknown.push(`${cur}の科学技術イノベーション創造推進費`);

  const chartRows = cmp.scopes.flatMap((s) =>
    s.ministries.flatMap((m) =>
      (
        [
          [base, m.base],
          [cur, m.current],
        ] as const
      ).flatMap(([year, amount]) =>
        amount === null
          ? []
          : [{ scope: scopeInfo(dataset, s.scope).shortName, ministry: ministry(dataset, m.code).shortName, year, amount, label: formatOku(amount) }],
      ),
    ),
  );
  const ministryChart = await chartView(
    templates,
    'ministry-comparison',
    chartRows,
    `横棒グラフ：省庁別の${base}と${cur}の当初予算。` +
      cmp.scopes
        .map((s) => `${scopeInfo(dataset, s.scope).shortName}：${s.ministries.map((m) => `${ministry(dataset, m.code).shortName} ${oku(m.base)}→${oku(m.current)}`).join('、')}`)
        .join('。'),
    `省庁別の当初予算（${base}・${cur}）`,
  );

  let projects: YearComparisonView['projects'] = null;
  const pb = cmp.projects;
  if (pb) {
    const period = dataset.reference.periods.find((p) => p.period === pb.period);
    const rows = pb.rows.map((r) => ({
      number: r.number,
      name: project(dataset, r.project).name,
      total: r.total === null ? `${UNSTATED}（${FUND_NOTE[r.fundBased] || '金額'}）` : formatOku(r.total),
      amed: oku(r.amed),
      inhouse: r.inhouse === 0 ? '—' : oku(r.inhouse),
      fund: FUND_NOTE[r.fundBased],
    }));
    const unstated = pb.rows.filter((r) => r.total === null);
    for (const r of unstated) unknown.push(`${project(dataset, r.project).name}の金額（${FUND_NOTE[r.fundBased]}のため資料に金額の記載なし）`);
    if (pb.remaining.amed === 'unknown' || pb.remaining.inhouse === 'unknown') unknown.push(`${cur}のプロジェクトに含まれない経費`);
    const hasBaseProjects = dataset.projectBudgets.some((b) => b.fiscalYear === cmp.baseFiscalYear);
    if (!hasBaseProjects) unknown.push(`${base}のプロジェクト別金額`);

    // The label is the printed total, not the sum of the stacked parts (308 + 46 ≠ 355 after rounding).
    const chartData = pb.rows.flatMap((r) => {
      const label = `${r.number} ${project(dataset, r.project).shortName}${r.total === null ? `（${FUND_NOTE[r.fundBased]}）` : ''}`;
      const total = r.total ?? 0;
      const totalLabel = r.total === null ? `金額${UNSTATED}` : formatOku(r.total);
      return [
        { project: label, order: r.number, part: scopeInfo(dataset, 'amed').shortName, amount: r.amed ?? 0, total, totalLabel, first: true },
        { project: label, order: r.number, part: 'インハウス', amount: r.inhouse ?? 0, total, totalLabel, first: false },
      ];
    });
    projects = {
      periodName: period ? `${period.name}（${yearLabel(period.from)}～${yearLabel(period.to)}）` : `第${pb.period}期`,
      strategyText: pb.strategyText,
      focusText: pb.focusText ?? '',
      rows,
      remaining: {
        amed: pb.remaining.amed === 'unknown' ? UNSTATED : formatOku(pb.remaining.amed),
        inhouse: pb.remaining.inhouse === 'unknown' ? UNSTATED : formatOku(pb.remaining.inhouse),
        text: pb.remaining.text ?? 'プロジェクトに含まれない経費は資料に記載がありません。',
      },
      totals: { amed: formatOku(amed.current), inhouse: formatOku(inhouse.current) },
      chart: await chartView(
        templates,
        'project-split',
        chartData,
        `積み上げ横棒グラフ：${cur}の統合プロジェクト別予算（AMED対象経費とインハウス研究機関経費）。` +
          pb.rows.map((r) => `${project(dataset, r.project).shortName} ${oku(r.total)}`).join('、'),
        `統合プロジェクト別の予算（${cur}）`,
      ),
      baseYearNote: hasBaseProjects
        ? ''
        : `${base}のプロジェクト別の金額は資料に記載がないため、プロジェクト別の増減は示していません。`,
      initiatives: pb.rows.map((r) => {
        const split =
          r.total === null
            ? `【${FUND_NOTE[r.fundBased]}】`
            : r.inhouse
              ? `${formatOku(r.total)}（AMED ${oku(r.amed)}、インハウス ${oku(r.inhouse)}）`
              : `${formatOku(r.total)}（AMED）`;
        return {
          heading: `${r.number}. ${project(dataset, r.project).name} ${split}`,
          text: r.initiatives.text,
          items: r.initiatives.items,
          fund: FUND_NOTE[r.fundBased],
        };
      }),
    };
  } else unknown.push(`${cur}の統合プロジェクト別予算`);

  const docs = documentNotes(dataset, cmp.sources);
  unknown.push('資料の公表日');
  return {
    meta: {
      lang: 'ja',
      title: `${cur} 医療分野の研究開発関連予算 前年度比較`,
      subtitle: `${yearWithWestern(cmp.fiscalYear)}当初予算と${yearWithWestern(cmp.baseFiscalYear)}当初予算の比較`,
      runningHeader: `医療分野の研究開発関連予算 ${cur} vs ${base}`,
      subject: `${cur}（FY${cmp.fiscalYear}）と${base}（FY${cmp.baseFiscalYear}）の医療分野の研究開発関連予算の比較`,
      keywords: ['医療分野の研究開発関連予算', 'AMED', cur, base, `FY${cmp.fiscalYear}`, `FY${cmp.baseFiscalYear}`],
      sources: sourceLines(dataset, cmp.sources),
    },
    years: { current: cur, base, currentFull: yearWithWestern(cmp.fiscalYear), baseFull: yearWithWestern(cmp.baseFiscalYear) },
    headline: {
      cards: [
        ...cmp.scopes.map((s) => card(scopeInfo(dataset, s.scope).shortName, s.current, s.change, `${base} ${formatOku(s.base)}`)),
        card('合計（算出）', cmp.total.current, cmp.total.change, `${base} ${formatOku(cmp.total.base)}`),
        ...(supplementary
          ? [{ label: `${base}補正`, value: supplementary.total, change: '', percent: '', direction: 'none', note: 'AMED・インハウス計' }]
          : []),
      ],
      sentences,
    },
    scopes: cmp.scopes.map((s) => scopeTable(dataset, s)),
    ministryChart,
    supplementary,
    adjustmentFund,
    projects,
    notes: { ...docs, unknown, method },
  };
}
