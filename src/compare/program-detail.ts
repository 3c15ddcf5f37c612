import type { Dataset, Sourced } from '../load/merge-documents.ts';
import type { MinistryCode } from '../schema/common.ts';
import type { Program, ProgramDetail } from '../schema/source-document.ts';
import { BriefingError } from '../problems.ts';
import { ministryOrder } from './lookup.ts';

export interface GroupSummary {
  id: string;
  name: string;
  amount: number;
  programs: number;
}

export interface MinistrySummary {
  /** 'unknown' where the document does not state a program's ministry. */
  code: MinistryCode | 'unknown';
  amount: number;
  programs: number;
}

export interface ProgramBreakdown {
  detail: Sourced<ProgramDetail>;
  /** Largest first; ties keep the document's order. */
  programs: Program[];
  groups: GroupSummary[];
  ministries: MinistrySummary[];
  flagged: { flag: string; programs: string[] }[];
}

/** Programs of one project by amount, group, ministry and flag. */
export function breakDownPrograms(dataset: Dataset, projectId: string, fiscalYear?: number): ProgramBreakdown {
  const candidates = dataset.programDetails.filter((d) => d.project === projectId && (fiscalYear === undefined || d.fiscalYear === fiscalYear));
  const detail = candidates.at(-1);
  if (!detail)
    throw new BriefingError('data', `no program detail for project ${projectId}${fiscalYear ? ` in FY${fiscalYear}` : ''} in the dataset`);

  const programs = detail.programs
    .map((p, i) => ({ p, i }))
    .sort((a, b) => b.p.amount - a.p.amount || a.i - b.i)
    .map(({ p }) => p);

  const groups = detail.groups.map((g) => {
    const members = detail.programs.filter((p) => p.group === g.id);
    return { id: g.id, name: g.name, amount: members.reduce((s, p) => s + p.amount, 0), programs: members.length };
  });

  const order: (MinistryCode | 'unknown')[] = [...ministryOrder(dataset), 'unknown'];
  const ministries = order.flatMap((code) => {
    const members = detail.programs.filter((p) => p.ministry === code);
    return members.length ? [{ code, amount: members.reduce((s, p) => s + p.amount, 0), programs: members.length }] : [];
  });

  const flagged = ['新規', '拡充'].map((flag) => ({
    flag,
    programs: detail.programs.filter((p) => p.flags.some((f) => f === flag)).map((p) => p.name),
  }));

  return { detail, programs, groups, ministries, flagged };
}
