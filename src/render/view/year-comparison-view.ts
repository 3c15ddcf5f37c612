import type { Change, ProjectFacts, ScopeComparison, SupplementaryFacts, YearComparison } from '../../compare/year-comparison.ts';
import type { ScopeId } from '../../schema/common.ts';
import {
  authorOf,
  changeText,
  ChartList,
  documentNotes,
  sourceLines,
  type BodyView,
  type Built,
  type ChartView,
  type ViewText,
} from './common.ts';

interface HeadlineCard {
  label: string;
  value: string;
  change: string;
  percent: string;
  direction: string;
  note: string;
}

export interface ScopeTable {
  name: string;
  shortName: string;
  sentence: string;
  rows: { ministry: string; current: string; base: string; change: string; percent: string; direction: string; share: string; unlisted: boolean }[];
  total: { current: string; base: string; change: string; percent: string; direction: string };
  hasUnlisted: boolean;
}

type SupplementaryView = { title: string; total: string; rows: { scope: string; amount: string; ministries: string }[]; sentence: string };
type AdjustmentFundView = { heading: string; sentence: string };
type ProjectsView = {
  heading: string;
  strategyText: string;
  focusText: string;
  rows: { number: number; name: string; total: string; amed: string; inhouse: string; fund: string }[];
  remaining: { amed: string; inhouse: string; text: string };
  totals: { amed: string; inhouse: string };
  chart: ChartView;
  baseYearNote: string;
  initiatives: { heading: string; text: string; items: string[] }[];
};

/** Headers of the tables' amount columns: in English they carry the unit the cells leave out. */
interface AmountColumns {
  current: string;
  base: string;
  change: string;
  amount: string;
  breakdown: string;
  amed: string;
  inhouse: string;
}

export interface YearComparisonView extends BodyView {
  years: { current: string; base: string; currentFull: string; baseFull: string };
  columns: AmountColumns;
  headline: { cards: HeadlineCard[]; sentences: string[] };
  scopes: ScopeTable[];
  ministryChart: ChartView;
  supplementary: SupplementaryView | null;
  adjustmentFund: AdjustmentFundView | null;
  projects: ProjectsView | null;
}

/** The two years as every section names them. */
interface Years {
  cur: string;
  base: string;
}

function fundLabel(text: ViewText, fund: 'none' | 'part' | 'whole' | 'unknown'): string {
  return fund === 'none' || fund === 'unknown' ? '' : text.strings.get(fund === 'part' ? 'yoy.fundPart' : 'yoy.fundWhole');
}

/** The name with the one used before (common.formerly) where they differ. */
function withFormerName(text: ViewText, name: string, before: string): string {
  return name === before ? name : text.strings.fill('common.formerly', { name, former: before });
}

function scopeName(text: ViewText, cmp: YearComparison, id: ScopeId): string {
  const s = cmp.scopes.find((x) => x.scope === id);
  return s ? text.locale.shortName(s.names) : id;
}

function scopeSentence(text: ViewText, s: ScopeComparison): string {
  const { strings, locale } = text;
  const name = (m: ScopeComparison['ministries'][number]) => locale.name(m.names);
  const listed = s.ministries.filter((m) => m.current !== null);
  const largest = [...listed].sort((a, b) => (b.current ?? 0) - (a.current ?? 0))[0];
  const parts: string[] = [];
  if (largest && largest.current !== null)
    parts.push(strings.fill('yoy.scopeLargest', { ministry: name(largest), value: locale.oku(largest.current), share: locale.share(largest.share) }));
  const changed = s.ministries.filter((m) => m.change && m.change.amount !== 0);
  const up = [...changed].sort((a, b) => (b.change?.amount ?? 0) - (a.change?.amount ?? 0))[0];
  const down = [...changed].sort((a, b) => (a.change?.amount ?? 0) - (b.change?.amount ?? 0))[0];
  if (up?.change && up.change.amount > 0) parts.push(strings.fill('yoy.scopeUp', { ministry: name(up), change: locale.okuChange(up.change.amount) }));
  if (down?.change && down.change.amount < 0) parts.push(strings.fill('yoy.scopeDown', { ministry: name(down), change: locale.okuChange(down.change.amount) }));
  if (changed.length === 0) parts.push(strings.get('yoy.scopeUnchanged'));
  return strings.fill('yoy.scopeSentence', { scope: locale.shortName(s.names), parts: parts.join(strings.get('common.sentenceJoin')) });
}

