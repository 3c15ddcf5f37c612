import { z } from 'zod';
import { FiscalYear, MinistryCode, ProjectId } from './common.ts';
import { MinistryChoice } from './ministry.ts';

const Name = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'briefing names are lower-case letters, digits and hyphens (they name the PDF)');
const MaxPages = z.number().int().positive().optional().describe('the page budget: more pages is a layout finding');
const Department = z.string().regex(/^[a-z0-9][a-z0-9-]*$/).describe('a folder under templates/departments');

// Every kind may name a department (its language, strings, colours and overrides) and a page budget.
const Common = { name: Name, department: Department.optional(), maxPages: MaxPages };
const YearComparison = z.strictObject({ ...Common, kind: z.literal('year-comparison'), fiscalYear: FiscalYear, baseFiscalYear: FiscalYear });
const MinistryEdition = z.strictObject({ ...Common, kind: z.literal('ministry-edition'), ministry: MinistryCode, fiscalYear: FiscalYear, baseFiscalYear: FiscalYear });
const Trend = z.strictObject({ ...Common, kind: z.literal('trend'), fromFiscalYear: FiscalYear, toFiscalYear: FiscalYear });
const ProgramDetail = z.strictObject({ ...Common, kind: z.literal('program-detail'), project: ProjectId, fiscalYear: FiscalYear });

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
