import { z } from 'zod';
import { FiscalYear, MinistryCode, ProjectId } from './common.ts';

const Name = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'briefing names are lower-case letters, digits and hyphens (they name the PDF)');
const MaxPages = z.number().int().positive().optional().describe('the page budget: more pages is a layout finding');
const Department = z.string().regex(/^[a-z0-9][a-z0-9-]*$/).describe('a folder under templates/departments');

/** One briefing to build: which kind, over which years, for which department. Its name is the PDF's file name. */
export const BriefingSpec = z.discriminatedUnion('kind', [
  z.strictObject({ name: Name, kind: z.literal('year-comparison'), fiscalYear: FiscalYear, baseFiscalYear: FiscalYear, department: Department.optional(), maxPages: MaxPages }),
  z.strictObject({ name: Name, kind: z.literal('ministry-edition'), ministry: MinistryCode, fiscalYear: FiscalYear, baseFiscalYear: FiscalYear, department: Department.optional(), maxPages: MaxPages }),
  z.strictObject({ name: Name, kind: z.literal('trend'), fromFiscalYear: FiscalYear, toFiscalYear: FiscalYear, department: Department.optional(), maxPages: MaxPages }),
  z.strictObject({ name: Name, kind: z.literal('program-detail'), project: ProjectId, fiscalYear: FiscalYear, department: Department.optional(), maxPages: MaxPages }),
]);
export type BriefingSpec = z.infer<typeof BriefingSpec>;
export type BriefingKind = BriefingSpec['kind'];
