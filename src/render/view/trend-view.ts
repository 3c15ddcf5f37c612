import type { Dataset } from '../../load/merge-documents.ts';
import { computeChange } from '../../compare/year-comparison.ts';
import type { PeriodProjects, ProjectTransition, Trend, TrendYear } from '../../compare/trend.ts';
import { scope as scopeInfo, SCOPES } from '../../compare/lookup.ts';
import { ministryAsOf, projectAsOf } from '../../compare/names.ts';
import type { MinistryCode } from '../../schema/common.ts';
import { formatOku } from '../../format/number.ts';
import type { ChartRow } from '../../chart/render-chart.ts';
import {
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
  authorOf,
  pageView,
  type PageView,
  type ViewContext,
} from './common.ts';

const KIND_LABEL: Record<ProjectTransition['kind'], string> = {
  same: '同一名称（継続）',
  successor: '再編（後継）',
  group: '再編（統合・分割）',
  new: '新設',
  ended: '終了',
};

export interface TrendView extends PageView {
  span: string;
  sentences: string[];
  years: string[];
  totals: { year: string; amed: string; inhouse: string; total: string; supAmed: string; supInhouse: string; supTotal: string }[];
  totalsChart: ChartView;
  ministryTables: { scope: string; rows: { ministry: string; values: string[] }[] }[];
  ministryChart: ChartView;
  projects: {
    heading: string;
    fromLabel: string;
    toLabel: string;
    rows: { kind: string; likeForLike: boolean; from: string[]; to: string[]; fromTotal: string; toTotal: string; change: string; percent: string; comparison: string; note: string }[];
    chart: ChartView;
    caveat: string;
  } | null;
  periodTables: PeriodTable[];
  notes: NoteList;
}

/** Every year's figures of one strategy period's projects, with the change from the year before. */
export interface PeriodTable {
  heading: string;
  years: string[];
  rows: { number: number; name: string; cells: { amount: string; split: string; change: string; stated: boolean }[] }[];
  note: string;
}

function spanSentence(dataset: Dataset, rows: TrendYear[], scope: 'amed' | 'inhouse'): string | null {
  const known = rows.flatMap((r) => {
    const value = r.initial?.[scope];
    return value === undefined || value === null ? [] : [{ fiscalYear: r.fiscalYear, value }];
  });
  const first = known[0];
  const last = known.at(-1);
  if (!first || !last || first === last) return null;
  const c = changeText(computeChange(last.value, first.value));
  return `${scopeInfo(dataset, scope).shortName}（当初）は${yearLabel(first.fiscalYear)}の${formatOku(first.value)}から${yearLabel(last.fiscalYear)}の${formatOku(last.value)}へ（${c.amount}、${c.percent}）。`;
}

const sumOrNull = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : a + b);

/** The latest name in the span, and the earlier names it replaced (「旧称」). */
function nameInSpan(ctx: ViewContext, names: string[]): string {
  const name = names.at(-1) ?? '';
  const former = [...new Set(names.filter((n) => n !== name))];
  return former.length ? ctx.strings.fill('common.formerly', { name, former: ctx.locale.list(former) }) : name;
}

function periodTable(ctx: ViewContext, periodName: (n: number) => string, p: PeriodProjects): PeriodTable {
  const { dataset } = ctx;
  const rows = p.projects.map((proj) => {
    const stated = proj.years.filter((y) => y.stated).map((y) => y.name);
    return {
      number: proj.number,
      name: stated.length ? nameInSpan(ctx, stated) : projectAsOf(dataset, proj.project, p.years.at(-1) ?? 0).name,
      cells: proj.years.map((y) => {
        const c = changeText(y.change);
        const sinceEarlier = y.change && y.changeFrom !== null && y.changeFrom !== y.fiscalYear - 1 ? `（${yearLabel(y.changeFrom)}比）` : '';
        return {
          stated: y.stated,
          amount: !y.stated ? UNSTATED : y.total === null ? (y.fundBased === 'whole' ? '基金事業（金額記載なし）' : UNSTATED) : formatOku(y.total),
          split: y.total !== null && y.amed !== null && y.inhouse ? `AMED ${formatOku(y.amed)}・インハウス ${formatOku(y.inhouse)}` : '',
          change: y.change ? `${c.amount}（${c.percent}）${sinceEarlier}` : '',
        };
      }),
    };
  });
  return {
    heading: `${periodName(p.period)}のプロジェクト別予算（${yearLabel(p.years[0] ?? 0)}～${yearLabel(p.years.at(-1) ?? 0)}）`,
    years: p.years.map(yearLabel),
    rows,
    note: '各年度の当初予算額。増減は同じ戦略期間内で直前に金額が記載された年度との差で、四捨五入後の数値から算出しています。',
  };
}

