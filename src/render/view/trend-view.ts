import type { PeriodProjects, ProjectTransition, Trend, TrendYear } from '../../compare/trend.ts';
import { computeChange } from '../../compare/year-comparison.ts';
import { SCOPES } from '../../compare/lookup.ts';
import type { ScopeId } from '../../schema/common.ts';
import type { ChartRow } from '../../chart/render-chart.ts';
import {
  authorOf,
  changeText,
  ChartList,
  documentNotes,
  nameWithFormer,
  sourceLines,
  type BodyView,
  type Built,
  type ChartView,
  type NoteList,
  type ViewText,
} from './common.ts';

export interface TrendView extends BodyView {
  span: string;
  sentences: string[];
  years: string[];
  /** Headers of the tables' amount columns: in English they carry the unit the cells leave out. */
  columns: { initial: string; supplementary: string; years: string[] };
  totals: { year: string; amed: string; inhouse: string; total: string; supAmed: string; supInhouse: string; supTotal: string }[];
  totalsChart: ChartView;
  ministryTables: { scope: string; rows: { ministry: string; values: string[] }[] }[];
  ministryChart: ChartView;
  projects: {
    heading: string;
    fromLabel: string;
    toLabel: string;
    columns: { from: string; to: string; change: string };
    rows: { kind: string; likeForLike: boolean; from: string[]; to: string[]; fromTotal: string; toTotal: string; change: string; percent: string; comparison: string; note: string }[];
    chart: ChartView;
    caveat: string;
  } | null;
  periodTables: PeriodTable[];
}

/** Every year's figures of one strategy period's projects, with the change from the year before. */
export interface PeriodTable {
  heading: string;
  years: string[];
  /** The years as the table's headers, which in English carry the unit the cells leave out. */
  columns: string[];
  rows: { number: number; name: string; cells: { amount: string; split: string; change: string; stated: boolean }[] }[];
  note: string;
}

const KIND_KEY: Record<ProjectTransition['kind'], string> = {
  same: 'trend.kindSame',
  successor: 'trend.kindSuccessor',
  group: 'trend.kindGroup',
  new: 'trend.kindNew',
  ended: 'trend.kindEnded',
};

const sumOrNull = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : a + b);

/** One scope's initial budget from the first to the last year that states it. */
function spanSentence(text: ViewText, trend: Trend, scope: ScopeId): string | null {
  const { strings, locale } = text;
  const known = trend.rows.flatMap((r) => {
    const value = r.initial?.[scope];
    return value === undefined || value === null ? [] : [{ fiscalYear: r.fiscalYear, value }];
  });
  const first = known[0];
  const last = known.at(-1);
  if (!first || !last || first === last) return null;
  const c = changeText(computeChange(last.value, first.value), locale);
  return strings.fill('trend.spanSentence', {
    scope: locale.shortName(trend.scopes[scope]),
    from: locale.year(first.fiscalYear),
    first: locale.oku(first.value),
    to: locale.year(last.fiscalYear),
    last: locale.oku(last.value),
    change: c.amount,
    percent: c.percent,
  });
}

function overviewSentences(text: ViewText, trend: Trend): string[] {
  const { strings, locale } = text;
  const sentences = SCOPES.map((s) => spanSentence(text, trend, s)).filter((s): s is string => s !== null);
  const stated = trend.rows.filter((r) => r.supplementary);
  const unstated = trend.rows.filter((r) => !r.supplementary);
  if (stated.length > 0)
    sentences.push(
      strings.fill('trend.supplementarySentence', {
        list: locale.list(stated.map((r) => strings.fill('trend.supplementaryItem', { year: locale.year(r.fiscalYear), value: locale.oku(r.supplementary?.total ?? null) }))),
      }) +
        (unstated.length
          ? strings.fill('trend.supplementaryUnstated', { years: unstated.map((r) => locale.year(r.fiscalYear)).join(strings.get('common.nameJoin')) })
          : ''),
    );
  return sentences;
}

const initialTotal = (r: TrendYear): number | null => (r.initial ? sumOrNull(r.initial.amed, r.initial.inhouse) : null);

function totalsTable(text: ViewText, trend: Trend): TrendView['totals'] {
  const { locale } = text;
  return trend.rows.map((r) => ({
    year: locale.year(r.fiscalYear),
    amed: locale.cell(r.initial?.amed ?? null),
    inhouse: locale.cell(r.initial?.inhouse ?? null),
    total: locale.cell(initialTotal(r)),
    supAmed: locale.cell(r.supplementary?.amed ?? null),
    supInhouse: locale.cell(r.supplementary?.inhouse ?? null),
    supTotal: locale.cell(r.supplementary?.total ?? null),
  }));
}