export function scopeTable(text: ViewText, s: ScopeComparison): ScopeTable {
  const { locale } = text;
  const total = changeText(s.change, locale);
  return {
    name: locale.name(s.names),
    shortName: locale.shortName(s.names),
    sentence: scopeSentence(text, s),
    rows: s.ministries.map((m) => {
      const c = changeText(m.change, locale);
      return {
        ministry: locale.name(m.names),
        current: locale.cell(m.current),
        base: locale.cell(m.base),
        change: c.amount,
        percent: c.percent,
        direction: c.direction,
        share: locale.share(m.share),
        unlisted: m.current === null || m.base === null,
      };
    }),
    total: { current: locale.cell(s.current), base: locale.cell(s.base), change: total.amount, percent: total.percent, direction: total.direction },
    hasUnlisted: s.ministries.some((m) => m.current === null || m.base === null),
  };
}

function card(text: ViewText, label: string, value: number | null, change: Change | null, note: string): HeadlineCard {
  const c = changeText(change, text.locale);
  return { label, value: text.locale.oku(value), change: c.amount, percent: c.percent, direction: c.direction, note };
}

function headlineSentences(text: ViewText, cmp: YearComparison): string[] {
  const { strings, locale } = text;
  const [amed, inhouse] = cmp.scopes;
  if (!amed || !inhouse) throw new Error('a year comparison always has both scopes');
  const ac = changeText(amed.change, locale);
  const ic = changeText(inhouse.change, locale);
  const tc = changeText(cmp.total.change, locale);
  return [
    strings.fill('yoy.headlineScopes', {
      amed: locale.shortName(amed.names), amedValue: locale.oku(amed.current), amedChange: ac.amount, amedPercent: ac.percent,
      inhouse: locale.shortName(inhouse.names), inhouseValue: locale.oku(inhouse.current), inhouseChange: ic.amount, inhousePercent: ic.percent,
    }),
    strings.fill('yoy.headlineTotal', { value: locale.oku(cmp.total.current), change: tc.amount, percent: tc.percent }),
  ];
}

function supplementarySection(text: ViewText, sup: SupplementaryFacts, years: Years): SupplementaryView {
  const { strings, locale } = text;
  const scope = (id: ScopeId) => sup.scopes.find((s) => s.scope === id);
  const nameOf = (id: ScopeId) => {
    const s = scope(id);
    return s ? locale.shortName(s.names) : id;
  };
  const sentence = strings.fill('yoy.supplementary', {
    year: years.base, total: locale.oku(sup.total.value),
    amed: nameOf('amed'), amedValue: locale.oku(scope('amed')?.total ?? null),
    inhouse: nameOf('inhouse'), inhouseValue: locale.oku(scope('inhouse')?.total ?? null),
  });
  return {
    title: strings.fill('heading.supplementary', { year: years.base }),
    total: locale.cell(sup.total.value),
    rows: sup.scopes.map((s) => ({
      scope: locale.shortName(s.names),
      amount: locale.cell(s.total),
      ministries: locale.list(s.ministries.map((m) => `${locale.shortName(m.names)} ${locale.cell(m.amount)}`)) || locale.unstated,
    })),
    sentence,
  };
}

function adjustmentFundSection(text: ViewText, f: NonNullable<YearComparison['adjustmentFund']>): AdjustmentFundView {
  const { strings, locale } = text;
  const name = locale.lang === 'ja' ? f.name : f.nameEn;
  return {
    heading: strings.fill('heading.adjustmentFund', { name }),
    sentence: strings.fill('yoy.adjustmentFund', { ministry: locale.name(f.ministryNames), name, total: locale.oku(f.total), share: locale.oku(f.medicalShare) }),
  };
}

function ministryChart(text: ViewText, cmp: YearComparison, years: Years, charts: ChartList): ChartView {
  const { strings, locale } = text;
  const rows = cmp.scopes.flatMap((s) =>
    s.ministries.flatMap((m) =>
      ([[years.base, m.base], [years.cur, m.current]] as const).flatMap(([year, amount]) =>
        amount === null ? [] : [{ scope: locale.shortName(s.names), ministry: locale.shortName(m.names), year, amount, label: locale.oku(amount) }],
      ),
    ),
  );
  return charts.add(
    'ministry-comparison',
    rows,
    strings.fill('yoy.chartMinistriesAlt', {
      base: years.base, year: years.cur,
      details: cmp.scopes
        .map((s) => `${locale.shortName(s.names)}: ${locale.list(s.ministries.map((m) => `${locale.shortName(m.names)} ${locale.oku(m.base)}→${locale.oku(m.current)}`))}`)
        .join(' / '),
    }),
    strings.fill('yoy.chartMinistriesCaption', { base: years.base, year: years.cur }),
  );
}

