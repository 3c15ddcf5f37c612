import type { Dataset } from '../../load/merge-documents.ts';
import type { ProgramBreakdown } from '../../compare/program-detail.ts';
import { ministry } from '../../compare/lookup.ts';
import { projectAsOf } from '../../compare/names.ts';
import { formatOku, formatShare } from '../../format/number.ts';
import {
  chartView,
  documentNotes,
  sourceLines,
  UNSTATED,
  yearLabel,
  yearWithWestern,
  type ChartView,
  type NoteList,
  authorOf,
  pageView,
  type PageView,
  type ViewContext,
} from './common.ts';

export interface ProgramDetailView extends PageView {
  projectName: string;
  draftBanner: string;
  label: string;
  cards: { label: string; value: string; note: string }[];
  description: string;
  context: string;
  programs: { rank: number; name: string; ministry: string; group: string; flags: string[]; amount: string; inhouse: string; summary: string }[];
  chart: ChartView;
  groups: { name: string; amount: string; share: string; programs: number }[];
  ministries: { name: string; amount: string; share: string; programs: number }[];
  flagged: { flag: string; programs: string }[];
  keyPoints: { heading: string; programs: { name: string; ministry: string; points: string[] }[] }[];
  documentNotes: string[];
  notes: NoteList;
}

export async function buildProgramDetailView(ctx: ViewContext, breakdown: ProgramBreakdown): Promise<ProgramDetailView> {
  const { dataset } = ctx;
  const { detail } = breakdown;
  const doc = dataset.documents.find((d) => d.id === detail.source);
  // The name the detail's own edition used.
  const edition = doc?.editionFiscalYear ?? detail.fiscalYear;
  const proj = projectAsOf(dataset, detail.project, edition, dataset.projectBudgets.find((b) => b.fiscalYear === edition));
  const fy = yearLabel(detail.fiscalYear);
  const groupName = new Map(detail.groups.map((g) => [g.id, g.name]));
  const ministryName = (code: string) => (code === 'unknown' ? `${UNSTATED}` : ministry(dataset, code as never).shortName);
  const total = breakdown.programs.reduce((s, p) => s + p.amount, 0);

  const draftBanner = detail.draft
    ? `この資料の金額は「${doc?.title ?? detail.source}」に掲載された${detail.label}です。${fy}（${detail.fiscalYear}年度）の予算案の数値であり、${doc ? yearLabel(doc.editionFiscalYear) : ''}の事業別金額ではありません。`
    : `この資料の金額は「${doc?.title ?? detail.source}」に掲載された${detail.label}です。`;

  const current = dataset.projectBudgets
    .filter((b) => b.projects.some((p) => p.project === detail.project))
    .map((b) => ({ fy: b.fiscalYear, p: b.projects.find((p) => p.project === detail.project) }))
    .at(-1);
  const context =
    current?.p && current.p.total !== 'unknown'
      ? `参考：${yearLabel(current.fy)}の${proj.name}は${formatOku(current.p.total)}${current.p.split === 'amed-only' || current.p.split === 'unknown' ? '' : `（AMED ${formatOku(current.p.split.amed)}、インハウス ${formatOku(current.p.split.inhouse)}）`}。年度が異なるため、本資料の事業別金額とは直接比較できません。`
      : '';

  const unknownMinistry = detail.programs.filter((p) => p.ministry === 'unknown');
  const chartRows = breakdown.programs.map((p, i) => ({
    program: `${p.name}${p.flags.length ? ` 【${p.flags.join('・')}】` : ''}`,
    order: i,
    ministry: ministryName(p.ministry),
    amount: p.amount,
    label: formatOku(p.amount),
  }));

  const flaggedCount = (flag: string) => breakdown.flagged.find((f) => f.flag === flag)?.programs.length ?? 0;
  const meta = {
      lang: 'ja' as const,
      title: `${proj.name} 事業別内訳（${detail.label}）`,
      subtitle: `${yearWithWestern(detail.fiscalYear)}の予算案による事業別の金額・所管省庁・区分`,
      runningHeader: `${proj.name} 事業別内訳 ${detail.label}`,
      subject: `${proj.name}の事業別内訳（${detail.label}、FY${detail.fiscalYear} draft）`,
      keywords: ['医療分野の研究開発関連予算', proj.name, '事業', detail.label, `FY${detail.fiscalYear}`],
      sources: sourceLines(ctx, [detail.source]),
      author: authorOf(ctx, [detail.source]),
  };
  return {
    ...pageView(ctx, meta),
    projectName: proj.name,
    draftBanner,
    label: detail.label,
    cards: [
      { label: 'AMED対象経費', value: formatOku(detail.amed), note: detail.label },
      { label: 'インハウス研究機関経費', value: formatOku(detail.inhouse), note: detail.label },
      { label: '事業数', value: `${detail.programs.length}事業`, note: `新規 ${flaggedCount('新規')}・拡充 ${flaggedCount('拡充')}` },
    ],
    description: detail.description,
    context,
    programs: breakdown.programs.map((p, i) => ({
      rank: i + 1,
      name: p.name,
      ministry: ministryName(p.ministry),
      group: groupName.get(p.group) ?? p.group,
      flags: p.flags,
      amount: formatOku(p.amount),
      inhouse: p.inhouseAmount === undefined ? '—' : formatOku(p.inhouseAmount),
      summary: p.summary,
    })),
    chart: await chartView(
      ctx,
      'programs',
      chartRows,
      `横棒グラフ：${proj.name}の事業別AMED対象経費（${detail.label}）、金額の大きい順。` +
        breakdown.programs.map((p) => `${p.name}（${ministryName(p.ministry)}）${formatOku(p.amount)}`).join('、'),
      `事業別の金額（${detail.label}、所管省庁別の色分け）`,
    ),
    groups: breakdown.groups.map((g) => ({ name: g.name, amount: formatOku(g.amount), share: formatShare((g.amount / total) * 100), programs: g.programs })),
    ministries: breakdown.ministries.map((m) => ({
      name: m.code === 'unknown' ? `所管省庁の${UNSTATED}` : ministry(dataset, m.code).name,
      amount: formatOku(m.amount),
      share: formatShare((m.amount / total) * 100),
      programs: m.programs,
    })),
    flagged: breakdown.flagged.map((f) => ({ flag: f.flag, programs: f.programs.join('、') || 'なし' })),
    keyPoints: detail.groups.map((g) => ({
      heading: g.heading ?? g.name,
      programs: detail.programs
        .filter((p) => p.group === g.id && p.points.length > 0)
        .map((p) => ({ name: p.name, ministry: ministryName(p.ministry), points: p.points })),
    })),
    documentNotes: detail.notes,
    notes: {
      ...documentNotes(ctx, [detail.source]),
      status: [
        ...(detail.draft ? [`金額は${detail.label}（${fy}の予算案）です。`] : []),
        ...documentNotes(ctx, [detail.source]).status,
      ],
      unknown: [
        ...unknownMinistry.map((p) => `${p.name}の所管省庁（資料の事業一覧に記載なし）`),
        '資料の公表日',
      ],
      method: ['区分・所管省庁別の金額と構成比は、事業別の金額から算出しています。'],
    },
  };
}