/**
 * Bars for the stated parts; one label per budget: its total, or what is missing, so that a year
 * stated only in part is never read as a full total.
 */
function totalsChartRows(text: ViewText, trend: Trend): ChartRow[] {
  const { strings, locale } = text;
  return trend.rows.flatMap((r: TrendYear) =>
    (['initial', 'supplementary'] as const).flatMap((type): ChartRow[] => {
      const pair = r[type];
      const typeLabel = strings.get(type === 'initial' ? 'trend.initialShort' : 'trend.supplementaryShort');
      const at = { year: locale.year(r.fiscalYear), fiscalYear: r.fiscalYear, type: typeLabel };
      if (!pair) return [{ ...at, part: 'label', amount: 0, note: locale.unstated, label: strings.fill('trend.chartUnstated', { type: typeLabel, unstated: locale.unstated }) }];
      const bars = SCOPES.flatMap((s) => {
        const amount = pair[s];
        return amount === null ? [] : [{ ...at, part: locale.shortName(trend.scopes[s]), amount, note: null, label: null }];
      });
      const stated = bars.reduce((sum, b) => sum + b.amount, 0);
      const missing = SCOPES.filter((s) => pair[s] === null).map((s) => strings.get(s === 'amed' ? 'trend.chartAmed' : 'trend.chartInhouse'));
      const label = missing.length
        ? strings.fill('trend.chartPartLabel', { value: locale.number(stated), missing: missing.join(strings.get('common.nameJoin')), unstated: locale.unstated })
        : locale.number(stated);
      return [...bars, { ...at, part: 'label', amount: stated, note: missing.length ? locale.unstated : null, label }];
    }),
  );
}

function ministrySection(text: ViewText, trend: Trend, span: string, charts: ChartList): Pick<TrendView, 'ministryTables' | 'ministryChart'> {
  const { strings, locale } = text;
  // Under the name of the trend's last year, with the names they had before.
  const fullName = (m: Trend['ministries'][number]) => nameWithFormer(text, m.names.map((n) => locale.name(n)));
  const shortNow = (m: Trend['ministries'][number]) => locale.shortName(m.latest);
  const ministryTables = SCOPES.map((s) => ({
    scope: locale.shortName(trend.scopes[s]),
    rows: trend.ministries.filter((m) => m.scope === s).map((m) => ({ ministry: fullName(m), values: m.values.map((v) => locale.cell(v)) })),
  }));
  // Unstated years stay in the data (amount null): the axis keeps every year and the lines break there.
  const rows = trend.ministries.flatMap((m) =>
    m.values.map((v, i) => ({
      scope: locale.shortName(trend.scopes[m.scope]),
      ministry: shortNow(m),
      year: locale.year(trend.years[i] ?? 0),
      fiscalYear: trend.years[i] ?? 0,
      amount: v,
    })),
  );
  const ministryChart = charts.add(
    'trend-ministries',
    rows,
    strings.fill('trend.ministriesAlt', {
      details: trend.ministries
        .map((m) => strings.fill('trend.ministriesAltItem', { scope: locale.shortName(trend.scopes[m.scope]), ministry: shortNow(m), values: m.values.map((v) => locale.oku(v)).join('→') }))
        .join(strings.get('trend.altJoin')),
    }),
    strings.fill('trend.ministriesCaption', { span }),
  );
  return { ministryTables, ministryChart };
}

function comparisonOf(text: ViewText, t: ProjectTransition): string {
  const { strings } = text;
  if (t.likeForLike) return strings.get('trend.comparisonSame');
  if (t.change) return strings.get('trend.comparisonRestructured');
  if (t.kind === 'new' || t.kind === 'ended') return strings.get('trend.comparisonNone');
  return strings.get('trend.comparisonUnstated');
}