function projectsSection(text: ViewText, cmp: YearComparison, pb: ProjectFacts, years: Years, charts: ChartList): ProjectsView {
  const { strings, locale } = text;
  const remainingOf: NonNullable<ProjectFacts['remaining']> = pb.remaining ?? { amed: 'unknown', inhouse: 'unknown' };
  const period = pb.periodFacts;
  const periodName = period ? `${locale.name(period.names)}, ${locale.year(period.from)}–${locale.year(period.to)}` : String(pb.period);
  const [amed, inhouse] = cmp.scopes;
  // The label is the printed total, not the sum of the stacked parts (308 + 46 ≠ 355 after rounding).
  const chartData = pb.rows.flatMap((r) => {
    const label = `${r.number} ${locale.shortName(r.names)}${r.total === null ? ` (${fundLabel(text, r.fundBased)})` : ''}`;
    const shared = { project: label, order: r.number, total: r.total ?? 0, totalLabel: r.total === null ? strings.get('yoy.amountUnstated') : locale.oku(r.total) };
    return [
      { ...shared, part: scopeName(text, cmp, 'amed'), amount: r.amed ?? 0, first: true },
      { ...shared, part: strings.get('table.inhouse'), amount: r.inhouse ?? 0, first: false },
    ];
  });
  return {
    heading: strings.fill('heading.projects', { period: periodName }),
    strategyText: pb.strategyText ?? '',
    focusText: pb.focusText ?? '',
    // Renamed since the base year: the reader compares with last year's document, which used the old name.
    rows: pb.rows.map((r) => ({
      number: r.number,
      name: withFormerName(text, locale.name(r.names), locale.name(r.baseNames)),
      total: r.total === null ? strings.fill('yoy.fundAmountUnstated', { fund: fundLabel(text, r.fundBased) }) : locale.cell(r.total),
      amed: locale.cell(r.amed),
      inhouse: r.inhouse === 0 ? '—' : locale.cell(r.inhouse),
      fund: fundLabel(text, r.fundBased),
    })),
    remaining: {
      amed: locale.cell(remainingOf.amed === 'unknown' ? null : remainingOf.amed),
      inhouse: locale.cell(remainingOf.inhouse === 'unknown' ? null : remainingOf.inhouse),
      text: remainingOf.text ?? strings.get('yoy.remainingUnstated'),
    },
    totals: { amed: locale.cell(amed?.current ?? null), inhouse: locale.cell(inhouse?.current ?? null) },
    chart: charts.add(
      'project-split',
      chartData,
      strings.fill('yoy.chartProjectsAlt', { year: years.cur, details: locale.list(pb.rows.map((r) => `${locale.shortName(r.names)} ${locale.oku(r.total)}`)) }),
      strings.fill('yoy.chartProjectsCaption', { year: years.cur }),
    ),
    baseYearNote: pb.baseStated ? '' : strings.fill('yoy.baseYearProjects', { base: years.base }),
    initiatives: pb.rows.map((r) => {
      const split =
        r.total === null
          ? strings.fill('yoy.initiativeFund', { fund: fundLabel(text, r.fundBased) })
          : r.inhouse
            ? strings.fill('yoy.initiativeSplit', { total: locale.oku(r.total), amed: locale.oku(r.amed), inhouse: locale.oku(r.inhouse) })
            : strings.fill('yoy.initiativeAmed', { total: locale.oku(r.total) });
      return { heading: `${r.number}. ${locale.name(r.names)} ${split}`, text: r.initiatives?.text ?? locale.unstated, items: r.initiatives?.items ?? [] };
    }),
  };
}

/** How each figure was arrived at: computed totals, shares and changes. */
function methodNotes(text: ViewText, cmp: YearComparison): string[] {
  const { strings, locale } = text;
  const method = [strings.get('note.totalComputed'), strings.get('note.sharesComputed')];
  const computed = cmp.scopes.filter((s) => s.change && !s.change.printed);
  if (computed.length > 0) method.push(strings.fill('note.changeComputed', { scopes: locale.list(computed.map((s) => locale.shortName(s.names))) }));
  if (strings.get('note.originalLanguage')) method.push(strings.get('note.originalLanguage'));
  if (cmp.supplementary && !cmp.supplementary.total.printed) method.push(strings.get('note.supplementaryComputed'));
  return method;
}

