import type { ProgramBreakdown } from '../../compare/program-detail.ts';
import { roundTo } from '../../format/number.ts';
import type { ViewContext } from '../../render/view/common.ts';
import { amountLabel } from '../../render/view/program-detail-view.ts';
import type { DataRef } from '../data-ref.ts';
import { FigureBook } from '../figure-book.ts';
import { amount } from './draft.ts';

/** The figures of a program detail briefing, in the edition's language, from the same breakdown the view prints. */
export function programDetailFigures(ctx: ViewContext, breakdown: ProgramBreakdown): FigureBook {
  const { locale, strings } = ctx;
  const { detail } = breakdown;
  const book = new FigureBook();
  const label = amountLabel(ctx, detail);
  const about = { fiscalYear: detail.fiscalYear, project: detail.project };
  const programRef = (name: string, field: 'amount' | 'inhouseAmount'): DataRef => ({ kind: 'program', document: detail.source, fiscalYear: detail.fiscalYear, project: detail.project, name, field });
  const detailRef = (field: 'amed' | 'inhouse'): DataRef => ({ kind: 'programDetail', document: detail.source, fiscalYear: detail.fiscalYear, project: detail.project, field });
  const allRefs = breakdown.programs.map((p) => programRef(p.name, 'amount'));
  const figureLabel = (subject: string) => strings.fill('programData.figure', { subject, label });

  // Groups and ministries are sums of the programs: computed, with their shares of the programs' total.
  const share = (value: number, subject: string, refs: DataRef[]) => ({
    label: strings.fill('programData.share', { subject }), value: roundTo(value, 1), display: locale.share(value), unit: '%' as const, measure: 'share' as const, status: 'known' as const, origin: 'computed' as const, refs: [...refs, ...allRefs], ...about,
  });
  const count = (value: number, labelText: string, refs: DataRef[]) => ({
    label: labelText, value, display: String(value), unit: '件' as const, measure: 'count' as const, status: 'known' as const, origin: 'computed' as const, refs, ...about,
  });
  const amedCard = strings.get('program.cardAmed');
  const inhouseCard = strings.get('program.cardInhouse');
  book
    .table({ id: 'headline', title: strings.get('programData.headline'), section: 'headline', columns: [['scope', strings.get('table.scope')], ['amount', label]] })
    .row('amed', [amedCard, amount(locale, figureLabel(amedCard), detail.amed, { ...about, scope: 'amed' }, { printed: detailRef('amed') })])
    .row('inhouse', [inhouseCard, amount(locale, figureLabel(inhouseCard), detail.inhouse, { ...about, scope: 'inhouse' }, { printed: detailRef('inhouse') })])
    .row('programs', [
      strings.get('program.cardCount'),
      { ...count(detail.programs.length, strings.get('program.cardCount'), allRefs), display: strings.fill('program.count', { count: detail.programs.length }) },
    ]);

  // The project's amount in the latest project budget, as the page states it beside the programs.
  const c = breakdown.context;
  if (c) {
    const y = locale.year(c.fiscalYear);
    const ref = (field: 'total' | 'amed' | 'inhouse'): DataRef => ({ kind: 'project', document: c.source, fiscalYear: c.fiscalYear, project: detail.project, field });
    const of = { fiscalYear: c.fiscalYear, budget: 'initial' as const, project: detail.project };
    const table = book.table({ id: 'context', title: strings.fill('programData.contextTitle', { year: y }), section: 'headline', columns: [['scope', strings.get('table.scope')], ['amount', y]] });
    table.row('total', [strings.get('programData.contextTotal'), amount(locale, strings.fill('programData.contextFigureTotal', { year: y }), c.total, of, { printed: ref('total') })]);
    // A partial edition may give the total without its split: then only the total is stated.
    if (c.split) {
      const amed = strings.get('programData.contextAmed');
      const inhouse = strings.get('programData.contextInhouse');
      table
        .row('amed', [amed, amount(locale, strings.fill('programData.contextFigure', { scope: amed, year: y }), c.split.amed, { ...of, scope: 'amed' }, { printed: ref('amed') })])
        .row('inhouse', [inhouse, amount(locale, strings.fill('programData.contextFigure', { scope: inhouse, year: y }), c.split.inhouse, { ...of, scope: 'inhouse' }, { printed: ref('inhouse') })]);
    }
  }

  const programs = book.table({
    id: 'programs',
    title: strings.get('programData.programsTitle'),
    section: 'programs',
    charts: [strings.fill('program.chartCaption', { label })],
    columns: [
      ['rank', strings.get('program.rank')],
      ['program', strings.get('table.program')],
      ['ministry', strings.get('program.ministry')],
      ['group', strings.get('table.group')],
      ['amount', strings.get('table.amount')],
      ['inhouse', strings.get('table.inhouse')],
    ],
  });
  breakdown.programs.forEach((p, i) => {
    const of = { ...about, program: p.name, ministry: p.ministry };
    const group = breakdown.groups.find((g) => g.id === p.group);
    programs.row(p.name, [
      String(i + 1),
      p.name,
      p.ministryNames ? locale.shortName(p.ministryNames) : locale.unstated,
      group ? locale.name(group) : p.group,
      amount(locale, figureLabel(p.name), p.amount, { ...of, scope: 'amed' }, { printed: programRef(p.name, 'amount') }),
      p.inhouseAmount === undefined
        ? '—'
        : amount(locale, figureLabel(`${p.name} ${strings.get('table.inhouse')}`), p.inhouseAmount, { ...of, scope: 'inhouse' }, { printed: programRef(p.name, 'inhouseAmount') }),
    ]);
  });

  const columns = (first: [string, string]): [string, string][] => [first, ['amount', strings.get('table.amount')], ['share', strings.get('table.share')], ['programs', strings.get('program.programCount')]];
  const groups = book.table({ id: 'groups', title: strings.get('programData.groupsTitle'), section: 'programs', columns: columns(['group', strings.get('table.group')]) });
  for (const g of breakdown.groups) {
    const name = locale.name(g);
    const refs = detail.programs.filter((p) => p.group === g.id).map((p) => programRef(p.name, 'amount'));
    groups.row(g.id, [name, amount(locale, figureLabel(name), g.amount, about, { computed: refs }), share(g.share, name, refs), count(g.programs, strings.fill('programData.count', { subject: name }), refs)]);
  }
  const ministries = book.table({ id: 'ministries', title: strings.get('programData.ministriesTitle'), section: 'programs', columns: columns(['ministry', strings.get('program.ministryFull')]) });
  for (const m of breakdown.ministries) {
    const name = m.names ? locale.name(m.names) : strings.fill('program.ministryUnstated', { unstated: locale.unstated });
    const refs = detail.programs.filter((p) => p.ministry === m.code).map((p) => programRef(p.name, 'amount'));
    ministries.row(m.code, [
      name,
      amount(locale, figureLabel(name), m.amount, { ...about, ministry: m.code }, { computed: refs }),
      { ...share(m.share, name, refs), ministry: m.code },
      { ...count(m.programs, strings.fill('programData.count', { subject: name }), refs), ministry: m.code },
    ]);
  }
  return book;
}
