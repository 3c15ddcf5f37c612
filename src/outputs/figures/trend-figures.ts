import type { Trend } from '../../compare/trend.ts';
import { computeChange } from '../../compare/year-comparison.ts';
import { findBudget, ministry, project, scope as scopeInfo, SCOPES } from '../../compare/lookup.ts';
import type { MinistryCode, ScopeId } from '../../schema/common.ts';
import type { ViewContext } from '../../render/view/common.ts';
import type { DataRef } from '../data-ref.ts';
import { FigureBook } from '../figure-book.ts';
import { amount, changeFigures } from './draft.ts';

/** The figures of a trend briefing (written in Japanese), from the same trend the view prints. */
export function trendFigures(ctx: ViewContext, trend: Trend): FigureBook {
  const { dataset, locale } = ctx;
  const book = new FigureBook();
  const short = (id: ScopeId) => scopeInfo(dataset, id).shortName;
  const ref = (fy: number, type: 'initial' | 'supplementary', scope: ScopeId, code?: MinistryCode): DataRef => ({
    kind: 'budget', document: findBudget(dataset, fy, type)?.source ?? '', fiscalYear: fy, type, scope, ...(code ? { ministry: code } : {}),
  });
  const orNull = (v: number | null | undefined) => v ?? null;
  // A total of the stated scopes only would pass for the whole budget: unknown unless both are stated.
  const sumOrNull = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);

  const totals = book.table({
    id: 'totals',
    title: '当初予算と補正予算',
    section: 'totals',
    charts: [`当初予算と補正予算の推移`],
    columns: [['year', '年度'], ['amed', '当初予算 AMED対象経費'], ['inhouse', '当初予算 インハウス'], ['total', '当初予算 合計（算出）'], ['supAmed', '補正予算 AMED対象経費'], ['supInhouse', '補正予算 インハウス'], ['supTotal', '補正予算 計']],
  });
  for (const r of trend.rows) {
    const y = locale.year(r.fiscalYear);
    const initial = { fiscalYear: r.fiscalYear, budget: 'initial' as const };
    const sup = { fiscalYear: r.fiscalYear, budget: 'supplementary' as const };
    const supTotal = r.supplementary ? (r.supplementary.total ?? sumOrNull(r.supplementary.amed, r.supplementary.inhouse)) : null;
    totals.row(`fy${r.fiscalYear}`, [
      y,
      ...SCOPES.map((s) => amount(locale, `${short(s)} ${y} 当初`, orNull(r.initial?.[s]), { ...initial, scope: s }, { printed: ref(r.fiscalYear, 'initial', s) })),
      amount(locale, `合計（算出） ${y} 当初`, r.initial ? sumOrNull(r.initial.amed, r.initial.inhouse) : null, initial, { computed: SCOPES.map((s) => ref(r.fiscalYear, 'initial', s)) }),
      ...SCOPES.map((s) => amount(locale, `${short(s)} ${y} 補正`, orNull(r.supplementary?.[s]), { ...sup, scope: s }, { printed: ref(r.fiscalYear, 'supplementary', s) })),
      amount(locale, `補正予算 計 ${y}`, supTotal, sup,
        r.supplementary?.total != null
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
      title: '概要：当初予算の推移',
      section: 'totals',
      columns: [['scope', '区分'], ['from', '起点'], ['first', '起点の金額'], ['to', '終点'], ['last', '終点の金額'], ['change', '増▲減額'], ['percent', '増▲減率']],
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
        amount(locale, `${short(s)} ${from} 当初`, first.value, { ...about, fiscalYear: first.fiscalYear, baseFiscalYear: undefined }, { printed: refs[0] }),
        to,
        amount(locale, `${short(s)} ${to} 当初`, last.value, { ...about, baseFiscalYear: undefined }, { printed: refs[1] }),
        ...changeFigures(locale, { amount: `${short(s)} 増▲減額 (${from}→${to})`, percent: `${short(s)} 増▲減率 (${from}→${to})` }, computeChange(last.value, first.value), about, { computedFrom: [...refs] }),
      ]);
    }
  }

  for (const s of SCOPES) {
    const table = book.table({
      id: `ministries-${s}`,
      title: `省庁別の当初予算: ${short(s)}`,
      section: 'ministries',
      charts: ['省庁別の当初予算の推移'],
      columns: [['ministry', '省庁'], ...trend.years.map((y): [string, string] => [`fy${y}`, locale.year(y)])],
    });
    for (const m of trend.ministries.filter((x) => x.scope === s)) {
      const name = ministry(dataset, m.code).name;
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
      title: `統合プロジェクト：${locale.year(p.fromYear)}と${locale.year(p.toYear)}`,
      section: 'projects',
      charts: [`プロジェクトの対応関係と予算（${locale.year(p.fromYear)}・${locale.year(p.toYear)}）`],
      columns: [['year', '年度'], ['project', 'プロジェクト'], ['amount', '金額']],
    });
    const seen = new Set<string>();
    for (const t of p.transitions)
      for (const [fy, list] of [[p.fromYear, t.from], [p.toYear, t.to]] as const)
        for (const x of list) {
          const key = `fy${fy}-${x.project}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const name = project(dataset, x.project).name;
          amounts.row(key, [locale.year(fy), name, amount(locale, `${name} ${locale.year(fy)}`, x.amount, { fiscalYear: fy, project: x.project }, { printed: projectRef(fy, x.project) })]);
        }
    const changes = book.table({
      id: 'project-changes',
      title: `統合プロジェクトの増減：${locale.year(p.fromYear)}→${locale.year(p.toYear)}`,
      section: 'projects',
      columns: [['from', `${locale.year(p.fromYear)}`], ['to', `${locale.year(p.toYear)}`], ['change', '増▲減額'], ['percent', '増▲減率']],
    });
    for (const t of p.transitions) {
      if (!t.change) continue;
      const from = t.from.map((x) => project(dataset, x.project).name).join('＋');
      const to = t.to.map((x) => project(dataset, x.project).name).join('＋');
      const subject = `${from} → ${to}`;
      changes.row(`${t.from.map((x) => x.project).join('+')}>${t.to.map((x) => x.project).join('+')}`, [
        from,
        to,
        ...changeFigures(locale, { amount: `${subject} 増▲減額`, percent: `${subject} 増▲減率` }, t.change, { fiscalYear: p.toYear, baseFiscalYear: p.fromYear }, {
          computedFrom: [...t.from.map((x) => projectRef(p.fromYear, x.project)), ...t.to.map((x) => projectRef(p.toYear, x.project))],
        }),
      ]);
    }
  }
  // Each strategy period's projects year by year, as the period tables print them.
  const periodName = (n: number) => dataset.reference.periods.find((x) => x.period === n)?.name ?? `第${n}期`;
  const editionOf = (fy: number) => dataset.projectBudgets.find((b) => b.fiscalYear === fy)?.source ?? '';
  const totalRef = (fy: number, id: string): DataRef => ({ kind: 'project', document: editionOf(fy), fiscalYear: fy, project: id, field: 'total' });
  for (const period of trend.periods) {
    const first = period.years[0] ?? 0;
    const last = period.years.at(-1) ?? 0;
    const table = book.table({
      id: `period-${period.period}`,
      title: `${periodName(period.period)}のプロジェクト別予算（${locale.year(first)}～${locale.year(last)}）`,
      section: 'projects',
      columns: [
        ['number', '番号'],
        ['project', 'プロジェクト'],
        ...period.years.flatMap((fy): [string, string][] => [[`fy${fy}`, locale.year(fy)], [`fy${fy}-change`, `${locale.year(fy)} 増▲減額`], [`fy${fy}-percent`, `${locale.year(fy)} 増▲減率`]]),
      ],
    });
    for (const proj of period.projects) {
      table.row(proj.project, [
        String(proj.number),
        proj.years.findLast((y) => y.stated)?.name ?? project(dataset, proj.project).name,
        ...proj.years.flatMap((y) => {
          const label = `${y.name} ${locale.year(y.fiscalYear)}`;
          const figure = amount(locale, label, y.total, { fiscalYear: y.fiscalYear, budget: 'initial', project: proj.project }, { printed: totalRef(y.fiscalYear, proj.project) });
          // As printed: a whole fund-based project has no amount of its own, not a missing one.
          if (y.stated && y.total === null && y.fundBased === 'whole') figure.display = '基金事業（金額記載なし）';
          const from = y.changeFrom;
          if (!y.change || from === null) return [figure, '', ''];
          return [
            figure,
            ...changeFigures(locale, { amount: `${label} 増▲減額（${locale.year(from)}比）`, percent: `${label} 増▲減率（${locale.year(from)}比）` }, y.change, { fiscalYear: y.fiscalYear, baseFiscalYear: from, project: proj.project }, {
              computedFrom: [totalRef(y.fiscalYear, proj.project), totalRef(from, proj.project)],
            }),
          ];
        }),
      ]);
    }
  }
  return book;
}
