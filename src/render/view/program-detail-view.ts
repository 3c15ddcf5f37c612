import type { ProgramBreakdown, ProgramRow } from '../../compare/program-detail.ts';
import type { ProgramDetail, ProgramFlag } from '../../schema/source-document.ts';
import {
  authorOf,
  ChartList,
  documentNotes,
  sourceLines,
  type BodyView,
  type Built,
  type ChartView,
  type ViewText,
} from './common.ts';

export interface ProgramDetailView extends BodyView {
  projectName: string;
  draftBanner: string;
  label: string;
  programsHeading: string;
  pointsHeading: string;
  cards: { label: string; value: string; note: string }[];
  description: string;
  context: string;
  /** Headers of the tables' amount columns: in English they carry the unit the cells leave out. */
  columns: { amount: string; inhouse: string };
  programs: { rank: number; name: string; ministry: string; group: string; flags: string[]; amount: string; inhouse: string; summary: string }[];
  chart: ChartView;
  groups: { name: string; amount: string; share: string; programs: number }[];
  ministries: { name: string; amount: string; share: string; programs: number }[];
  flagged: { flag: string; programs: string }[];
  keyPoints: { heading: string; programs: { name: string; heading: string; points: string[] }[] }[];
  documentNotes: string[];
}

const flagName = (text: ViewText, flag: ProgramFlag) => text.strings.get(`flag.${flag}`);

/** The amount label: as printed in Japanese (the detail's `label`); said in words in other languages. */
export function amountLabel(text: ViewText, detail: Pick<ProgramDetail, 'label' | 'draft' | 'fiscalYear'>): string {
  return text.strings.fill(detail.draft ? 'program.labelDraft' : 'program.labelFinal', { printed: detail.label, year: text.locale.year(detail.fiscalYear) });
}

function ministryShort(text: ViewText, p: ProgramRow): string {
  return p.ministryNames ? text.locale.shortName(p.ministryNames) : text.locale.unstated;
}

function programLabel(text: ViewText, p: ProgramRow): string {
  return p.flags.length ? `${p.name}${text.strings.fill('program.chartFlags', { flags: p.flags.map((f) => flagName(text, f)).join(text.strings.get('common.nameJoin')) })}` : p.name;
}

function draftBanner(text: ViewText, b: ProgramBreakdown, label: string): string {
  const { strings, locale } = text;
  const doc = b.documents[0];
  const vars = {
    title: doc ? (locale.lang === 'ja' ? doc.title : doc.titleEn) : b.detail.source,
    label,
    yearFull: locale.yearFull(b.detail.fiscalYear),
    edition: doc ? locale.year(doc.editionFiscalYear) : '',
  };
  return strings.fill(b.detail.draft ? 'program.bannerDraft' : 'program.banner', vars);
}

function contextSentence(text: ViewText, b: ProgramBreakdown, project: string): string {
  const { strings, locale } = text;
  const c = b.context;
  if (!c) return '';
  const split = c.split ? strings.fill('program.contextSplit', { amed: locale.oku(c.split.amed), inhouse: locale.oku(c.split.inhouse) }) : '';
  return strings.fill('program.context', { year: locale.year(c.fiscalYear), project, total: locale.oku(c.total), split });
}

function breakdownTables(text: ViewText, b: ProgramBreakdown): Pick<ProgramDetailView, 'groups' | 'ministries' | 'flagged'> {
  const { strings, locale } = text;
  return {
    groups: b.groups.map((g) => ({ name: locale.name(g), amount: locale.cell(g.amount), share: locale.share(g.share), programs: g.programs })),
    ministries: b.ministries.map((m) => ({
      name: m.names ? locale.name(m.names) : strings.fill('program.ministryUnstated', { unstated: locale.unstated }),
      amount: locale.cell(m.amount),
      share: locale.share(m.share),
      programs: m.programs,
    })),
    flagged: b.flagged.map((f) => ({ flag: flagName(text, f.flag), programs: f.programs.length ? locale.list(f.programs) : strings.get('common.none') })),
  };
}

