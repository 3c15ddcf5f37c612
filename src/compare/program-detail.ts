import type { Dataset, Sourced } from '../load/merge-documents.ts';
import type { MinistryCode } from '../schema/common.ts';
import { ProgramFlag, type DocumentInfo, type Program, type ProgramDetail } from '../schema/source-document.ts';
import { BriefingError } from '../problems.ts';
import { ministryOrder } from './lookup.ts';
import { ministryAsOf, namesOf, projectAsOf, type Names } from './names.ts';
import { documentsOf } from './documents.ts';

export interface GroupSummary {
  id: string;
  name: string;
  nameEn: string;
  amount: number;
  programs: number;
  /** Of the programs' total, in percent. */
  share: number;
}

export interface MinistrySummary {
  /** 'unknown' where the document does not state a program's ministry. */
  code: MinistryCode | 'unknown';
  /** null for 'unknown'. */
  names: Names | null;
  amount: number;
  programs: number;
  /** Of the programs' total, in percent. */
  share: number;
}

/** A program with the names of its ministry (null where the document does not state it). */
export type ProgramRow = Program & { ministryNames: Names | null };

/**
 * The project's amount in the latest project budget that lists it: stated beside the programs for
 * context, although its year differs from the programs' (a draft).
 */
export interface ProjectContext {
  fiscalYear: number;
  source: string;
  total: number;
  /** null where the edition gives no AMED / in-house split (amed-only or unknown). */
  split: { amed: number; inhouse: number } | null;
}

export interface ProgramBreakdown {
  detail: Sourced<ProgramDetail>;
  /** The project's names as the detail's own edition printed them. */
  project: Names;
  /** The edition the detail comes from. */
  editionFiscalYear: number;
  documents: DocumentInfo[];
  /** Largest first; ties keep the document's order. */
  programs: ProgramRow[];
  /** The sum of the programs' amounts: the base of every share. */
  total: number;
  groups: GroupSummary[];
  ministries: MinistrySummary[];
  flagged: { flag: ProgramFlag; programs: string[] }[];
  /** Programs whose ministry the document does not state, in the document's order. */
  withoutMinistry: ProgramRow[];
  /** The detail's groups with their programs that have key points, for the key-points page. */
  keyPoints: { id: string; name: string; nameEn: string; heading: string | null; programs: ProgramRow[] }[];
  context: ProjectContext | null;
}

function latestProjectBudget(dataset: Dataset, project: string): ProjectContext | null {
  const latest = dataset.projectBudgets
    .filter((b) => b.projects.some((p) => p.project === project))
    .map((b) => ({ budget: b, figure: b.projects.find((p) => p.project === project) }))
    .at(-1);
  const figure = latest?.figure;
  if (!latest || !figure || figure.total === 'unknown') return null;
  return {
    fiscalYear: latest.budget.fiscalYear,
    source: latest.budget.source,
    total: figure.total,
    split: figure.split === 'amed-only' || figure.split === 'unknown' ? null : { amed: figure.split.amed, inhouse: figure.split.inhouse },
  };
}

/** Programs of one project by amount, group, ministry and flag. */
export function breakDownPrograms(dataset: Dataset, projectId: string, fiscalYear?: number): ProgramBreakdown {
  const candidates = dataset.programDetails.filter((d) => d.project === projectId && (fiscalYear === undefined || d.fiscalYear === fiscalYear));
  const detail = candidates.at(-1);
  if (!detail)
    throw new BriefingError('data', `no program detail for project ${projectId}${fiscalYear ? ` in FY${fiscalYear}` : ''} in the dataset`);

  const editionFiscalYear = dataset.documents.find((d) => d.id === detail.source)?.editionFiscalYear ?? detail.fiscalYear;
  const ministryNames = (code: MinistryCode | 'unknown') => (code === 'unknown' ? null : namesOf(ministryAsOf(dataset, code, editionFiscalYear)));
  const rows: ProgramRow[] = detail.programs.map((p) => ({ ...p, ministryNames: ministryNames(p.ministry) }));
  const programs = rows
    .map((p, i) => ({ p, i }))
    .sort((a, b) => b.p.amount - a.p.amount || a.i - b.i)
    .map(({ p }) => p);
  const total = programs.reduce((s, p) => s + p.amount, 0);
  const share = (amount: number) => (total > 0 ? (amount / total) * 100 : 0);

  const groups = detail.groups.map((g) => {
    const members = detail.programs.filter((p) => p.group === g.id);
    const amount = members.reduce((s, p) => s + p.amount, 0);
    return { id: g.id, name: g.name, nameEn: g.nameEn, amount, programs: members.length, share: share(amount) };
  });

  const order: (MinistryCode | 'unknown')[] = [...ministryOrder(dataset), 'unknown'];
  const ministries = order.flatMap((code) => {
    const members = detail.programs.filter((p) => p.ministry === code);
    const amount = members.reduce((s, p) => s + p.amount, 0);
    return members.length ? [{ code, names: ministryNames(code), amount, programs: members.length, share: share(amount) }] : [];
  });

  const flagged = ProgramFlag.options.map((flag) => ({
    flag,
    programs: detail.programs.filter((p) => p.flags.some((f) => f === flag)).map((p) => p.name),
  }));

  const budget = dataset.projectBudgets.find((b) => b.fiscalYear === editionFiscalYear);
  return {
    detail,
    project: namesOf(projectAsOf(dataset, detail.project, editionFiscalYear, budget)),
    editionFiscalYear,
    documents: documentsOf(dataset, [detail.source]),
    programs,
    total,
    groups,
    ministries,
    flagged,
    withoutMinistry: rows.filter((p) => p.ministry === 'unknown'),
    keyPoints: detail.groups.map((g) => ({
      id: g.id,
      name: g.name,
      nameEn: g.nameEn,
      heading: g.heading ?? null,
      programs: rows.filter((p) => p.group === g.id && p.points.length > 0),
    })),
    context: latestProjectBudget(dataset, detail.project),
  };
}