/** What the documents do not state, in the order the sections show it. */
function unknownNotes(text: ViewText, cmp: YearComparison, years: Years): string[] {
  const { strings, locale } = text;
  const unknown: string[] = [];
  // A partial edition may not state a scope: say which, as every other gap.
  for (const s of cmp.scopes)
    for (const [year, value] of [[years.cur, s.current], [years.base, s.base]] as const)
      if (value === null) unknown.push(strings.fill('note.unknownScope', { year, scope: locale.shortName(s.names) }));
  if (!cmp.supplementary) unknown.push(strings.fill('note.unknownSupplementary', { year: years.base }));
  unknown.push(strings.fill('note.unknownSupplementary', { year: years.cur }));
  if (!cmp.adjustmentFund) unknown.push(strings.fill('note.unknownAdjustment', { year: years.cur }));
  const pb = cmp.projects;
  if (pb) {
    const remaining = pb.remaining ?? { amed: 'unknown', inhouse: 'unknown' };
    for (const r of pb.rows.filter((x) => x.total === null))
      unknown.push(strings.fill('note.unknownProjectAmount', { project: locale.name(r.names), fund: fundLabel(text, r.fundBased) }));
    if (remaining.amed === 'unknown' || remaining.inhouse === 'unknown') unknown.push(strings.fill('note.unknownRemaining', { year: years.cur }));
    if (!pb.baseStated) unknown.push(strings.fill('note.unknownProjects', { year: years.base }));
  } else unknown.push(strings.fill('note.unknownProjects', { year: years.cur }));
  unknown.push(strings.get('note.unknownPublished'));
  return unknown;
}

function headlineCards(text: ViewText, cmp: YearComparison, years: Years): HeadlineCard[] {
  const { strings, locale } = text;
  const baseNote = (value: number | null) => strings.fill('yoy.cardBase', { year: years.base, value: locale.oku(value) });
  return [
    ...cmp.scopes.map((s) => card(text, locale.shortName(s.names), s.current, s.change, baseNote(s.base))),
    card(text, strings.get('yoy.cardTotal'), cmp.total.current, cmp.total.change, baseNote(cmp.total.base)),
    ...(cmp.supplementary
      ? [{ label: strings.fill('yoy.cardSupplementary', { year: years.base }), value: locale.oku(cmp.supplementary.total.value), change: '', percent: '', direction: 'none', note: strings.get('yoy.cardSupplementaryNote') }]
      : []),
  ];
}

/** The year comparison: headline, ministries, supplementary budget, adjustment fund and projects. */
export function buildYearComparisonView(cmp: YearComparison, text: ViewText): Built<YearComparisonView> {
  const { strings, locale } = text;
  const charts = new ChartList();
  const years: Years = { cur: locale.year(cmp.fiscalYear), base: locale.year(cmp.baseFiscalYear) };
  const { cur, base } = years;
  const supplementary = cmp.supplementary ? supplementarySection(text, cmp.supplementary, years) : null;
  const adjustmentFund = cmp.adjustmentFund ? adjustmentFundSection(text, cmp.adjustmentFund) : null;
  const sentences = [...headlineSentences(text, cmp), ...(supplementary ? [supplementary.sentence] : []), ...(adjustmentFund ? [adjustmentFund.sentence] : [])];
  const scopes = cmp.scopes.map((s) => scopeTable(text, s));
  const chart = ministryChart(text, cmp, years, charts);
  const projects = cmp.projects ? projectsSection(text, cmp, cmp.projects, years, charts) : null;
  const view: YearComparisonView = {
    meta: {
      lang: locale.lang,
      title: strings.fill('yoy.title', { year: cur, base }),
      subtitle: strings.fill('yoy.subtitle', { yearFull: locale.yearFull(cmp.fiscalYear), baseFull: locale.yearFull(cmp.baseFiscalYear) }),
      runningHeader: strings.fill('yoy.runningHeader', { year: cur, base }),
      subject: strings.fill('yoy.subject', { year: cur, base, fy: cmp.fiscalYear, baseFy: cmp.baseFiscalYear }),
      keywords: [strings.get('common.keyword'), 'AMED', cur, base, `FY${cmp.fiscalYear}`, `FY${cmp.baseFiscalYear}`],
      sources: sourceLines(text, cmp.documents, cmp.sources),
      author: authorOf(locale, cmp.documents),
    },
    years: { current: cur, base, currentFull: locale.yearFull(cmp.fiscalYear), baseFull: locale.yearFull(cmp.baseFiscalYear) },
    columns: {
      current: locale.column(cur),
      base: locale.column(base),
      change: locale.column(strings.get('table.change')),
      amount: locale.column(strings.get('table.amount')),
      breakdown: locale.column(strings.get('table.breakdown')),
      amed: locale.column(strings.get('table.amed')),
      inhouse: locale.column(strings.get('table.inhouse')),
    },
    headline: { cards: headlineCards(text, cmp, years), sentences },
    scopes,
    ministryChart: chart,
    supplementary,
    adjustmentFund,
    projects,
    notes: { ...documentNotes(text, cmp.documents), unknown: unknownNotes(text, cmp, years), method: methodNotes(text, cmp) },
  };
  return { view, charts: charts.requests };
}
