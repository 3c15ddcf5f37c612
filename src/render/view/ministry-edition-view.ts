import type { MinistryFocus, MinistryScope } from '../../compare/ministry-focus.ts';
import type { ScopeId } from '../../schema/common.ts';
import type { ChartRow } from '../../chart/render-chart.ts';
import { amountLabel } from './program-detail-view.ts';
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

type Card = { label: string; value: string; change: string; percent: string; direction: string; note: string };
/** `columns`: the years as the table's headers, which in English carry the unit the cells leave out. */
type TrendSection = { heading: string; years: string[]; columns: string[]; rows: { scope: string; values: string[] }[]; chart: ChartView | null; thin: string; listed: boolean };
type ProgramsSection = { heading: string; note: string; rows: { name: string; amount: string; inhouse: string; group: string; flags: string[] }[]; chart: ChartView | null; none: string; unknown: string };

export interface MinistryEditionView extends BodyView {
  ministryName: string;
  scopesHeading: string;
  /** False where the ministry is in no initial breakdown of either year: the table would be empty. */
  scopesListed: boolean;
  /** Said in the scopes section instead of the table where scopesListed is false (the headline says what is shown instead). */
  scopesUnlisted: string;
  years: { current: string; base: string };
  /** Headers of the tables' amount columns: in English they carry the unit the cells leave out. */
  columns: { current: string; base: string; change: string; amount: string; inhouse: string };
  headline: { cards: Card[]; sentences: string[] };
  scopes: { scope: string; current: string; base: string; change: string; percent: string; direction: string; share: string }[];
  supplementary: { rows: string[]; none: string };
  trend: TrendSection;
  programs: ProgramsSection[];
}

const scopeName = (text: ViewText, f: MinistryFocus, id: ScopeId) => text.locale.shortName(f.scopeNames[id]);

function scopeSentence(text: ViewText, f: MinistryFocus, s: MinistryScope): string {
  const { strings, locale } = text;
  const vars = { scope: scopeName(text, f, s.scope), ministry: locale.name(f.names), value: locale.oku(s.current), base: locale.year(f.baseFiscalYear), code: f.code };
  if (s.current === null) return strings.fill('ministry.scopeUnlisted', vars);
  if (s.current === 0) return strings.fill('ministry.scopeZero', vars);
  if (s.base === null || !s.change) return strings.fill('ministry.scopeNew', vars);
  const c = changeText(s.change, locale);
  return strings.fill('ministry.scopeSentence', { ...vars, change: c.amount, percent: c.percent, share: locale.share(s.share) });
}

function headlineSentences(text: ViewText, f: MinistryFocus, listed: boolean): string[] {
  const { strings, locale } = text;
  const name = locale.name(f.names);
  const sentences: string[] = [];
  if (!listed) sentences.push(strings.fill('ministry.noInitial', { ministry: name, year: locale.year(f.fiscalYear), base: locale.year(f.baseFiscalYear) }));
  else {
    sentences.push(...f.scopes.map((s) => scopeSentence(text, f, s)));
    if (f.total) {
      const c = changeText(f.total.change, locale);
      sentences.push(strings.fill('ministry.totalSentence', { ministry: name, value: locale.oku(f.total.current), change: c.amount, percent: c.percent }));
    }
  }
  if (f.adjustmentFund) {
    const fund = f.adjustmentFund;
    sentences.push(strings.fill('ministry.adjustmentFund', { ministry: name, name: locale.lang === 'ja' ? fund.name : fund.nameEn, total: locale.oku(fund.total), share: locale.oku(fund.medicalShare) }));
  }
  return sentences;
}

