import type { ProgramBreakdown } from '../../compare/program-detail.ts';
import { ministry } from '../../compare/lookup.ts';
import type { MinistryCode } from '../../schema/common.ts';
import { formatShare, roundTo } from '../../format/number.ts';
import type { ViewContext } from '../../render/view/common.ts';
import type { DataRef } from '../data-ref.ts';
import { FigureBook } from '../figure-book.ts';
import { amount } from './draft.ts';

/** The figures of a program detail briefing (written in Japanese), from the same breakdown the view prints. */
export function programDetailFigures(ctx: ViewContext, breakdown: ProgramBreakdown): FigureBook {
  const { dataset, locale } = ctx;
  const { detail } = breakdown;
  const book = new FigureBook();
  const about = { fiscalYear: detail.fiscalYear, project: detail.project };
  const programRef = (name: string, field: 'amount' | 'inhouseAmount'): DataRef => ({ kind: 'program', document: detail.source, fiscalYear: detail.fiscalYear, project: detail.project, name, field });
  const detailRef = (field: 'amed' | 'inhouse'): DataRef => ({ kind: 'programDetail', document: detail.source, fiscalYear: detail.fiscalYear, project: detail.project, field });
  const ministryName = (code: MinistryCode | 'unknown') => (code === 'unknown' ? locale.unstated : ministry(dataset, code).shortName);
  const groupName = new Map(detail.groups.map((g) => [g.id, g.name]));
  const total = breakdown.programs.reduce((s, p) => s + p.amount, 0);
  const allRefs = breakdown.programs.map((p) => programRef(p.name, 'amount'));

  // Groups and ministries are sums of the programs: computed, with their shares of the programs' total.
  const share = (value: number, label: string, refs: DataRef[]) => ({
    label, value: roundTo((value / total) * 100, 1), display: formatShare((value / total) * 100), unit: '%' as const, measure: 'share' as const, status: 'known' as const, origin: 'computed' as const, refs: [...refs, ...allRefs], ...about,
  });
  const count = (value: number, label: string, refs: DataRef[]) => ({
    label, value, display: String(value), unit: '件' as const, measure: 'count' as const, status: 'known' as const, origin: 'computed' as const, refs, ...about,
  });
  book
    .table({ id: 'headline', title: '概要', section: 'headline', columns: [['scope', '区分'], ['amount', detail.label]] })
    .row('amed', ['AMED対象経費', amount(locale, `AMED対象経費 ${detail.label}`, detail.amed, { ...about, scope: 'amed' }, { printed: detailRef('amed') })])
    .row('inhouse', ['インハウス研究機関経費', amount(locale, `インハウス研究機関経費 ${detail.label}`, detail.inhouse, { ...about, scope: 'inhouse' }, { printed: detailRef('inhouse') })])
    .row('programs', ['事業数', { ...count(detail.programs.length, '事業数', allRefs), display: `${detail.programs.length}事業` }]);

  // The reference to the project's amount in the latest project budget, as the page states it beside the programs.
  const latest = dataset.projectBudgets
    .filter((b) => b.projects.some((p) => p.project === detail.project))
    .map((b) => ({ budget: b, p: b.projects.find((p) => p.project === detail.project) }))
    .at(-1);
  const p = latest?.p;
  if (latest && p && p.total !== 'unknown') {
    const { budget } = latest;
    const y = locale.year(budget.fiscalYear);
    const ref = (field: 'total' | 'amed' | 'inhouse'): DataRef => ({ kind: 'project', document: budget.source, fiscalYear: budget.fiscalYear, project: detail.project, field });
    const of = { fiscalYear: budget.fiscalYear, budget: 'initial' as const, project: detail.project };
    const table = book.table({ id: 'context', title: `参考：${y}のプロジェクト予算`, section: 'headline', columns: [['scope', '区分'], ['amount', y]] });
    table.row('total', ['合計', amount(locale, `プロジェクト ${y}`, p.total, of, { printed: ref('total') })]);
    // A partial edition may give the total without its split: then only the total is stated.
    if (p.split !== 'amed-only' && p.split !== 'unknown')
      table
        .row('amed', ['AMED', amount(locale, `プロジェクト AMED ${y}`, p.split.amed, { ...of, scope: 'amed' }, { printed: ref('amed') })])
        .row('inhouse', ['インハウス', amount(locale, `プロジェクト インハウス ${y}`, p.split.inhouse, { ...of, scope: 'inhouse' }, { printed: ref('inhouse') })]);
  }

  const programs = book.table({
    id: 'programs',
    title: '事業別の金額',
    section: 'programs',
    charts: [`事業別の金額（${detail.label}、所管省庁別の色分け）`],
    columns: [['rank', '順位'], ['program', '事業'], ['ministry', '所管'], ['group', '区分'], ['amount', '金額'], ['inhouse', 'インハウス']],
  });
  breakdown.programs.forEach((p, i) => {
    const of = { ...about, program: p.name, ministry: p.ministry };
    programs.row(p.name, [
      String(i + 1),
      p.name,
      ministryName(p.ministry),
      groupName.get(p.group) ?? p.group,
      amount(locale, `${p.name} ${detail.label}`, p.amount, { ...of, scope: 'amed' }, { printed: programRef(p.name, 'amount') }),
      p.inhouseAmount === undefined ? '—' : amount(locale, `${p.name} インハウス ${detail.label}`, p.inhouseAmount, { ...of, scope: 'inhouse' }, { printed: programRef(p.name, 'inhouseAmount') }),
    ]);
  });

  const groups = book.table({ id: 'groups', title: '区分別', section: 'programs', columns: [['group', '区分'], ['amount', '金額'], ['share', '構成比'], ['programs', '事業数']] });
  for (const g of breakdown.groups) {
    const refs = detail.programs.filter((p) => p.group === g.id).map((p) => programRef(p.name, 'amount'));
    groups.row(g.id, [g.name, amount(locale, `${g.name} ${detail.label}`, g.amount, about, { computed: refs }), share(g.amount, `${g.name} 構成比`, refs), count(g.programs, `${g.name} 事業数`, refs)]);
  }
  const ministries = book.table({ id: 'ministries', title: '所管省庁別', section: 'programs', columns: [['ministry', '所管省庁'], ['amount', '金額'], ['share', '構成比'], ['programs', '事業数']] });
  for (const m of breakdown.ministries) {
    const name = m.code === 'unknown' ? `所管省庁の${locale.unstated}` : ministry(dataset, m.code).name;
    const refs = detail.programs.filter((p) => p.ministry === m.code).map((p) => programRef(p.name, 'amount'));
    ministries.row(m.code, [
      name,
      amount(locale, `${name} ${detail.label}`, m.amount, { ...about, ministry: m.code }, { computed: refs }),
      { ...share(m.amount, `${name} 構成比`, refs), ministry: m.code },
      { ...count(m.programs, `${name} 事業数`, refs), ministry: m.code },
    ]);
  }
  return book;
}
