import type { Trend } from '../../compare/trend.ts';
import { computeChange } from '../../compare/year-comparison.ts';
import { findBudget, ministry, project, SCOPES } from '../../compare/lookup.ts';
import type { MinistryCode, ScopeId } from '../../schema/common.ts';
import type { ViewContext } from '../../render/view/common.ts';
import type { DataRef } from '../data-ref.ts';
import { FigureBook } from '../figure-book.ts';
import { amount, changeFigures } from './draft.ts';

/** The figures of a trend briefing, in the edition's language, from the same trend the view prints. */
export function trendFigures(ctx: ViewContext, trend: Trend): FigureBook {
  const { dataset, locale, strings } = ctx;
  const book = new FigureBook();
  const short = (id: ScopeId) => locale.shortName(trend.scopes[id]);
  const initialShort = strings.get('trend.initialShort');
  const supShort = strings.get('trend.supplementaryShort');
  const column = (budget: string, scope: string) => strings.fill('trendData.column', { budget: strings.get(budget), scope: strings.get(scope) });
  const ref = (fy: number, type: 'initial' | 'supplementary', scope: ScopeId, code?: MinistryCode): DataRef => ({
    kind: 'budget', document: findBudget(dataset, fy, type)?.source ?? '', fiscalYear: fy, type, scope, ...(code ? { ministry: code } : {}),
  });
  const orNull = (v: number | null | undefined) => v ?? null;
  // A total of the stated scopes only would pass for the whole budget: unknown unless both are stated.
  const sumOrNull = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);

  const totals = book.table({
    id: 'totals',
    title: strings.get('trend.totalsHeading'),
    section: 'totals',
    charts: [strings.get('trendData.totalsChart')],
    columns: [
      ['year', strings.get('table.year')],
      ['amed', column('table.initial', 'table.amed')],
      ['inhouse', column('table.initial', 'table.inhouse')],
      ['total', column('table.initial', 'trend.totalComputed')],
      ['supAmed', column('table.supplementary', 'table.amed')],
      ['supInhouse', column('table.supplementary', 'table.inhouse')],
      ['supTotal', column('table.supplementary', 'table.sum')],
    ],
  });
  for (const r of trend.rows) {
    const y = locale.year(r.fiscalYear);
    const initial = { fiscalYear: r.fiscalYear, budget: 'initial' as const };
    const sup = { fiscalYear: r.fiscalYear, budget: 'supplementary' as const };
    const label = (subject: string, budget: string) => strings.fill('trendData.figure', { subject, year: y, budget });
    totals.row(`fy${r.fiscalYear}`, [
      y,
      ...SCOPES.map((s) => amount(locale, label(short(s), initialShort), orNull(r.initial?.[s]), { ...initial, scope: s }, { printed: ref(r.fiscalYear, 'initial', s) })),
      amount(locale, label(strings.get('trend.totalComputed'), initialShort), r.initial ? sumOrNull(r.initial.amed, r.initial.inhouse) : null, initial, { computed: SCOPES.map((s) => ref(r.fiscalYear, 'initial', s)) }),
      ...SCOPES.map((s) => amount(locale, label(short(s), supShort), orNull(r.supplementary?.[s]), { ...sup, scope: s }, { printed: ref(r.fiscalYear, 'supplementary', s) })),
      amount(locale, strings.fill('trendData.supTotal', { budget: strings.get('table.supplementary'), sum: strings.get('table.sum'), year: y }), r.supplementary?.total ?? null, sup,
        r.supplementary?.totalPrinted
          ? { printed: { kind: 'budgetTotal', document: findBudget(dataset, r.fiscalYear, 'supplementary')?.source ?? '', fiscalYear: r.fiscalYear, type: 'supplementary' } }
          : { computed: SCOPES.map((s) => ref(r.fiscalYear, 'supplementary', s)) }),
    ]);
  }

  // The overview's sentences: each scope from the first to the last year that states it (a partial
  // edition may state one scope and not the other, so the years can differ by scope).
  const spanOf = (s: ScopeId) => trend.rows.flatMap((r) => (r.initial?.[s] == null ? [] : [{ fiscalYear: r.fiscalYear, value: r.initial[s] }]));
  const spans = SCOPES.map((s) => ({ s, known: spanOf(s) })).filter(({ known }) => known.length > 1);
  if (spans.length > 0) {
    const span = book.table({
      id: 'span',
      title: strings.get('trendData.spanTitle'),
      section: 'totals',
      columns: [
        ['scope', strings.get('table.scope')],
        ['from', strings.get('trendData.from')],
        ['first', strings.get('trendData.fromAmount')],
        ['to', strings.get('trendData.to')],
        ['last', strings.get('trendData.toAmount')],
        ['change', strings.get('table.change')],
        ['percent', strings.get('table.percent')],
      ],
    });
    for (const { s, known } of spans) {
      const first = known[0];
      const last = known.at(-1);
      if (!first || !last) continue;
      const [from, to] = [locale.year(first.fiscalYear), locale.year(last.fiscalYear)];
      const refs = [ref(first.fiscalYear, 'initial', s), ref(last.fiscalYear, 'initial', s)] as const;
      const about = { fiscalYear: last.fiscalYear, baseFiscalYear: first.fiscalYear, budget: 'initial' as const, scope: s };
      span.row(s, [
        short(s),
        from,
        amount(locale, strings.fill('trendData.figure', { subject: short(s), year: from, budget: initialShort }), first.value, { ...about, fiscalYear: first.fiscalYear, baseFiscalYear: undefined }, { printed: refs[0] }),
        to,
        amount(locale, strings.fill('trendData.figure', { subject: short(s), year: to, budget: initialShort }), last.value, { ...about, baseFiscalYear: undefined }, { printed: refs[1] }),
        ...changeFigures(locale, { amount: strings.fill('trendData.spanChange', { subject: short(s), measure: strings.get('table.change'), from, to }), percent: strings.fill('trendData.spanChange', { subject: short(s), measure: strings.get('table.percent'), from, to }) }, computeChange(last.value, first.value), about, { computedFrom: [...refs] }),
      ]);
    }
  }

  for (const s of SCOPES) {
    const table = book.table({
      id: `ministries-${s}`,
      title: strings.fill('trendData.ministriesTitle', { scope: short(s) }),
      section: 'ministries',
      charts: [strings.get('trendData.ministriesChart')],
      columns: [['ministry', strings.get('table.ministry')], ...trend.years.map((y): [string, string] => [`fy${y}`, locale.year(y)])],
    });
    for (const m of trend.ministries.filter((x) => x.scope === s)) {
      const name = locale.name(ministry(dataset, m.code));
      table.row(m.code, [
        name,
        ...m.values.map((v, i) => {
          const fy = trend.years[i] ?? 0;
          return amount(locale, `${short(s)} ${name} ${locale.year(fy)}`, v, { fiscalYear: fy, budget: 'initial', scope: s, ministry: m.code }, { printed: ref(fy, 'initial', s, m.code) });
        }),
      ]);
    }
  }

  const p = trend.projects;
  if (p) {
    const budgetOf = (fy: number) => dataset.projectBudgets.find((b) => b.fiscalYear === fy)?.source ?? '';
    const projectRef = (fy: number, id: string): DataRef => ({ kind: 'project', document: budgetOf(fy), fiscalYear: fy, project: id, field: 'total' });
    const amounts = book.table({
      id: 'project-amounts',
      title: strings.fill('trend.projectsHeading', { from: locale.year(p.fromYear), to: locale.year(p.toYear) }),
      section: 'projects',
      charts: [strings.fill('trend.projectsCaption', { from: locale.year(p.fromYear), to: locale.year(p.toYear) })],
      columns: [['year', strings.get('table.year')], ['project', strings.get('table.project')], ['amount', strings.get('table.amount')]],
    });
    const seen = new Set<string>();
    for (const t of p.transitions)
      for (const [fy, list] of [[p.fromYear, t.from], [p.toYear, t.to]] as const)
        for (const x of list) {
          const key = `fy${fy}-${x.project}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const name = locale.name(project(dataset, x.project));
          amounts.row(key, [locale.year(fy), name, amount(locale, strings.fill('trendData.projectFigure', { project: name, year: locale.year(fy) }), x.amount, { fiscalYear: fy, project: x.project }, { printed: projectRef(fy, x.project) })]);
        }
    const changes = book.table({
      id: 'project-changes',
      title: strings.fill('trendData.changesTitle', { from: locale.year(p.fromYear), to: locale.year(p.toYear) }),
      section: 'projects',
      columns: [['from', `${locale.year(p.fromYear)}`], ['to', `${locale.year(p.toYear)}`], ['change', strings.get('table.change')], ['percent', strings.get('table.percent')]],
    });
    for (const t of p.transitions) {
      if (!t.change) continue;
      const join = strings.get('trend.projectJoin');
      const from = t.from.map((x) => locale.name(project(dataset, x.project))).join(join);
      const to = t.to.map((x) => locale.name(project(dataset, x.project))).join(join);
      const subject = `${from} → ${to}`;
      changes.row(`${t.from.map((x) => x.project).join('+')}>${t.to.map((x) => x.project).join('+')}`, [
        from,
        to,
        ...changeFigures(locale, { amount: `${subject} ${strings.get('table.change')}`, percent: `${subject} ${strings.get('table.percent')}` }, t.change, { fiscalYear: p.toYear, baseFiscalYear: p.fromYear }, {
          computedFrom: [...t.from.map((x) => projectRef(p.fromYear, x.project)), ...t.to.map((x) => projectRef(p.toYear, x.project))],
        }),
      ]);
    }
  }
  // Each strategy period's projects year by year, as the period tables print them.
  const editionOf = (fy: number) => dataset.projectBudgets.find((b) => b.fiscalYear === fy)?.source ?? '';
  const totalRef = (fy: number, id: string): DataRef => ({ kind: 'project', document: editionOf(fy), fiscalYear: fy, project: id, field: 'total' });
  for (const period of trend.periods) {
    const first = period.years[0] ?? 0;
    const last = period.years.at(-1) ?? 0;
    const table = book.table({
      id: `period-${period.period.period}`,
      title: strings.fill('trend.periodHeading', { period: locale.name(period.period.names), from: locale.year(first), to: locale.year(last) }),
      section: 'projects',
      columns: [
        ['number', strings.get('trendData.number')],
        ['project', strings.get('table.project')],
        ...period.years.flatMap((fy): [string, string][] => [
          [`fy${fy}`, locale.year(fy)],
          [`fy${fy}-change`, `${locale.year(fy)} ${strings.get('table.change')}`],
          [`fy${fy}-percent`, `${locale.year(fy)} ${strings.get('table.percent')}`],
        ]),
      ],
    });
    for (const proj of period.projects) {
      table.row(proj.project, [
        String(proj.number),
        locale.name(proj.years.findLast((y) => y.stated)?.names ?? project(dataset, proj.project)),
        ...proj.years.flatMap((y) => {
          const label = strings.fill('trendData.projectFigure', { project: locale.name(y.names), year: locale.year(y.fiscalYear) });
          const figure = amount(locale, label, y.total, { fiscalYear: y.fiscalYear, budget: 'initial', project: proj.project }, { printed: totalRef(y.fiscalYear, proj.project) });
          // As printed: a whole fund-based project has no amount of its own, not a missing one.
          if (y.stated && y.total === null && y.fundBased === 'whole') figure.display = strings.get('trend.fundNoAmount');
          const from = y.changeFrom;
          if (!y.change || from === null) return [figure, '', ''];
          return [
            figure,
            ...changeFigures(locale, { amount: strings.fill('trendData.periodChange', { label, measure: strings.get('table.change'), year: locale.year(from) }), percent: strings.fill('trendData.periodChange', { label, measure: strings.get('table.percent'), year: locale.year(from) }) }, y.change, { fiscalYear: y.fiscalYear, baseFiscalYear: from, project: proj.project }, {
              computedFrom: [totalRef(y.fiscalYear, proj.project), totalRef(from, proj.project)],
            }),
          ];
        }),
      ]);
    }
  }
  return book;
}