function headlineCards(text: ViewText, f: MinistryFocus): Card[] {
  const { strings, locale } = text;
  const cards: Card[] = f.scopes.map((s) => {
    const c = changeText(s.change, locale);
    return {
      label: scopeName(text, f, s.scope),
      value: locale.oku(s.current),
      change: s.change ? c.amount : '',
      percent: s.change ? c.percent : '',
      direction: c.direction,
      note:
        s.share === null
          ? strings.fill('yoy.cardBase', { year: locale.year(f.baseFiscalYear), value: locale.oku(s.base) })
          : strings.fill('ministry.shareOfTotal', { scope: scopeName(text, f, s.scope), share: locale.share(s.share) }),
    };
  });
  const latest = f.supplementary.at(-1);
  if (latest)
    cards.push({
      label: strings.fill('yoy.cardSupplementary', { year: locale.year(latest.fiscalYear) }),
      value: locale.oku(latest.parts.reduce((sum, p) => sum + p.amount, 0)),
      change: '',
      percent: '',
      direction: 'none',
      note: locale.list(latest.parts.map((p) => scopeName(text, f, p.scope))),
    });
  return cards;
}

function supplementaryRows(text: ViewText, f: MinistryFocus): string[] {
  const { strings, locale } = text;
  return [...f.supplementary].reverse().map((s) =>
    strings.fill('ministry.supplementaryRow', {
      year: locale.year(s.fiscalYear),
      parts: locale.list(s.parts.map((p) => strings.fill('ministry.supplementaryPart', { scope: scopeName(text, f, p.scope), value: locale.oku(p.amount) }))),
    }),
  );
}

function trendSection(text: ViewText, f: MinistryFocus, charts: ChartList): TrendSection {
  const { strings, locale } = text;
  const name = locale.name(f.names);
  const span = `${locale.year(f.trend.years[0] ?? f.fiscalYear)}–${locale.year(f.fiscalYear)}`;
  const amounts = f.trend.series.flatMap((s) => s.values).filter((v): v is number => v !== null && v > 0);
  const thin = amounts.length < 2;
  const rows: ChartRow[] = f.trend.series.flatMap((s) =>
    s.values.flatMap((v, i) => (v === null ? [] : [{ year: locale.year(f.trend.years[i] ?? 0), fiscalYear: f.trend.years[i] ?? 0, scope: scopeName(text, f, s.scope), amount: v, label: locale.oku(v) }])),
  );
  const chart = thin
    ? null
    : charts.add(
        'ministry-trend',
        rows,
        strings.fill('ministry.trendAlt', {
          ministry: name,
          details: f.trend.series.map((s) => `${scopeName(text, f, s.scope)}: ${s.values.map((v) => locale.oku(v)).join(' → ')}`).join(' / '),
        }),
        strings.fill('ministry.trendCaption', { ministry: name, span }),
      );
  return {
    heading: strings.fill('heading.trend', { span }),
    years: f.trend.years.map((y) => locale.year(y)),
    columns: f.trend.years.map((y) => locale.column(locale.year(y))),
    rows: f.trend.series.map((s) => ({ scope: scopeName(text, f, s.scope), values: s.values.map((v) => locale.cell(v)) })),
    chart,
    thin: thin ? strings.fill('ministry.trendThin', { ministry: name }) : '',
    listed: f.trend.series.some((s) => s.values.some((v) => v !== null)),
  };
}

function programsSections(text: ViewText, f: MinistryFocus, charts: ChartList): ProgramsSection[] {
  const { strings, locale } = text;
  const name = locale.name(f.names);
  return f.programs.map(({ detail, project, own, withoutMinistry }) => {
    const proj = locale.name(project);
    const label = amountLabel(text, detail);
    const groupName = new Map(detail.groups.map((g) => [g.id, locale.name(g)]));
    const flags = (p: (typeof own)[number]) => (p.flags.length ? strings.fill('program.chartFlags', { flags: p.flags.map((x) => strings.get(`flag.${x}`)).join(strings.get('common.nameJoin')) }) : '');
    const chart = own.length
      ? charts.add(
          'ministry-programs',
          own.map((p, i) => ({ program: `${p.name}${flags(p)}`, order: i, ministry: locale.shortName(f.names), amount: p.amount, label: locale.oku(p.amount) })),
          strings.fill('ministry.programsAlt', { ministry: name, project: proj, label, details: locale.list(own.map((p) => `${p.name} ${locale.oku(p.amount)}`)) }),
          strings.fill('ministry.programsCaption', { ministry: name, label }),
        )
      : null;
    return {
      heading: strings.fill('heading.programs', { project: proj, label }),
      note: strings.fill('ministry.programsLabel', { label, year: locale.year(detail.fiscalYear) }),
      rows: own.map((p) => ({
        name: p.name,
        amount: locale.cell(p.amount),
        inhouse: p.inhouseAmount === undefined ? '—' : locale.cell(p.inhouseAmount),
        group: groupName.get(p.group) ?? p.group,
        flags: p.flags.map((x) => strings.get(`flag.${x}`)),
      })),
      chart,
      none: own.length ? '' : strings.fill('ministry.programsNone', { project: proj, label, ministry: name }),
      unknown: withoutMinistry.length
        ? strings.fill('ministry.programsUnknown', { count: withoutMinistry.length, amount: locale.oku(withoutMinistry.reduce((s, p) => s + p.amount, 0)) })
        : '',
    };
  });
}

