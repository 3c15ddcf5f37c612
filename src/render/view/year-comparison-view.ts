import type { Change, ScopeComparison, YearComparison } from '../../compare/year-comparison.ts';
import { scope as scopeInfo, scopeFigure } from '../../compare/lookup.ts';
import { ministryAsOf, projectAsOf } from '../../compare/names.ts';
import type { MinistryCode } from '../../schema/common.ts';
import {
  authorOf,
  changeText,
  chartView,
  documentNotes,
  pageView,
  sourceLines,
  type ChartView,
  type NoteList,
  type PageView,
  type ViewContext,
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

export interface YearComparisonView extends PageView {
  years: { current: string; base: string; currentFull: string; baseFull: string };
  headline: { cards: HeadlineCard[]; sentences: string[] };
  scopes: ScopeTable[];
  ministryChart: ChartView;
  supplementary: { title: string; total: string; rows: { scope: string; amount: string; ministries: string }[]; sentence: string } | null;
  adjustmentFund: { heading: string; sentence: string } | null;
  projects: {
    heading: string;
    strategyText: string;
    focusText: string;
    rows: { number: number; name: string; total: string; amed: string; inhouse: string; fund: string }[];
    remaining: { amed: string; inhouse: string; text: string };
    totals: { amed: string; inhouse: string };
    chart: ChartView;
    baseYearNote: string;
    initiatives: { heading: string; text: string; items: string[] }[];
  } | null;
  notes: NoteList;
}

function fundLabel(ctx: ViewContext, fund: 'none' | 'part' | 'whole' | 'unknown'): string {
  return fund === 'none' || fund === 'unknown' ? '' : ctx.strings.get(fund === 'part' ? 'yoy.fundPart' : 'yoy.fundWhole');
}

/** 「名称（旧称 …）」 where the name differs from the one used before. */
function withFormerName(ctx: ViewContext, name: string, before: string): string {
  return name === before ? name : ctx.strings.fill('common.formerly', { name, former: before });
}

/** Names as in force in the year compared, so a later rename does not reach back. */
const ministryIn = (ctx: ViewContext, fiscalYear: number) => (code: MinistryCode) => ministryAsOf(ctx.dataset, code, fiscalYear);

function scopeSentence(ctx: ViewContext, s: ScopeComparison, fiscalYear: number): string {
  const { strings, locale, dataset } = ctx;
  const ministry = ministryIn(ctx, fiscalYear);
  const name = (code: MinistryCode) => locale.name(ministry(code));
  const listed = s.ministries.filter((m) => m.current !== null);
  const largest = [...listed].sort((a, b) => (b.current ?? 0) - (a.current ?? 0))[0];
  const parts: string[] = [];
  if (largest && largest.current !== null)
    parts.push(strings.fill('yoy.scopeLargest', { ministry: name(largest.code), value: locale.oku(largest.current), share: locale.share(largest.share) }));
  const changed = s.ministries.filter((m) => m.change && m.change.amount !== 0);
  const up = [...changed].sort((a, b) => (b.change?.amount ?? 0) - (a.change?.amount ?? 0))[0];
  const down = [...changed].sort((a, b) => (a.change?.amount ?? 0) - (b.change?.amount ?? 0))[0];
  if (up?.change && up.change.amount > 0) parts.push(strings.fill('yoy.scopeUp', { ministry: name(up.code), change: locale.okuChange(up.change.amount) }));
  if (down?.change && down.change.amount < 0) parts.push(strings.fill('yoy.scopeDown', { ministry: name(down.code), change: locale.okuChange(down.change.amount) }));
  if (changed.length === 0) parts.push(strings.get('yoy.scopeUnchanged'));
  return strings.fill('yoy.scopeSentence', { scope: locale.shortName(scopeInfo(dataset, s.scope)), parts: parts.join(strings.get('common.sentenceJoin')) });
}

export function scopeTable(ctx: ViewContext, s: ScopeComparison, fiscalYear: number): ScopeTable {
  const { locale, dataset } = ctx;
  const ministry = ministryIn(ctx, fiscalYear);
  const info = scopeInfo(dataset, s.scope);
  const total = changeText(s.change, locale);
  return {
    name: locale.name(info),
    shortName: locale.shortName(info),
    sentence: scopeSentence(ctx, s, fiscalYear),
    rows: s.ministries.map((m) => {
      const c = changeText(m.change, locale);
      return {
        ministry: locale.name(ministry(m.code)),
        current: locale.oku(m.current),
        base: locale.oku(m.base),
        change: c.amount,
        percent: c.percent,
        direction: c.direction,
        share: locale.share(m.share),
        unlisted: m.current === null || m.base === null,
      };
    }),
    total: { current: locale.oku(s.current), base: locale.oku(s.base), change: total.amount, percent: total.percent, direction: total.direction },
    hasUnlisted: s.ministries.some((m) => m.current === null || m.base === null),
  };
}

function card(ctx: ViewContext, label: string, value: number | null, change: Change | null, note: string): HeadlineCard {
  const c = changeText(change, ctx.locale);
  return { label, value: ctx.locale.oku(value), change: c.amount, percent: c.percent, direction: c.direction, note };
}

export async function buildYearComparisonView(ctx: ViewContext, cmp: YearComparison): Promise<YearComparisonView> {
  const { dataset, locale, strings } = ctx;
  const cur = locale.year(cmp.fiscalYear);
  const base = locale.year(cmp.baseFiscalYear);
  const [amed, inhouse] = cmp.scopes;
  if (!amed || !inhouse) throw new Error('a year comparison always has both scopes');
  const scopeName = (id: 'amed' | 'inhouse') => locale.shortName(scopeInfo(dataset, id));
  const ministry = ministryIn(ctx, cmp.fiscalYear);
  const project = (id: string) => projectAsOf(dataset, id, cmp.fiscalYear, cmp.projects ?? undefined);
  const unknown: string[] = [];
  const method = [strings.get('note.totalComputed'), strings.get('note.sharesComputed')];
  const computed = cmp.scopes.filter((s) => s.change && !s.change.printed);
  // A partial edition may not state a scope: say which, as every other gap.
  for (const s of cmp.scopes)
    for (const [year, value] of [[cur, s.current], [base, s.base]] as const)
      if (value === null) unknown.push(strings.fill('note.unknownScope', { year, scope: scopeName(s.scope) }));
  if (computed.length > 0) method.push(strings.fill('note.changeComputed', { scopes: locale.list(computed.map((s) => scopeName(s.scope))) }));
  if (strings.get('note.originalLanguage')) method.push(strings.get('note.originalLanguage'));

  const ac = changeText(amed.change, locale);
  const ic = changeText(inhouse.change, locale);
  const tc = changeText(cmp.total.change, locale);
  const sentences = [
    strings.fill('yoy.headlineScopes', {
      amed: scopeName('amed'), amedValue: locale.oku(amed.current), amedChange: ac.amount, amedPercent: ac.percent,
      inhouse: scopeName('inhouse'), inhouseValue: locale.oku(inhouse.current), inhouseChange: ic.amount, inhousePercent: ic.percent,
    }),
    strings.fill('yoy.headlineTotal', { value: locale.oku(cmp.total.current), change: tc.amount, percent: tc.percent }),
  ];

  let supplementary: YearComparisonView['supplementary'] = null;
  if (cmp.supplementary) {
    const sup = cmp.supplementary;
    const supAmed = scopeFigure(sup, 'amed');
    const supInhouse = scopeFigure(sup, 'inhouse');
    const total = sup.total ?? (supAmed && supInhouse ? supAmed.total + supInhouse.total : null);
    const breakdown = (s: 'amed' | 'inhouse') =>
      locale.list(
        Object.entries(scopeFigure(sup, s)?.ministries ?? {}).flatMap(([code, v]) => {
          const known = dataset.reference.ministries.find((m) => m.code === code);
          return known ? [`${locale.shortName(ministry(known.code))} ${locale.oku(v)}`] : [];
        }),
      );
    const sentence = strings.fill('yoy.supplementary', {
      year: base, total: locale.oku(total),
      amed: scopeName('amed'), amedValue: locale.oku(supAmed?.total ?? null),
      inhouse: scopeName('inhouse'), inhouseValue: locale.oku(supInhouse?.total ?? null),
    });
    supplementary = {
      title: strings.fill('heading.supplementary', { year: base }),
      total: locale.oku(total),
      rows: (['amed', 'inhouse'] as const).map((s) => ({ scope: scopeName(s), amount: locale.oku(scopeFigure(sup, s)?.total ?? null), ministries: breakdown(s) || locale.unstated })),
      sentence,
    };
    sentences.push(sentence);
    if (sup.total === undefined) method.push(strings.get('note.supplementaryComputed'));
  } else unknown.push(strings.fill('note.unknownSupplementary', { year: base }));
  unknown.push(strings.fill('note.unknownSupplementary', { year: cur }));

  let adjustmentFund: YearComparisonView['adjustmentFund'] = null;
  if (cmp.adjustmentFund) {
    const f = cmp.adjustmentFund;
    const name = locale.lang === 'ja' ? f.name : f.nameEn;
    const sentence = strings.fill('yoy.adjustmentFund', {
      ministry: locale.name(ministry(f.ministry)), name, total: locale.oku(f.total), share: locale.oku(f.medicalShare),
    });
    adjustmentFund = { heading: strings.fill('heading.adjustmentFund', { name }), sentence };
    sentences.push(sentence);
  } else unknown.push(strings.fill('note.unknownAdjustment', { year: cur }));

  const chartRows = cmp.scopes.flatMap((s) =>
    s.ministries.flatMap((m) =>
      ([[base, m.base], [cur, m.current]] as const).flatMap(([year, amount]) =>
        amount === null ? [] : [{ scope: scopeName(s.scope), ministry: locale.shortName(ministry(m.code)), year, amount, label: locale.oku(amount) }],
      ),
    ),
  );
  const ministryChart = await chartView(
    ctx,
    'ministry-comparison',
    chartRows,
    strings.fill('yoy.chartMinistriesAlt', {
      base, year: cur,
      details: cmp.scopes
        .map((s) => `${scopeName(s.scope)}: ${locale.list(s.ministries.map((m) => `${locale.shortName(ministry(m.code))} ${locale.oku(m.base)}→${locale.oku(m.current)}`))}`)
        .join(' / '),
    }),
    strings.fill('yoy.chartMinistriesCaption', { base, year: cur }),
  );

  let projects: YearComparisonView['projects'] = null;
  const pb = cmp.projects;
  if (pb) {
    const remainingOf: NonNullable<typeof pb.remaining> = pb.remaining ?? { amed: 'unknown', inhouse: 'unknown' };
    const period = dataset.reference.periods.find((p) => p.period === pb.period);
    const periodName = period ? `${locale.name(period)}, ${locale.year(period.from)}–${locale.year(period.to)}` : String(pb.period);
    // Renamed since the base year: the reader compares with last year's document, which used the old name.
    const baseBudget = dataset.projectBudgets.find((b) => b.fiscalYear === cmp.baseFiscalYear);
    const rows = pb.rows.map((r) => ({
      number: r.number,
      name: withFormerName(ctx, locale.name(project(r.project)), locale.name(projectAsOf(dataset, r.project, cmp.baseFiscalYear, baseBudget))),
      total: r.total === null ? strings.fill('yoy.fundAmountUnstated', { fund: fundLabel(ctx, r.fundBased) }) : locale.oku(r.total),
      amed: locale.oku(r.amed),
      inhouse: r.inhouse === 0 ? '—' : locale.oku(r.inhouse),
      fund: fundLabel(ctx, r.fundBased),
    }));
    for (const r of pb.rows.filter((x) => x.total === null))
      unknown.push(strings.fill('note.unknownProjectAmount', { project: locale.name(project(r.project)), fund: fundLabel(ctx, r.fundBased) }));
    if (remainingOf.amed === 'unknown' || remainingOf.inhouse === 'unknown') unknown.push(strings.fill('note.unknownRemaining', { year: cur }));
    const hasBaseProjects = dataset.projectBudgets.some((b) => b.fiscalYear === cmp.baseFiscalYear);
    if (!hasBaseProjects) unknown.push(strings.fill('note.unknownProjects', { year: base }));

    // The label is the printed total, not the sum of the stacked parts (308 + 46 ≠ 355 after rounding).
    const chartData = pb.rows.flatMap((r) => {
      const label = `${r.number} ${locale.shortName(project(r.project))}${r.total === null ? ` (${fundLabel(ctx, r.fundBased)})` : ''}`;
      const shared = { project: label, order: r.number, total: r.total ?? 0, totalLabel: r.total === null ? strings.get('yoy.amountUnstated') : locale.oku(r.total) };
      return [
        { ...shared, part: scopeName('amed'), amount: r.amed ?? 0, first: true },
        { ...shared, part: strings.get('table.inhouse'), amount: r.inhouse ?? 0, first: false },
      ];
    });
    projects = {
      heading: strings.fill('heading.projects', { period: periodName }),
      strategyText: pb.strategyText ?? '',
      focusText: pb.focusText ?? '',
      rows,
      remaining: {
        amed: locale.oku(remainingOf.amed === 'unknown' ? null : remainingOf.amed),
        inhouse: locale.oku(remainingOf.inhouse === 'unknown' ? null : remainingOf.inhouse),
        text: remainingOf.text ?? strings.get('yoy.remainingUnstated'),
      },
      totals: { amed: locale.oku(amed.current), inhouse: locale.oku(inhouse.current) },
      chart: await chartView(
        ctx,
        'project-split',
        chartData,
        strings.fill('yoy.chartProjectsAlt', { year: cur, details: locale.list(pb.rows.map((r) => `${locale.shortName(project(r.project))} ${locale.oku(r.total)}`)) }),
        strings.fill('yoy.chartProjectsCaption', { year: cur }),
      ),
      baseYearNote: hasBaseProjects ? '' : strings.fill('yoy.baseYearProjects', { base }),
      initiatives: pb.rows.map((r) => {
        const split =
          r.total === null
            ? strings.fill('yoy.initiativeFund', { fund: fundLabel(ctx, r.fundBased) })
            : r.inhouse
              ? strings.fill('yoy.initiativeSplit', { total: locale.oku(r.total), amed: locale.oku(r.amed), inhouse: locale.oku(r.inhouse) })
              : strings.fill('yoy.initiativeAmed', { total: locale.oku(r.total) });
        return { heading: `${r.number}. ${locale.name(project(r.project))} ${split}`, text: r.initiatives?.text ?? locale.unstated, items: r.initiatives?.items ?? [] };
      }),
    };
  } else unknown.push(strings.fill('note.unknownProjects', { year: cur }));

  unknown.push(strings.get('note.unknownPublished'));
  const meta = {
    lang: locale.lang,
    title: strings.fill('yoy.title', { year: cur, base }),
    subtitle: strings.fill('yoy.subtitle', { yearFull: locale.yearFull(cmp.fiscalYear), baseFull: locale.yearFull(cmp.baseFiscalYear) }),
    runningHeader: strings.fill('yoy.runningHeader', { year: cur, base }),
    subject: strings.fill('yoy.subject', { year: cur, base, fy: cmp.fiscalYear, baseFy: cmp.baseFiscalYear }),
    keywords: ['医療分野の研究開発関連予算', 'AMED', cur, base, `FY${cmp.fiscalYear}`, `FY${cmp.baseFiscalYear}`],
    sources: sourceLines(ctx, cmp.sources),
    author: authorOf(ctx, cmp.sources),
  };
  return {
    ...pageView(ctx, meta),
    years: { current: cur, base, currentFull: locale.yearFull(cmp.fiscalYear), baseFull: locale.yearFull(cmp.baseFiscalYear) },
    headline: {
      cards: [
        ...cmp.scopes.map((s) => card(ctx, scopeName(s.scope), s.current, s.change, strings.fill('yoy.cardBase', { year: base, value: locale.oku(s.base) }))),
        card(ctx, strings.get('yoy.cardTotal'), cmp.total.current, cmp.total.change, strings.fill('yoy.cardBase', { year: base, value: locale.oku(cmp.total.base) })),
        ...(supplementary
          ? [{ label: strings.fill('yoy.cardSupplementary', { year: base }), value: supplementary.total, change: '', percent: '', direction: 'none', note: strings.get('yoy.cardSupplementaryNote') }]
          : []),
      ],
      sentences,
    },
    scopes: cmp.scopes.map((s) => scopeTable(ctx, s, cmp.fiscalYear)),
    ministryChart,
    supplementary,
    adjustmentFund,
    projects,
    notes: { ...documentNotes(ctx, cmp.sources), unknown, method },
  };
}