/** The program detail briefing: one project's programs by amount, group, ministry and flag. */
export function buildProgramDetailView(b: ProgramBreakdown, text: ViewText): Built<ProgramDetailView> {
  const { strings, locale } = text;
  const { detail } = b;
  const charts = new ChartList();
  const project = locale.name(b.project);
  const label = amountLabel(text, detail);
  const vars = { project, label, yearFull: locale.yearFull(detail.fiscalYear), fy: detail.fiscalYear };
  const chart = charts.add(
    'programs',
    b.programs.map((p, i) => ({ program: programLabel(text, p), order: i, ministry: ministryShort(text, p), amount: p.amount, label: locale.oku(p.amount) })),
    strings.fill('program.chartAlt', {
      project,
      label,
      details: locale.list(b.programs.map((p) => strings.fill('program.chartAltItem', { name: p.name, ministry: ministryShort(text, p), value: locale.oku(p.amount) }))),
    }),
    strings.fill('program.chartCaption', { label }),
  );
  const docNotes = documentNotes(text, b.documents);
  const method = [strings.get('program.method')];
  if (strings.get('note.originalLanguage')) method.push(strings.get('note.originalLanguage'));
  const view: ProgramDetailView = {
    meta: {
      lang: locale.lang,
      title: strings.fill('program.title', vars),
      subtitle: strings.fill('program.subtitle', vars),
      runningHeader: strings.fill('program.runningHeader', vars),
      subject: strings.fill('program.subject', vars),
      keywords: [strings.get('common.keyword'), project, strings.get('program.keyword'), label, `FY${detail.fiscalYear}`],
      sources: sourceLines(text, b.documents, [detail.source]),
      author: authorOf(locale, b.documents),
    },
    projectName: project,
    draftBanner: draftBanner(text, b, label),
    label,
    programsHeading: strings.fill('program.programsHeading', { label }),
    pointsHeading: strings.fill('program.pointsHeading', { label }),
    cards: [
      { label: strings.get('program.cardAmed'), value: locale.oku(detail.amed), note: label },
      { label: strings.get('program.cardInhouse'), value: locale.oku(detail.inhouse), note: label },
      {
        label: strings.get('program.cardCount'),
        value: strings.fill('program.count', { count: detail.programs.length }),
        note: b.flagged.map((f) => strings.fill('program.flagCount', { flag: flagName(text, f.flag), count: f.programs.length })).join(strings.get('common.nameJoin')),
      },
    ],
    description: detail.description,
    context: contextSentence(text, b, project),
    columns: { amount: locale.column(strings.get('table.amount')), inhouse: locale.column(strings.get('table.inhouse')) },
    programs: b.programs.map((p, i) => ({
      rank: i + 1,
      name: p.name,
      ministry: ministryShort(text, p),
      group: locale.name(b.groups.find((g) => g.id === p.group) ?? { name: p.group, nameEn: p.group }),
      flags: p.flags.map((f) => flagName(text, f)),
      amount: locale.cell(p.amount),
      inhouse: p.inhouseAmount === undefined ? '—' : locale.cell(p.inhouseAmount),
      summary: p.summary,
    })),
    chart,
    ...breakdownTables(text, b),
    keyPoints: b.keyPoints.map((g) => ({
      heading: locale.lang === 'ja' ? (g.heading ?? g.name) : g.nameEn,
      programs: g.programs.map((p) => ({ name: p.name, heading: strings.fill('program.pointProgram', { name: p.name, ministry: ministryShort(text, p) }), points: p.points })),
    })),
    documentNotes: detail.notes,
    notes: {
      ...docNotes,
      status: [...(detail.draft ? [strings.fill('program.statusDraft', { label, year: locale.year(detail.fiscalYear) })] : []), ...docNotes.status],
      unknown: [...b.withoutMinistry.map((p) => strings.fill('program.unknownMinistry', { name: p.name })), strings.get('note.unknownPublished')],
      method,
    },
  };
  return { view, charts: charts.requests };
}