/** A ministry's edition: its part of the latest comparison, its supplementary allocations, trend and programs. */
export function buildMinistryEditionView(f: MinistryFocus, text: ViewText): Built<MinistryEditionView> {
  const { strings, locale } = text;
  const charts = new ChartList();
  const name = locale.name(f.names);
  const cur = locale.year(f.fiscalYear);
  const base = locale.year(f.baseFiscalYear);
  const listed = f.scopes.some((s) => s.current !== null || s.base !== null);
  const supplementary = supplementaryRows(text, f);
  const unknown = [
    ...f.scopes.filter((s) => s.current === null).map((s) => strings.fill('ministry.scopeUnlisted', { scope: scopeName(text, f, s.scope), ministry: name })),
    strings.get('note.unknownPublished'),
  ];
  const method = [strings.get('note.sharesComputed')];
  if (f.total) method.push(strings.get('note.totalComputed'));
  if (strings.get('note.originalLanguage')) method.push(strings.get('note.originalLanguage'));
  const trend = trendSection(text, f, charts);
  const programs = programsSections(text, f, charts);
  const view: MinistryEditionView = {
    meta: {
      lang: locale.lang,
      title: strings.fill('ministry.title', { ministry: name, year: cur }),
      subtitle: strings.fill('ministry.subtitle', { ministry: name, yearFull: locale.yearFull(f.fiscalYear), baseFull: locale.yearFull(f.baseFiscalYear) }),
      runningHeader: strings.fill('ministry.runningHeader', { ministry: name, year: cur }),
      subject: strings.fill('ministry.subject', { ministry: name, year: cur, fy: f.fiscalYear }),
      author: authorOf(locale, f.documents),
      keywords: [strings.get('common.keyword'), f.names.name, f.names.nameEn, cur, `FY${f.fiscalYear}`],
      sources: sourceLines(text, f.documents, f.sources),
    },
    ministryName: name,
    scopesHeading: strings.fill('ministry.scopesHeading', { ministry: name }),
    scopesListed: listed,
    scopesUnlisted: strings.fill('ministry.scopesUnlisted', { ministry: name, year: cur, base }),
    years: { current: cur, base },
    columns: {
      current: locale.column(cur),
      base: locale.column(base),
      change: locale.column(strings.get('table.change')),
      amount: locale.column(strings.get('table.amount')),
      inhouse: locale.column(strings.get('table.inhouse')),
    },
    headline: { cards: headlineCards(text, f), sentences: headlineSentences(text, f, listed) },
    scopes: f.scopes.map((s) => {
      const c = changeText(s.change, locale);
      return { scope: scopeName(text, f, s.scope), current: locale.cell(s.current), base: locale.cell(s.base), change: c.amount, percent: c.percent, direction: c.direction, share: locale.share(s.share) };
    }),
    supplementary: { rows: supplementary, none: supplementary.length ? '' : strings.fill('ministry.supplementaryNone', { ministry: name }) },
    trend,
    programs,
    notes: { ...documentNotes(text, f.documents), unknown, method },
  };
  return { view, charts: charts.requests };
}
