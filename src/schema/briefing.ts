import { z } from 'zod';
import { FiscalYear, MinistryCode, ProjectId } from './common.ts';
import { MinistryChoice } from './ministry.ts';

const Name = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'briefing names are lower-case letters, digits and hyphens (they name the PDF)');
const Department = z.string().regex(/^[a-z0-9][a-z0-9-]*$/).describe('a folder under templates/departments');

const YearComparison = z.strictObject({ name: Name, kind: z.literal('year-comparison'), fiscalYear: FiscalYear, baseFiscalYear: FiscalYear, department: Department.optional() });
const MinistryEdition = z.strictObject({ name: Name, kind: z.literal('ministry-edition'), ministry: MinistryCode, fiscalYear: FiscalYear, baseFiscalYear: FiscalYear, department: Department.optional() });
const Trend = z.strictObject({ name: Name, kind: z.literal('trend'), fromFiscalYear: FiscalYear, toFiscalYear: FiscalYear });
const ProgramDetail = z.strictObject({ name: Name, kind: z.literal('program-detail'), project: ProjectId, fiscalYear: FiscalYear });

/** One briefing to build: which kind, over which years, for which department. Its name is the PDF's file name. */
export const BriefingSpec = z.discriminatedUnion('kind', [YearComparison, MinistryEdition, Trend, ProgramDetail]);
export type BriefingSpec = z.infer<typeof BriefingSpec>;

/**
 * A briefing as briefings.config.yaml lists it: a ministry edition may name its ministry in any
 * way resolveMinistry reads (文, 文部科学省, 文科省, mext); the build resolves it to the code.
 */
export const ConfiguredBriefing = z.discriminatedUnion('kind', [YearComparison, MinistryEdition.extend({ ministry: MinistryChoice }), Trend, ProgramDetail]);
export type ConfiguredBriefing = z.infer<typeof ConfiguredBriefing>;
export type BriefingKind = BriefingSpec['kind'];