function projectsSection(text: ViewText, trend: Trend, charts: ChartList): TrendView['projects'] {
  const { strings, locale } = text;
  const p = trend.projects;
  if (!p) return null;
  const periodLabel = (fy: number, period: typeof p.fromPeriod) => strings.fill('trend.periodYear', { year: locale.year(fy), period: locale.name(period.names) });
  const fromLabel = periodLabel(p.fromYear, p.fromPeriod);
  const toLabel = periodLabel(p.toYear, p.toPeriod);
  const listed = (list: ProjectTransition['from'], amount: (v: number | null) => string) =>
    list.map((x) => strings.fill('trend.projectAmount', { project: locale.name(x.names), value: amount(x.amount) }));
  const rows = p.transitions.map((t) => {
    const c = changeText(t.change, locale);
    return {
      kind: strings.get(KIND_KEY[t.kind]),
      likeForLike: t.likeForLike,
      from: listed(t.from, locale.cell),
      to: listed(t.to, locale.cell),
      fromTotal: t.from.length ? locale.cell(t.fromTotal) : '—',
      toTotal: t.to.length ? locale.cell(t.toTotal) : '—',
      change: t.change ? c.amount : '—',
      percent: t.change ? c.percent : '—',
      comparison: comparisonOf(text, t),
      note: t.note ? locale.name(t.note) : strings.get(t.kind === 'new' ? 'trend.noteNew' : 'trend.noteEnded'),
    };
  });
  const chartRows = p.transitions.flatMap((t, i) => {
    // Lines on the axis (split at "|"): the kind, then the projects on each side.
    const side = (list: ProjectTransition['from']) => list.map((x) => locale.shortName(x.names)).join(strings.get('trend.projectJoin')) || '—';
    const kind = strings.get(KIND_KEY[t.kind]);
    const label = `${kind}|${t.kind === 'same' ? side(t.to) : `${side(t.from)}|→ ${side(t.to)}`}`;
    return [
      ...(t.fromTotal !== null && t.from.length ? [{ row: label, order: i, year: locale.year(p.fromYear), fiscalYear: p.fromYear, amount: t.fromTotal, label: locale.oku(t.fromTotal) }] : []),
      ...(t.toTotal !== null && t.to.length ? [{ row: label, order: i, year: locale.year(p.toYear), fiscalYear: p.toYear, amount: t.toTotal, label: locale.oku(t.toTotal) }] : []),
    ];
  });
  const years = { from: locale.year(p.fromYear), to: locale.year(p.toYear) };
  return {
    heading: strings.fill('trend.projectsHeading', { from: fromLabel, to: toLabel }),
    fromLabel,
    toLabel,
    columns: { from: locale.column(fromLabel), to: locale.column(toLabel), change: locale.column(strings.get('table.change')) },
    rows,
    chart: charts.add(
      'projects-across-periods',
      chartRows,
      strings.fill('trend.projectsAlt', {
        ...years,
        // The alt text has no column headers to name the unit: its amounts keep theirs.
        details: p.transitions
          .map((t) => strings.fill('trend.projectsAltItem', { kind: strings.get(KIND_KEY[t.kind]), projects: locale.list([...listed(t.from, locale.oku), ...listed(t.to, locale.oku)]) }))
          .join(strings.get('trend.altJoin')),
      }),
      strings.fill('trend.projectsCaption', years),
    ),
    caveat: strings.fill('trend.projectsCaveat', {
      fromPeriod: locale.name(p.fromPeriod.names),
      fromCount: p.fromPeriod.projectCount,
      toPeriod: locale.name(p.toPeriod.names),
      toCount: p.toPeriod.projectCount,
    }),
  };
}

function periodTable(text: ViewText, p: PeriodProjects): PeriodTable {
  const { strings, locale } = text;
  const rows = p.projects.map((proj) => {
    const stated = proj.years.filter((y) => y.stated).map((y) => locale.name(y.names));
    return {
      number: proj.number,
      name: stated.length ? nameWithFormer(text, stated) : locale.name(proj.names),
      cells: proj.years.map((y) => {
        const c = changeText(y.change, locale);
        const since = y.change && y.changeFrom !== null && y.changeFrom !== y.fiscalYear - 1 ? strings.fill('trend.sinceYear', { year: locale.year(y.changeFrom) }) : '';
        return {
          stated: y.stated,
          amount: !y.stated ? locale.unstated : y.total === null ? (y.fundBased === 'whole' ? strings.get('trend.fundNoAmount') : locale.unstated) : locale.cell(y.total),
          split: y.total !== null && y.amed !== null && y.inhouse ? strings.fill('trend.split', { amed: locale.cell(y.amed), inhouse: locale.cell(y.inhouse) }) : '',
          change: y.change ? strings.fill('trend.cellChange', { change: c.amount, percent: c.percent, since }) : '',
        };
      }),
    };
  });
  return {
    heading: strings.fill('trend.periodHeading', { period: locale.name(p.period.names), from: locale.year(p.years[0] ?? 0), to: locale.year(p.years.at(-1) ?? 0) }),
    years: p.years.map((y) => locale.year(y)),
    columns: p.years.map((y) => locale.column(locale.year(y))),
    rows,
    note: strings.get('trend.periodNote'),
  };
}