export async function buildTrendView(ctx: ViewContext, trend: Trend): Promise<TrendView> {
  const { dataset } = ctx;
  const first = trend.years[0] ?? 0;
  const last = trend.years.at(-1) ?? 0;
  const span = `${yearLabel(first)}～${yearLabel(last)}`;
  // Ministries under the name of the trend's last year, with the names they had before.
  const ministryNow = (code: MinistryCode) => ministryAsOf(dataset, code, last);
  const ministryName = (code: MinistryCode) => nameInSpan(ctx, trend.years.map((y) => ministryAsOf(dataset, code, y).name));
  const unknown: string[] = [];
  const method = [
    '「合計」は四捨五入後の数値の和で、資料に記載された数値ではありません。増減は四捨五入後の数値から算出しています。',
    '当初予算と補正予算は別々に示し、足し合わせていません。',
  ];

  for (const r of trend.rows) {
    if (!r.initial) unknown.push(`${yearLabel(r.fiscalYear)}当初予算`);
    if (!r.supplementary) unknown.push(`${yearLabel(r.fiscalYear)}補正予算`);
  }
  const sentences = [spanSentence(dataset, trend.rows, 'amed'), spanSentence(dataset, trend.rows, 'inhouse')].filter(
    (s): s is string => s !== null,
  );
  const sup = trend.rows.filter((r) => r.supplementary);
  if (sup.length > 0)
    sentences.push(
      `補正予算は${sup.map((r) => `${yearLabel(r.fiscalYear)}${formatOku(r.supplementary?.total ?? (r.supplementary?.amed ?? 0) + (r.supplementary?.inhouse ?? 0))}`).join('、')}。` +
        (trend.rows.some((r) => !r.supplementary)
          ? `${trend.rows.filter((r) => !r.supplementary).map((r) => yearLabel(r.fiscalYear)).join('・')}の補正予算は資料に${UNSTATED}。`
          : ''),
    );

  for (const r of trend.rows)
    for (const s of SCOPES) if (r.initial && r.initial[s] === null) unknown.push(`${yearLabel(r.fiscalYear)}当初予算の${scopeInfo(dataset, s).shortName}`);

  const totals = trend.rows.map((r) => ({
    year: yearLabel(r.fiscalYear),
    amed: oku(r.initial?.amed ?? null),
    inhouse: oku(r.initial?.inhouse ?? null),
    total: oku(r.initial ? sumOrNull(r.initial.amed, r.initial.inhouse) : null),
    supAmed: oku(r.supplementary?.amed ?? null),
    supInhouse: oku(r.supplementary?.inhouse ?? null),
    supTotal: oku(r.supplementary ? (r.supplementary.total ?? sumOrNull(r.supplementary.amed, r.supplementary.inhouse)) : null),
  }));

  // Bars for the stated parts; one label per budget: its total, or what is missing, so that
  // a year stated only in part is never read as a full total.
  const totalsRows = trend.rows.flatMap((r) =>
    (['initial', 'supplementary'] as const).flatMap((type): ChartRow[] => {
      const pair = r[type];
      const typeLabel = type === 'initial' ? '当初' : '補正';
      const at = { year: yearLabel(r.fiscalYear), fiscalYear: r.fiscalYear, type: typeLabel };
      if (!pair) return [{ ...at, part: 'label', amount: 0, note: UNSTATED, label: `${typeLabel} ${UNSTATED}` }];
      const bars = SCOPES.flatMap((s) => {
        const amount = pair[s];
        return amount === null ? [] : [{ ...at, part: scopeInfo(dataset, s).shortName, amount, note: null, label: null }];
      });
      const stated = bars.reduce((sum, b) => sum + b.amount, 0);
      const missing = SCOPES.filter((s) => pair[s] === null).map((s) => (s === 'amed' ? 'AMED' : 'インハウス'));
      const label = missing.length ? `${formatOku(stated).replace('億円', '')}（${missing.join('・')}${UNSTATED}）` : formatOku(stated).replace('億円', '');
      return [...bars, { ...at, part: 'label', amount: stated, note: missing.length ? UNSTATED : null, label }];
    }),
  );
  const totalsChart = await chartView(
    ctx,
    'trend-totals',
    totalsRows,
    `積み上げ縦棒グラフ：年度別の当初予算と補正予算（AMED対象経費とインハウス研究機関経費）。` +
      totals.map((t) => `${t.year} 当初 ${t.total}・補正 ${t.supTotal}`).join('、'),
    `当初予算と補正予算の推移（${span}）`,
  );

  const ministryTables = SCOPES.map((s) => ({
    scope: scopeInfo(dataset, s).shortName,
    rows: trend.ministries
      .filter((m) => m.scope === s)
      .map((m) => ({ ministry: ministryName(m.code), values: m.values.map((v) => (v === null ? UNSTATED : formatOku(v))) })),
  }));
  // Unstated years stay in the data (amount null): the axis keeps every year and the lines break there.
  const ministryRows = trend.ministries.flatMap((m) =>
    m.values.map((v, i) => ({
      scope: scopeInfo(dataset, m.scope).shortName,
      ministry: ministryNow(m.code).shortName,
      year: yearLabel(trend.years[i] ?? 0),
      fiscalYear: trend.years[i] ?? 0,
      amount: v,
    })),
  );
  const ministryChart = await chartView(
    ctx,
    'trend-ministries',
    ministryRows,
    `折れ線グラフ：省庁別の当初予算の推移。` +
      trend.ministries.map((m) => `${scopeInfo(dataset, m.scope).shortName} ${ministryNow(m.code).shortName}：${m.values.map((v) => oku(v)).join('→')}`).join('。'),
    `省庁別の当初予算の推移（${span}）`,
  );

  const periodName = (n: number) => dataset.reference.periods.find((x) => x.period === n)?.name ?? `第${n}期`;
  let projects: TrendView['projects'] = null;
  const p = trend.projects;
  if (p) {
    const fromLabel = `${yearLabel(p.fromYear)}（${periodName(p.fromPeriod)}）`;
    const toLabel = `${yearLabel(p.toYear)}（${periodName(p.toPeriod)}）`;
    const budgetOf = (fy: number) => dataset.projectBudgets.find((b) => b.fiscalYear === fy);
    const named = (id: string, fy: number) => projectAsOf(dataset, id, fy, budgetOf(fy));
    const names = (list: { project: string; amount: number | null }[], fy: number) => list.map((x) => `${named(x.project, fy).name} ${oku(x.amount)}`);
    const rows = p.transitions.map((t) => {
      const c = changeText(t.change);
      return {
        kind: KIND_LABEL[t.kind],
        likeForLike: t.likeForLike,
        from: names(t.from, p.fromYear),
        to: names(t.to, p.toYear),
        fromTotal: t.from.length ? oku(t.fromTotal) : '—',
        toTotal: t.to.length ? oku(t.toTotal) : '—',
        change: t.change ? c.amount : '—',
        percent: t.change ? c.percent : '—',
        comparison: t.likeForLike
          ? '同一名称の比較（戦略期間は異なる）'
          : t.change
            ? '再編後の参考比較（同一のプロジェクトではない）'
            : t.kind === 'new' || t.kind === 'ended'
              ? '比較対象なし'
              : '金額の記載がない部分を含むため比較不可',
        note: t.note,
      };
    });
    const chartRows = p.transitions.flatMap((t, i) => {
      // Lines on the axis (split at "|"): the kind, then the projects on each side.
      const side = (list: { project: string }[], fy: number) => list.map((x) => named(x.project, fy).shortName).join('＋') || '—';
      const label = `${KIND_LABEL[t.kind]}|${t.kind === 'same' ? side(t.to, p.toYear) : `${side(t.from, p.fromYear)}|→ ${side(t.to, p.toYear)}`}`;
      return [
        ...(t.fromTotal !== null && t.from.length ? [{ row: label, order: i, year: yearLabel(p.fromYear), fiscalYear: p.fromYear, amount: t.fromTotal, label: formatOku(t.fromTotal) }] : []),
        ...(t.toTotal !== null && t.to.length ? [{ row: label, order: i, year: yearLabel(p.toYear), fiscalYear: p.toYear, amount: t.toTotal, label: formatOku(t.toTotal) }] : []),
      ];
    });
    projects = {
      heading: `統合プロジェクト：${fromLabel}と${toLabel}`,
      fromLabel,
      toLabel,
      rows,
      chart: await chartView(
        ctx,
        'projects-across-periods',
        chartRows,
        `横棒グラフ：${yearLabel(p.fromYear)}と${yearLabel(p.toYear)}のプロジェクト別予算を、対応関係（同一名称・再編・新設）ごとに並べたもの。` +
          rows.map((r) => `${r.kind} ${[...r.from, ...r.to].join('、')}`).join('。'),
        `プロジェクトの対応関係と予算（${yearLabel(p.fromYear)}・${yearLabel(p.toYear)}）`,
      ),
      caveat: `${periodName(p.fromPeriod)}の${dataset.reference.periods.find((x) => x.period === p.fromPeriod)?.projectCount ?? ''}プロジェクトと${periodName(p.toPeriod)}の${dataset.reference.periods.find((x) => x.period === p.toPeriod)?.projectCount ?? ''}プロジェクトは構成が異なります。同一名称のプロジェクトも戦略期間が異なり、対象範囲が同じとは限りません。再編されたプロジェクトは同一視せず、グループ全体の参考比較としてのみ示します。対応関係は data/project-mapping.yaml によります。`,
    };
  }

  const periodTables = trend.periods.map((p) => periodTable(ctx, periodName, p));
  unknown.push(
    ...trend.years
      .filter((y) => !dataset.projectBudgets.some((b) => b.fiscalYear === y))
      .map((y) => `${yearLabel(y)}のプロジェクト別金額`),
  );
  for (const period of trend.periods)
    for (const [i, fy] of period.years.entries()) {
      const missing = period.projects.filter((proj) => !proj.years[i]?.stated);
      if (missing.length > 0 && missing.length < period.projects.length)
        unknown.push(`${yearLabel(fy)}の${missing.map((m) => projectAsOf(dataset, m.project, fy).name).join('・')}の金額`);
    }

  const budgetSources = dataset.projectBudgets.filter((b) => trend.years.includes(b.fiscalYear)).map((b) => b.source);
  const sources = [...new Set([...trend.rows.flatMap((r) => r.sources), ...budgetSources])].sort(
    (a, b) => (dataset.documents.find((d) => d.id === a)?.editionFiscalYear ?? 0) - (dataset.documents.find((d) => d.id === b)?.editionFiscalYear ?? 0),
  );
  const docs = documentNotes(ctx, sources);
  unknown.push('資料の公表日');
  const meta = {
      lang: 'ja' as const,
      title: `医療分野の研究開発関連予算の推移（${span}）`,
      subtitle: `${yearWithWestern(first)}から${yearWithWestern(last)}までの当初予算・補正予算・省庁別内訳・統合プロジェクト`,
      runningHeader: `医療分野の研究開発関連予算の推移 ${span}`,
      subject: `医療分野の研究開発関連予算の推移 FY${first}–FY${last}`,
      keywords: ['医療分野の研究開発関連予算', 'AMED', '推移', `FY${first}`, `FY${last}`],
      sources: sourceLines(ctx, sources),
      author: authorOf(ctx, sources),
  };
  return {
    ...pageView(ctx, meta),
    span,
    sentences,
    years: trend.years.map(yearLabel),
    totals,
    totalsChart,
    ministryTables,
    ministryChart,
    projects,
    periodTables,
    notes: { ...docs, unknown, method },
  };
}
