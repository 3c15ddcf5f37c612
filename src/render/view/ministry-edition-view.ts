import type { MinistryFocus, MinistryScope } from '../../compare/ministry-focus.ts';
import { scope as scopeInfo } from '../../compare/lookup.ts';
import { ministryAsOf, projectAsOf } from '../../compare/names.ts';
import type { ChartRow } from '../../chart/render-chart.ts';
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

export interface MinistryEditionView extends PageView {
  ministryName: string;
  scopesHeading: string;
  /** False where the ministry is in no initial breakdown of either year: the table would be empty. */
  scopesListed: boolean;
  years: { current: string; base: string };
  headline: { cards: { label: string; value: string; change: string; percent: string; direction: string; note: string }[]; sentences: string[] };
  scopes: { scope: string; current: string; base: string; change: string; percent: string; direction: string; share: string }[];
  supplementary: { rows: string[]; none: string };
  trend: { heading: string; years: string[]; rows: { scope: string; values: string[] }[]; chart: ChartView | null; thin: string; listed: boolean };
  programs: { heading: string; note: string; rows: { name: string; amount: string; inhouse: string; group: string; flags: string[] }[]; chart: ChartView | null; none: string; unknown: string }[];
  notes: NoteList;
}

function scopeSentence(ctx: ViewContext, f: MinistryFocus, s: MinistryScope): string {
  const { strings, locale, dataset } = ctx;
  const vars = {
    scope: locale.shortName(scopeInfo(dataset, s.scope)),
    ministry: locale.name(ministryAsOf(dataset, f.code, f.fiscalYear)),
    value: locale.oku(s.current),
    base: locale.year(f.baseFiscalYear),
    code: f.code,
  };
  if (s.current === null) return strings.fill('ministry.scopeUnlisted', vars);
  if (s.current === 0) return strings.fill('ministry.scopeZero', vars);
  if (s.base === null || !s.change) return strings.fill('ministry.scopeNew', vars);
  const c = changeText(s.change, locale);
  return strings.fill('ministry.scopeSentence', { ...vars, change: c.amount, percent: c.percent, share: locale.share(s.share) });
}