/** What the documents do not state, year by year: budgets, scopes, project amounts. */
function unknownNotes(text: ViewText, trend: Trend): string[] {
  const { strings, locale } = text;
  const unknown: string[] = [];
  for (const r of trend.rows) {
    if (!r.initial) unknown.push(strings.fill('note.unknownInitial', { year: locale.year(r.fiscalYear) }));
    if (!r.supplementary) unknown.push(strings.fill('note.unknownSupplementary', { year: locale.year(r.fiscalYear) }));
  }
  for (const r of trend.rows)
    for (const s of SCOPES)
      if (r.initial && r.initial[s] === null) unknown.push(strings.fill('note.unknownScope', { year: locale.year(r.fiscalYear), scope: locale.shortName(trend.scopes[s]) }));
  unknown.push(...trend.yearsWithoutProjects.map((y) => strings.fill('note.unknownProjects', { year: locale.year(y) })));
  for (const period of trend.periods)
    for (const [i, fy] of period.years.entries()) {
      const missing = period.projects.filter((proj) => !proj.years[i]?.stated);
      if (missing.length > 0 && missing.length < period.projects.length)
        unknown.push(
          strings.fill('note.unknownProjectYear', {
            year: locale.year(fy),
            projects: missing.map((m) => locale.name(m.years[i]?.names ?? m.names)).join(strings.get('common.nameJoin')),
          }),
        );
    }
  unknown.push(strings.get('note.unknownPublished'));
  return unknown;
}

/** The trend briefing: totals, ministries and projects over a span of years, in the edition's language. */
export function buildTrendView(trend: Trend, text: ViewText): Built<TrendView> {
  const { strings, locale } = text;
  const charts = new ChartList();
  const first = trend.years[0] ?? 0;
  const last = trend.years.at(-1) ?? 0;
  const span = strings.fill('trend.span', { from: locale.year(first), to: locale.year(last) });
  const totals = totalsTable(text, trend);
  const totalsChart = charts.add(
    'trend-totals',
    totalsChartRows(text, trend),
    strings.fill('trend.totalsAlt', {
      details: locale.list(
        trend.rows.map((r) =>
          strings.fill('trend.totalsAltItem', { year: locale.year(r.fiscalYear), initial: locale.oku(initialTotal(r)), supplementary: locale.oku(r.supplementary?.total ?? null) }),
        ),
      ),
    }),
    strings.fill('trend.totalsCaption', { span }),
  );
  const ministries = ministrySection(text, trend, span, charts);
  const projects = projectsSection(text, trend, charts);
  const notes: NoteList = {
    ...documentNotes(text, trend.documents),
    unknown: unknownNotes(text, trend),
    method: [strings.get('trend.methodTotal'), strings.get('trend.methodApart')],
  };
  if (strings.get('note.originalLanguage')) notes.method.push(strings.get('note.originalLanguage'));
  const vars = { span, from: locale.year(first), to: locale.year(last), fromFull: locale.yearFull(first), toFull: locale.yearFull(last), fy: first, toFy: last };
  const view: TrendView = {
    meta: {
      lang: locale.lang,
      title: strings.fill('trend.title', vars),
      subtitle: strings.fill('trend.subtitle', vars),
      runningHeader: strings.fill('trend.runningHeader', vars),
      subject: strings.fill('trend.subject', vars),
      keywords: [strings.get('common.keyword'), 'AMED', strings.get('trend.keyword'), `FY${first}`, `FY${last}`],
      sources: sourceLines(text, trend.documents, trend.sources),
      author: authorOf(locale, trend.documents),
    },
    span,
    sentences: overviewSentences(text, trend),
    years: trend.years.map((y) => locale.year(y)),
    columns: {
      initial: locale.column(strings.get('table.initial')),
      supplementary: locale.column(strings.get('table.supplementary')),
      years: trend.years.map((y) => locale.column(locale.year(y))),
    },
    totals,
    totalsChart,
    ...ministries,
    projects,
    periodTables: trend.periods.map((p) => periodTable(text, p)),
    notes,
  };
  return { view, charts: charts.requests };
}
