import { z } from 'zod';
import { DocumentId, FiscalYear, MinistryCode, ProjectId, ScopeId } from './common.ts';

const Named = {
  name: z.string().min(1),
  nameEn: z.string().min(1),
};

/**
 * A name that took effect from one fiscal year's edition on. The entry's own name is the one
 * before the first rename, so that earlier briefings keep the name their edition printed.
 */
export const Rename = z.strictObject({
  fromFiscalYear: FiscalYear.describe('the first fiscal year (edition) that prints the new name'),
  ...Named,
  shortName: z.string().min(1).optional().describe('for chart labels; the earlier short name where left out'),
  shortNameEn: z.string().min(1).optional(),
});
export type Rename = z.infer<typeof Rename>;

const Renamed = z
  .array(Rename)
  .optional()
  .refine((list) => !list || list.every((r, i) => i === 0 || (list[i - 1]?.fromFiscalYear ?? 0) < r.fromFiscalYear), {
    message: 'list renames oldest first, one per fiscal year',
  })
  .describe('later names, oldest first: [{ fromFiscalYear, name, nameEn }]');

export const Ministry = z.strictObject({
  code: MinistryCode,
  ...Named,
  shortName: z.string().min(1),
  shortNameEn: z.string().min(1),
  renamed: Renamed,
});
export type Ministry = z.infer<typeof Ministry>;

export const Scope = z.strictObject({
  id: ScopeId,
  ...Named,
  shortName: z.string().min(1),
  shortNameEn: z.string().min(1),
});
export type Scope = z.infer<typeof Scope>;

export const StrategyPeriod = z.strictObject({
  period: z.number().int().positive(),
  ...Named,
  from: FiscalYear,
  to: FiscalYear,
  projectCount: z.number().int().positive(),
  statedIn: DocumentId.describe('the document that states the period and its projects'),
});
export type StrategyPeriod = z.infer<typeof StrategyPeriod>;

export const Project = z.strictObject({
  id: ProjectId,
  period: z.number().int().positive(),
  number: z.number().int().positive(),
  ...Named,
  shortName: z.string().min(1).describe('for chart labels'),
  shortNameEn: z.string().min(1),
  nameEnSource: z
    .enum(['official', 'translation'])
    .describe('official where AMED or the Headquarters publish the English name; otherwise our translation'),
  renamed: Renamed,
});
export type Project = z.infer<typeof Project>;

/** Names and codes shared by every document; the figures live in the document files. */
export const Reference = z.strictObject({
  ministries: z.array(Ministry).min(1),
  scopes: z.array(Scope).length(2),
  periods: z.array(StrategyPeriod).min(1),
  projects: z.array(Project).min(1),
});
export type Reference = z.infer<typeof Reference>;

/**
 * How the projects of one strategy period relate to those of the next. Editable by users:
 * the trend briefing reads it to decide which comparisons are like-for-like.
 */
export const ProjectLink = z.strictObject({
  kind: z
    .enum(['same', 'successor', 'group'])
    .describe(
      'same: one project continued under the same name; successor: one project replaced by another; group: several projects restructured into several',
    ),
  from: z.array(ProjectId).min(1),
  to: z.array(ProjectId).min(1),
  note: z.string().min(1),
  noteEn: z.string().min(1),
});
export type ProjectLink = z.infer<typeof ProjectLink>;

export const ProjectMapping = z.strictObject({
  fromPeriod: z.number().int().positive(),
  toPeriod: z.number().int().positive(),
  links: z.array(ProjectLink),
  new: z.array(ProjectId).default([]).describe('projects of the later period with no predecessor'),
  ended: z.array(ProjectId).default([]).describe('projects of the earlier period with no successor'),
});
export type ProjectMapping = z.infer<typeof ProjectMapping>;