export async function buildMinistryEditionView(ctx: ViewContext, f: MinistryFocus): Promise<MinistryEditionView> {
  const { dataset, locale, strings } = ctx;
  const info = ministryAsOf(dataset, f.code, f.fiscalYear);
  const name = locale.name(info);
  const cur = locale.year(f.fiscalYear);
  const base = locale.year(f.baseFiscalYear);
  const scopeName = (id: 'amed' | 'inhouse') => locale.shortName(scopeInfo(dataset, id));
  const listed = f.scopes.some((s) => s.current !== null || s.base !== null);

  const sentences: string[] = [];
  if (!listed) sentences.push(strings.fill('ministry.noInitial', { ministry: name, year: cur, base }));
  else {
    sentences.push(...f.scopes.map((s) => scopeSentence(ctx, f, s)));
    if (f.total) {
      const c = changeText(f.total.change, locale);
      sentences.push(strings.fill('ministry.totalSentence', { ministry: name, value: locale.oku(f.total.current), change: c.amount, percent: c.percent }));
    }
  }
  if (f.adjustmentFund) {
    const fund = f.adjustmentFund;
    sentences.push(
      strings.fill('ministry.adjustmentFund', { ministry: name, name: locale.lang === 'ja' ? fund.name : fund.nameEn, total: locale.oku(fund.total), share: locale.oku(fund.medicalShare) }),
    );
  }

  const cards = f.scopes.map((s) => {
    const c = changeText(s.change, locale);
    return {
      label: scopeName(s.scope),
      value: locale.oku(s.current),
      change: s.change ? c.amount : '',
      percent: s.change ? c.percent : '',
      direction: c.direction,
      note: s.share === null ? strings.fill('yoy.cardBase', { year: base, value: locale.oku(s.base) }) : strings.fill('ministry.shareOfTotal', { scope: scopeName(s.scope), share: locale.share(s.share) }),
    };
  });
  const latestSupplementary = f.supplementary.at(-1);
  if (latestSupplementary)
    cards.push({
      label: strings.fill('yoy.cardSupplementary', { year: locale.year(latestSupplementary.fiscalYear) }),
      value: locale.oku(latestSupplementary.parts.reduce((sum, p) => sum + p.amount, 0)),
      change: '',
      percent: '',
      direction: 'none',
      note: locale.list(latestSupplementary.parts.map((p) => scopeName(p.scope))),
    });

  const supplementaryRows = [...f.supplementary].reverse().map((s) =>
    strings.fill('ministry.supplementaryRow', {
      year: locale.year(s.fiscalYear),
      parts: locale.list(s.parts.map((p) => strings.fill('ministry.supplementaryPart', { scope: scopeName(p.scope), value: locale.oku(p.amount) }))),
    }),
  );

  const span = `${locale.year(f.trend.years[0] ?? f.fiscalYear)}–${locale.year(f.fiscalYear)}`;
  const amounts = f.trend.series.flatMap((s) => s.values).filter((v): v is number => v !== null && v > 0);
  const thin = amounts.length < 2;
  const trendRows: ChartRow[] = f.trend.series.flatMap((s) =>
    s.values.flatMap((v, i) => (v === null ? [] : [{ year: locale.year(f.trend.years[i] ?? 0), fiscalYear: f.trend.years[i] ?? 0, scope: scopeName(s.scope), amount: v, label: locale.oku(v) }])),
  );
  const trendChart = thin
    ? null
    : await chartView(
        ctx,
        'ministry-trend',
        trendRows,
        strings.fill('ministry.trendAlt', {
          ministry: name,
          details: f.trend.series.map((s) => `${scopeName(s.scope)}: ${s.values.map((v) => locale.oku(v)).join(' → ')}`).join(' / '),
        }),
        strings.fill('ministry.trendCaption', { ministry: name, span }),
      );

  const programs = await Promise.all(
    f.programs.map(async ({ detail, own, withoutMinistry }) => {
      const edition = dataset.documents.find((d) => d.id === detail.source)?.editionFiscalYear ?? detail.fiscalYear;
      const proj = locale.name(projectAsOf(dataset, detail.project, edition, dataset.projectBudgets.find((b) => b.fiscalYear === edition)));
      const groupName = new Map(detail.groups.map((g) => [g.id, locale.lang === 'ja' ? g.name : g.nameEn]));
      const chart = own.length
        ? await chartView(
            ctx,
            'programs',
            own.map((p, i) => ({ program: `${p.name}${p.flags.length ? ` 【${p.flags.join('・')}】` : ''}`, order: i, ministry: locale.shortName(info), amount: p.amount, label: locale.oku(p.amount) })),
            strings.fill('ministry.programsAlt', { ministry: name, project: proj, label: detail.label, details: locale.list(own.map((p) => `${p.name} ${locale.oku(p.amount)}`)) }),
            strings.fill('ministry.programsCaption', { ministry: name, label: detail.label }),
          )
        : null;
      return {
        heading: strings.fill('heading.programs', { project: proj, label: detail.label }),
        note: strings.fill('ministry.programsLabel', { label: detail.label, year: locale.year(detail.fiscalYear) }),
        rows: own.map((p) => ({
          name: p.name,
          amount: locale.oku(p.amount),
          inhouse: p.inhouseAmount === undefined ? '—' : locale.oku(p.inhouseAmount),
          group: groupName.get(p.group) ?? p.group,
          flags: p.flags,
        })),
        chart,
        none: own.length ? '' : strings.fill('ministry.programsNone', { project: proj, label: detail.label, ministry: name }),
        unknown: withoutMinistry.length
          ? strings.fill('ministry.programsUnknown', { count: withoutMinistry.length, amount: locale.oku(withoutMinistry.reduce((s, p) => s + p.amount, 0)) })
          : '',
      };
    }),
  );

  const unknown = [
    ...f.scopes.filter((s) => s.current === null).map((s) => strings.fill('ministry.scopeUnlisted', { scope: scopeName(s.scope), ministry: name })),
    strings.get('note.unknownPublished'),
  ];
  const method = [strings.get('note.sharesComputed')];
  if (f.total) method.push(strings.get('note.totalComputed'));
  if (strings.get('note.originalLanguage')) method.push(strings.get('note.originalLanguage'));

  const meta = {
    lang: locale.lang,
    title: strings.fill('ministry.title', { ministry: name, year: cur }),
    subtitle: strings.fill('ministry.subtitle', { ministry: name, yearFull: locale.yearFull(f.fiscalYear), baseFull: locale.yearFull(f.baseFiscalYear) }),
    runningHeader: strings.fill('ministry.runningHeader', { ministry: name, year: cur }),
    subject: strings.fill('ministry.subject', { ministry: name, year: cur, fy: f.fiscalYear }),
    author: authorOf(ctx, f.sources),
    keywords: ['医療分野の研究開発関連予算', info.name, info.nameEn, cur, `FY${f.fiscalYear}`],
    sources: sourceLines(ctx, f.sources),
  };
  return {
    ...pageView(ctx, meta),
    ministryName: name,
    scopesHeading: strings.fill('ministry.scopesHeading', { ministry: name }),
    scopesListed: listed,
    years: { current: cur, base },
    headline: { cards, sentences },
    scopes: f.scopes.map((s) => {
      const c = changeText(s.change, locale);
      return { scope: scopeName(s.scope), current: locale.oku(s.current), base: locale.oku(s.base), change: c.amount, percent: c.percent, direction: c.direction, share: locale.share(s.share) };
    }),
    supplementary: { rows: supplementaryRows, none: supplementaryRows.length ? '' : strings.fill('ministry.supplementaryNone', { ministry: name }) },
    trend: {
      heading: strings.fill('heading.trend', { span }),
      years: f.trend.years.map((y) => locale.year(y)),
      rows: f.trend.series.map((s) => ({ scope: scopeName(s.scope), values: s.values.map((v) => locale.oku(v)) })),
      chart: trendChart,
      thin: thin ? strings.fill('ministry.trendThin', { ministry: name }) : '',
      listed: f.trend.series.some((s) => s.values.some((v) => v !== null)),
    },
    programs,
    notes: { ...documentNotes(ctx, f.sources), unknown, method },
  };
}
