import type { YearComparison } from '../../compare/year-comparison.ts';
import { findBudget, scope as scopeInfo } from '../../compare/lookup.ts';
import { ministryAsOf, projectAsOf } from '../../compare/names.ts';
import type { MinistryCode, ScopeId } from '../../schema/common.ts';
import type { ViewContext } from '../../render/view/common.ts';
import type { DataRef } from '../data-ref.ts';
import { FigureBook } from '../figure-book.ts';
import { amount, changeFigures, shareFigure } from './draft.ts';

/** The figures of a year comparison, table by table, from the same comparison the view prints. */
export function yearComparisonFigures(ctx: ViewContext, cmp: YearComparison): FigureBook {
  const { dataset, locale, strings } = ctx;
  const book = new FigureBook();
  const cur = locale.year(cmp.fiscalYear);
  const base = locale.year(cmp.baseFiscalYear);
  const years = { fiscalYear: cmp.fiscalYear, baseFiscalYear: cmp.baseFiscalYear };
  const scopeName = (id: ScopeId) => locale.shortName(scopeInfo(dataset, id));
  // Names as in force in the year compared, as the view prints them.
  const ministry = (code: MinistryCode) => ministryAsOf(dataset, code, cmp.fiscalYear);
  const ministryName = (code: MinistryCode) => locale.name(ministry(code));
  const docOf = (fy: number, type: 'initial' | 'supplementary') => findBudget(dataset, fy, type)?.source ?? '';
  const budgetRef = (fy: number, scope: ScopeId, code?: MinistryCode): DataRef => ({
    kind: 'budget', document: docOf(fy, 'initial'), fiscalYear: fy, type: 'initial', scope, ...(code ? { ministry: code } : {}),
  });
  const changeRefs = (scope: ScopeId) => {
    const printed = dataset.changes.find((c) => c.scope === scope && c.fiscalYear === cmp.fiscalYear && c.baseFiscalYear === cmp.baseFiscalYear);
    const ref = (field: 'amount' | 'percent'): DataRef => ({ kind: 'change', document: printed?.source ?? '', fiscalYear: cmp.fiscalYear, baseFiscalYear: cmp.baseFiscalYear, scope, field });
    return printed ? { amount: ref('amount'), percent: ref('percent') } : undefined;
  };
  const changeLabels = (subject: string) => ({
    amount: `${subject} ${strings.get('table.change')} (${cur}/${base})`,
    percent: `${subject} ${strings.get('table.percent')} (${cur}/${base})`,
  });

  // Headline cards.
  const headline = book.table({
    id: 'headline',
    title: strings.get('heading.overview'),
    section: 'headline',
    columns: [['label', strings.get('table.scope')], ['current', cur], ['base', base], ['change', strings.get('table.change')], ['percent', strings.get('table.percent')]],
  });
  for (const s of cmp.scopes) {
    const name = scopeName(s.scope);
    const about = { ...years, budget: 'initial' as const, scope: s.scope };
    const [currentRef, baseRef] = [budgetRef(cmp.fiscalYear, s.scope), budgetRef(cmp.baseFiscalYear, s.scope)];
    const refs = [currentRef, baseRef];
    headline.row(s.scope, [
      name,
      amount(locale, `${name} ${cur}`, s.current, { ...about, baseFiscalYear: undefined }, { printed: currentRef }),
      amount(locale, `${name} ${base}`, s.base, { ...about, fiscalYear: cmp.baseFiscalYear, baseFiscalYear: undefined }, { printed: baseRef }),
      ...changeFigures(locale, changeLabels(name), s.change, about, { printed: changeRefs(s.scope), computedFrom: refs }),
    ]);
  }
  const totalName = strings.get('yoy.cardTotal');
  const allRefs = (fy: number) => cmp.scopes.map((s) => budgetRef(fy, s.scope));
  headline.row('total', [
    totalName,
    amount(locale, `${totalName} ${cur}`, cmp.total.current, { fiscalYear: cmp.fiscalYear, budget: 'initial' }, { computed: allRefs(cmp.fiscalYear) }),
    amount(locale, `${totalName} ${base}`, cmp.total.base, { fiscalYear: cmp.baseFiscalYear, budget: 'initial' }, { computed: allRefs(cmp.baseFiscalYear) }),
    ...changeFigures(locale, changeLabels(totalName), cmp.total.change, { ...years, budget: 'initial' }, { computedFrom: [...allRefs(cmp.fiscalYear), ...allRefs(cmp.baseFiscalYear)] }),
  ]);

  // Ministry tables, one per scope.
  for (const s of cmp.scopes) {
    const name = locale.name(scopeInfo(dataset, s.scope));
    const table = book.table({
      id: `scope-${s.scope}`,
      title: `${strings.get('heading.ministries')}: ${name}`,
      section: 'scopes',
      charts: [strings.fill('yoy.chartMinistriesCaption', { base, year: cur })],
      columns: [['ministry', strings.get('table.ministry')], ['current', cur], ['base', base], ['change', strings.get('table.change')], ['percent', strings.get('table.percent')], ['share', strings.get('table.share')]],
    });
    for (const m of s.ministries) {
      const subject = `${scopeName(s.scope)} ${ministryName(m.code)}`;
      const about = { ...years, budget: 'initial' as const, scope: s.scope, ministry: m.code };
      const now = budgetRef(cmp.fiscalYear, s.scope, m.code);
      const before = budgetRef(cmp.baseFiscalYear, s.scope, m.code);
      table.row(m.code, [
        ministryName(m.code),
        amount(locale, `${subject} ${cur}`, m.current, { ...about, baseFiscalYear: undefined }, { printed: now }),
        amount(locale, `${subject} ${base}`, m.base, { ...about, fiscalYear: cmp.baseFiscalYear, baseFiscalYear: undefined }, { printed: before }),
        ...changeFigures(locale, changeLabels(subject), m.change, about, { computedFrom: [now, before] }),
        shareFigure(locale, `${subject} ${strings.get('table.share')} ${cur}`, m.share, { ...about, baseFiscalYear: undefined }, [now, budgetRef(cmp.fiscalYear, s.scope)]),
      ]);
    }
    const about = { ...years, budget: 'initial' as const, scope: s.scope };
    const [currentRef, baseRef] = [budgetRef(cmp.fiscalYear, s.scope), budgetRef(cmp.baseFiscalYear, s.scope)];
    const refs = [currentRef, baseRef];
    table.row('total', [
      strings.get('table.total'),
      amount(locale, `${scopeName(s.scope)} ${cur}`, s.current, { ...about, baseFiscalYear: undefined }, { printed: currentRef }),
      amount(locale, `${scopeName(s.scope)} ${base}`, s.base, { ...about, fiscalYear: cmp.baseFiscalYear, baseFiscalYear: undefined }, { printed: baseRef }),
      ...changeFigures(locale, changeLabels(scopeName(s.scope)), s.change, about, { printed: changeRefs(s.scope), computedFrom: refs }),
      '100.0%',
    ]);
  }

  // The supplementary budget of the base year and the adjustment fund.
  if (cmp.supplementary) {
    const { column: sup, total } = cmp.supplementary;
    const title = strings.fill('heading.supplementary', { year: base });
    const about = { fiscalYear: sup.fiscalYear, budget: 'supplementary' as const };
    const ref = (scope: ScopeId, code?: MinistryCode): DataRef => ({ kind: 'budget', document: sup.source, fiscalYear: sup.fiscalYear, type: 'supplementary', scope, ...(code ? { ministry: code } : {}) });
    const table = book.table({ id: 'supplementary', title, section: 'supplementary', columns: [['scope', strings.get('table.scope')], ['amount', strings.get('table.amount')]] });
    for (const s of cmp.supplementary.scopes)
      table.row(s.scope, [scopeName(s.scope), amount(locale, `${title} ${scopeName(s.scope)}`, s.total, { ...about, scope: s.scope }, { printed: ref(s.scope) })]);
    table.row('total', [
      strings.get('table.sum'),
      amount(locale, `${title} ${strings.get('table.sum')}`, total.value, about, total.printed ? { printed: { kind: 'budgetTotal', document: sup.source, fiscalYear: sup.fiscalYear, type: 'supplementary' } } : { computed: [ref('amed'), ref('inhouse')] }),
    ]);
    const byMinistry = book.table({
      id: 'supplementary-ministries',
      title: `${title}: ${strings.get('table.breakdown')}`,
      section: 'supplementary',
      columns: [['scope', strings.get('table.scope')], ['ministry', strings.get('table.ministry')], ['amount', strings.get('table.amount')]],
    });
    for (const s of cmp.supplementary.scopes)
      for (const m of s.ministries)
        byMinistry.row(`${s.scope}-${m.code}`, [
          scopeName(s.scope),
          locale.shortName(m.names),
          amount(locale, `${title} ${scopeName(s.scope)} ${locale.name(m.names)}`, m.amount, { ...about, scope: s.scope, ministry: m.code }, { printed: ref(s.scope, m.code) }),
        ]);
  }
  if (cmp.adjustmentFund) {
    const f = cmp.adjustmentFund;
    const name = locale.lang === 'ja' ? f.name : f.nameEn;
    const title = strings.fill('heading.adjustmentFund', { name });
    const ref = (field: 'total' | 'medicalShare'): DataRef => ({ kind: 'adjustmentFund', document: f.source, fiscalYear: f.fiscalYear, field });
    book
      .table({ id: 'adjustment-fund', title, section: 'supplementary', columns: [['name', strings.get('table.scope')], ['total', strings.get('table.amount')], ['medicalShare', title]] })
      .row('fund', [
        name,
        amount(locale, `${name} ${cur}`, f.total, { fiscalYear: f.fiscalYear, ministry: f.ministry }, { printed: ref('total') }),
        amount(locale, `${title} ${cur}`, f.medicalShare, { fiscalYear: f.fiscalYear, ministry: f.ministry }, { printed: ref('medicalShare') }),
      ]);
  }

  // The projects of the year.
  const pb = cmp.projects;
  if (pb) {
    const projectRef = (id: string, field: 'total' | 'amed' | 'inhouse'): DataRef => ({ kind: 'project', document: pb.source, fiscalYear: pb.fiscalYear, project: id, field });
    const fund = (f: 'none' | 'part' | 'whole' | 'unknown') => (f === 'none' || f === 'unknown' ? '' : strings.get(f === 'part' ? 'yoy.fundPart' : 'yoy.fundWhole'));
    const table = book.table({
      id: 'projects',
      title: strings.get('table.project'),
      section: 'projects',
      charts: [strings.fill('yoy.chartProjectsCaption', { year: cur })],
      columns: [['number', strings.get('table.number')], ['project', strings.get('table.project')], ['total', cur], ['amed', strings.get('table.amed')], ['inhouse', strings.get('table.inhouse')], ['remark', strings.get('table.remark')]],
    });
    for (const r of pb.rows) {
      const name = locale.name(projectAsOf(dataset, r.project, pb.fiscalYear, pb));
      const about = { fiscalYear: pb.fiscalYear, budget: 'initial' as const, project: r.project };
      const total = amount(locale, `${name} ${cur}`, r.total, about, { printed: projectRef(r.project, 'total') });
      if (r.total === null) total.display = strings.fill('yoy.fundAmountUnstated', { fund: fund(r.fundBased) });
      table.row(r.project, [
        String(r.number),
        name,
        total,
        amount(locale, `${name} ${scopeName('amed')} ${cur}`, r.amed, { ...about, scope: 'amed' }, { printed: projectRef(r.project, 'amed') }),
        r.inhouse === 0 ? '—' : amount(locale, `${name} ${scopeName('inhouse')} ${cur}`, r.inhouse, { ...about, scope: 'inhouse' }, { printed: projectRef(r.project, 'inhouse') }),
        fund(r.fundBased),
      ]);
    }
    const remaining = strings.get('table.remaining');
    const remainingRef = (field: 'amed' | 'inhouse'): DataRef => ({ kind: 'remaining', document: pb.source, fiscalYear: pb.fiscalYear, field });
    // A partial edition may leave the remaining expenses out altogether: unknown, as a stated 'unknown' is.
    const value = (v: number | 'unknown' | undefined) => (v === undefined || v === 'unknown' ? null : v);
    table.row('remaining', [
      '',
      remaining,
      '',
      amount(locale, `${remaining} ${scopeName('amed')} ${cur}`, value(pb.remaining?.amed), { fiscalYear: pb.fiscalYear, scope: 'amed' }, { printed: remainingRef('amed') }),
      amount(locale, `${remaining} ${scopeName('inhouse')} ${cur}`, value(pb.remaining?.inhouse), { fiscalYear: pb.fiscalYear, scope: 'inhouse' }, { printed: remainingRef('inhouse') }),
      '',
    ]);
    const [amed, inhouse] = cmp.scopes;
    table.row('total', [
      '',
      strings.get('table.projectTotal'),
      '',
      ...[amed, inhouse].map((s) =>
        s ? amount(locale, `${scopeName(s.scope)} ${cur}`, s.current, { fiscalYear: cmp.fiscalYear, budget: 'initial', scope: s.scope }, { printed: budgetRef(cmp.fiscalYear, s.scope) }) : '',
      ),
      '',
    ]);
  }
  return book;
}
