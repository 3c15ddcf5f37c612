import type { MinistryFocus } from '../../compare/ministry-focus.ts';
import { findBudget } from '../../compare/lookup.ts';
import { amountLabel } from '../../render/view/program-detail-view.ts';
import type { ScopeId } from '../../schema/common.ts';
import type { ViewContext } from '../../render/view/common.ts';
import type { DataRef } from '../data-ref.ts';
import { FigureBook } from '../figure-book.ts';
import { amount, changeFigures, shareFigure } from './draft.ts';

/** The figures of a ministry edition, from the same focus the view prints. */
export function ministryEditionFigures(ctx: ViewContext, f: MinistryFocus): FigureBook {
  const { dataset, locale, strings } = ctx;
  const book = new FigureBook();
  const name = locale.name(f.names);
  const cur = locale.year(f.fiscalYear);
  const base = locale.year(f.baseFiscalYear);
  const scopeName = (id: ScopeId) => locale.shortName(f.scopeNames[id]);
  const budgetRef = (fy: number, type: 'initial' | 'supplementary', scope: ScopeId, own = true): DataRef => ({
    kind: 'budget', document: findBudget(dataset, fy, type)?.source ?? '', fiscalYear: fy, type, scope, ...(own ? { ministry: f.code } : {}),
  });
  const columns: [string, string][] = [['scope', strings.get('table.scope')], ['current', cur], ['base', base], ['change', strings.get('table.change')], ['percent', strings.get('table.percent')], ['share', strings.get('table.share')]];
  const listed = f.scopes.some((s) => s.current !== null || s.base !== null);

  // The cards and the scope table show the same figures; the table only where the ministry is listed.
  for (const [id, section] of [['headline', 'headline'], ['scopes', 'scopes']] as const) {
    if (id === 'scopes' && !listed) continue;
    const table = book.table({ id, title: id === 'headline' ? strings.get('heading.overview') : strings.fill('ministry.scopesHeading', { ministry: name }), section, columns });
    for (const s of f.scopes) {
      const subject = `${name} ${scopeName(s.scope)}`;
      const about = { fiscalYear: f.fiscalYear, baseFiscalYear: f.baseFiscalYear, budget: 'initial' as const, scope: s.scope, ministry: f.code };
      const now = budgetRef(f.fiscalYear, 'initial', s.scope);
      const before = budgetRef(f.baseFiscalYear, 'initial', s.scope);
      const labels = { amount: `${subject} ${strings.get('table.change')} (${cur}/${base})`, percent: `${subject} ${strings.get('table.percent')} (${cur}/${base})` };
      const single = { ...about, baseFiscalYear: undefined };
      // A card shows the share where there is one, otherwise the base year's amount.
      const card = id === 'headline';
      table.row(s.scope, [
        scopeName(s.scope),
        amount(locale, `${subject} ${cur}`, s.current, single, { printed: now }),
        card && s.share !== null ? '' : amount(locale, `${subject} ${base}`, s.base, { ...single, fiscalYear: f.baseFiscalYear }, { printed: before }),
        ...(s.change ? changeFigures(locale, labels, s.change, about, { computedFrom: [now, before] }) : [card ? '' : '—', card ? '' : '—']),
        card && s.share === null ? '' : shareFigure(locale, `${subject} ${strings.get('table.share')} ${cur}`, s.share, single, [now, budgetRef(f.fiscalYear, 'initial', s.scope, false)]),
      ]);
    }
  }
  // The ministry's AMED + in-house, stated in the overview's sentences where it is listed in both years.
  if (f.total) {
    const label = `${name} ${strings.get('table.sum')}`;
    const listedScopes = f.scopes.filter((s) => s.current !== null && s.base !== null);
    const now = listedScopes.map((s) => budgetRef(f.fiscalYear, 'initial', s.scope));
    const before = listedScopes.map((s) => budgetRef(f.baseFiscalYear, 'initial', s.scope));
    const about = { fiscalYear: f.fiscalYear, baseFiscalYear: f.baseFiscalYear, budget: 'initial' as const, ministry: f.code };
    book
      .table({ id: 'headline-total', title: `${strings.get('heading.overview')}: ${label}`, section: 'headline', columns: [['label', strings.get('table.scope')], ['current', cur], ['change', strings.get('table.change')], ['percent', strings.get('table.percent')]] })
      .row('total', [
        label,
        amount(locale, `${label} ${cur}`, f.total.current, { ...about, baseFiscalYear: undefined }, { computed: now }),
        ...changeFigures(locale, { amount: `${label} ${strings.get('table.change')} (${cur}/${base})`, percent: `${label} ${strings.get('table.percent')} (${cur}/${base})` }, f.total.change, about, { computedFrom: [...now, ...before] }),
      ]);
  }

  const latest = f.supplementary.at(-1);
  if (latest) {
    const label = strings.fill('yoy.cardSupplementary', { year: locale.year(latest.fiscalYear) });
    book
      .table({ id: 'headline-supplementary', title: `${strings.get('heading.overview')}: ${label}`, section: 'headline', columns: [['label', strings.get('table.scope')], ['amount', strings.get('table.amount')]] })
      .row('latest', [
        label,
        amount(locale, `${name} ${label}`, latest.parts.reduce((sum, p) => sum + p.amount, 0), { fiscalYear: latest.fiscalYear, budget: 'supplementary', ministry: f.code }, {
          computed: latest.parts.map((p) => budgetRef(latest.fiscalYear, 'supplementary', p.scope)),
        }),
      ]);
  }

  if (f.adjustmentFund) {
    const fund = f.adjustmentFund;
    const fundName = locale.lang === 'ja' ? fund.name : fund.nameEn;
    const ref = (field: 'total' | 'medicalShare'): DataRef => ({ kind: 'adjustmentFund', document: fund.source, fiscalYear: fund.fiscalYear, field });
    const title = strings.fill('heading.adjustmentFund', { name: fundName });
    book
      .table({ id: 'adjustment-fund', title, section: 'headline', columns: [['name', strings.get('table.scope')], ['total', strings.get('table.amount')], ['medicalShare', title]] })
      .row('fund', [
        fundName,
        amount(locale, `${fundName} ${cur}`, fund.total, { fiscalYear: fund.fiscalYear, ministry: fund.ministry }, { printed: ref('total') }),
        amount(locale, `${title} ${cur}`, fund.medicalShare, { fiscalYear: fund.fiscalYear, ministry: fund.ministry }, { printed: ref('medicalShare') }),
      ]);
  }

  if (f.supplementary.length > 0) {
    const table = book.table({
      id: 'supplementary',
      title: strings.get('table.supplementary'),
      section: 'supplementary',
      columns: [['year', strings.get('table.year')], ['scope', strings.get('table.scope')], ['amount', strings.get('table.amount')]],
    });
    for (const s of [...f.supplementary].reverse())
      for (const p of s.parts)
        table.row(`${s.fiscalYear}-${p.scope}`, [
          locale.year(s.fiscalYear),
          scopeName(p.scope),
          amount(locale, `${name} ${scopeName(p.scope)} ${locale.year(s.fiscalYear)} ${strings.get('table.supplementary')}`, p.amount, { fiscalYear: s.fiscalYear, budget: 'supplementary', scope: p.scope, ministry: f.code }, {
            printed: budgetRef(s.fiscalYear, 'supplementary', p.scope),
          }),
        ]);
  }

  if (f.trend.series.some((s) => s.values.some((v) => v !== null))) {
    const first = f.trend.years[0] ?? f.fiscalYear;
    const table = book.table({
      id: 'trend',
      title: strings.fill('heading.trend', { span: `${locale.year(first)}–${locale.year(f.fiscalYear)}` }),
      section: 'trend',
      charts: [strings.fill('ministry.trendCaption', { ministry: name, span: `${locale.year(first)}–${locale.year(f.fiscalYear)}` })],
      columns: [['scope', strings.get('table.scope')], ...f.trend.years.map((y): [string, string] => [`fy${y}`, locale.year(y)])],
    });
    for (const s of f.trend.series)
      table.row(s.scope, [
        scopeName(s.scope),
        ...s.values.map((v, i) => {
          const fy = f.trend.years[i] ?? f.fiscalYear;
          return amount(locale, `${name} ${scopeName(s.scope)} ${locale.year(fy)}`, v, { fiscalYear: fy, budget: 'initial', scope: s.scope, ministry: f.code }, { printed: budgetRef(fy, 'initial', s.scope) });
        }),
      ]);
  }

  for (const { detail, project, own } of f.programs) {
    if (own.length === 0) continue;
    const proj = locale.name(project);
    const label = amountLabel(ctx, detail);
    const groupName = new Map(detail.groups.map((g) => [g.id, locale.lang === 'ja' ? g.name : g.nameEn]));
    const ref = (programName: string, field: 'amount' | 'inhouseAmount'): DataRef => ({ kind: 'program', document: detail.source, fiscalYear: detail.fiscalYear, project: detail.project, name: programName, field });
    const table = book.table({
      id: `programs-${detail.project}-${detail.fiscalYear}`,
      title: strings.fill('heading.programs', { project: proj, label: label }),
      section: 'programs',
      charts: [strings.fill('ministry.programsCaption', { ministry: name, label: label })],
      columns: [['program', strings.get('table.program')], ['group', strings.get('table.group')], ['amount', strings.get('table.amount')], ['inhouse', strings.get('table.inhouse')]],
    });
    for (const p of own) {
      const about = { fiscalYear: detail.fiscalYear, project: detail.project, program: p.name, ministry: f.code };
      table.row(p.name, [
        p.name,
        groupName.get(p.group) ?? p.group,
        amount(locale, `${p.name} ${label}`, p.amount, { ...about, scope: 'amed' }, { printed: ref(p.name, 'amount') }),
        p.inhouseAmount === undefined ? '—' : amount(locale, `${p.name} ${strings.get('table.inhouse')} ${label}`, p.inhouseAmount, { ...about, scope: 'inhouse' }, { printed: ref(p.name, 'inhouseAmount') }),
      ]);
    }
  }
  return book;
}
