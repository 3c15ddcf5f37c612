import { z } from 'zod';
import {
  Amount,
  AmountOrUnknown,
  BudgetType,
  DocumentId,
  FiscalYear,
  MinistryBreakdown,
  MinistryCode,
  ProjectId,
  ScopeId,
  UNKNOWN,
} from './common.ts';

/** One scope (AMED対象経費 or インハウス研究機関経費) of one budget column. */
export const ScopeFigure = z.strictObject({
  total: Amount,
  ministries: MinistryBreakdown.optional().describe(
    'the ministry breakdown as printed; leave a ministry out when the document does not list it, and the whole breakdown out when a partial edition states none',
  ),
});
export type ScopeFigure = z.infer<typeof ScopeFigure>;

/** A partial edition may be silent on a whole scope (e.g. a quotation that gives only the AMED budget). */
export const ScopeFigureOrUnknown = z.union([ScopeFigure, z.literal(UNKNOWN)], {
  error: `expected a scope ({ total, ministries }) or ${UNKNOWN} where the document states nothing of it`,
});
export type ScopeFigureOrUnknown = z.infer<typeof ScopeFigureOrUnknown>;

/** A column of the headline table, e.g. 「8年度予算」 or 「7年度予算 (補正)」. */
export const BudgetColumn = z.strictObject({
  fiscalYear: FiscalYear,
  type: BudgetType,
  label: z.string().min(1).optional().describe('the column heading as printed (a partial edition may print none)'),
  total: Amount.optional().describe(
    'the stated total of both scopes, where the document states one (e.g. 補正予算（738億円）)',
  ),
  scopes: z.strictObject({ amed: ScopeFigureOrUnknown, inhouse: ScopeFigureOrUnknown }),
});
export type BudgetColumn = z.infer<typeof BudgetColumn>;

/** The printed 増▲減額 / 増▲減率 of one scope between two initial budgets. */
export const PrintedChange = z.strictObject({
  scope: ScopeId,
  fiscalYear: FiscalYear,
  baseFiscalYear: FiscalYear,
  amount: z.number().int().describe('億円; a ▲ decrease is negative'),
  percent: z.number().optional().describe('percent with one decimal; a ▲ decrease is negative; left out where only the amount is printed'),
});
export type PrintedChange = z.infer<typeof PrintedChange>;

export const AdjustmentFund = z.strictObject({
  fiscalYear: FiscalYear,
  name: z.string(),
  nameEn: z.string(),
  ministry: MinistryCode,
  total: Amount,
  medicalShare: Amount.describe('the part expected to be applied to medical R&D (調整費)'),
  text: z.string().describe('the sentence as printed'),
});
export type AdjustmentFund = z.infer<typeof AdjustmentFund>;

/** How a project's amount splits between the scopes. */
export const ProjectSplit = z.union([
  z.literal('amed-only').describe('printed as <AMED>: the whole project is AMED対象経費'),
  z.strictObject({ amed: Amount, inhouse: Amount }),
]);
export type ProjectSplit = z.infer<typeof ProjectSplit>;

export const ProjectFigure = z.strictObject({
  project: ProjectId,
  number: z.number().int().positive(),
  name: z.string().min(1).optional().describe('the project name as this edition printed it'),
  total: AmountOrUnknown.describe('unknown where the document prints no amount'),
  split: z.union([ProjectSplit, z.literal(UNKNOWN)]).describe(`${UNKNOWN} where a partial edition does not say how the amount splits`),
  fundBased: z
    .enum(['none', 'part', 'whole', UNKNOWN])
    .describe(`whole: 【基金事業】; part: (一部基金事業を含む); ${UNKNOWN} where a partial edition does not say`),
  initiatives: z
    .strictObject({
      text: z.string().min(1).describe('主な取組 as printed'),
      items: z.array(z.string().min(1)).default([]),
    })
    .optional()
    .describe('left out where a partial edition does not print them'),
});
export type ProjectFigure = z.infer<typeof ProjectFigure>;

/** What the document says of expenses outside every project. */
export const RemainingExpenses = z.strictObject({
  amed: AmountOrUnknown,
  inhouse: AmountOrUnknown,
  text: z.string().optional(),
});

export const ProjectBudget = z.strictObject({
  fiscalYear: FiscalYear,
  period: z.number().int().positive(),
  strategyText: z.string().optional().describe('the paragraph that introduces the projects'),
  focusText: z.string().optional(),
  projects: z.array(ProjectFigure).min(1).describe('every project of the period; a partial edition lists only those it states'),
  remaining: RemainingExpenses.optional().describe(`a full edition writes ${UNKNOWN} for what it does not state; a partial edition may leave it out`),
});
export type ProjectBudget = z.infer<typeof ProjectBudget>;

export const ProgramFlag = z.enum(['新規', '拡充']);
export type ProgramFlag = z.infer<typeof ProgramFlag>;

export const Program = z.strictObject({
  name: z.string().min(1),
  summary: z.string().min(1),
  amount: Amount,
  inhouseAmount: Amount.optional(),
  ministry: z
    .union([MinistryCode, z.literal(UNKNOWN)], {
      error: (issue) => `unknown ministry code ${JSON.stringify(issue.input)}; expected one of こ 総 文 厚 経 内, or ${UNKNOWN} where the document does not state it`,
    })
    .describe(
    'unknown where the document does not state the ministry',
  ),
  group: z.string().min(1).describe('the id of a group of this detail'),
  flags: z.array(ProgramFlag).default([]),
  points: z.array(z.string().min(1)).default([]),
});
export type Program = z.infer<typeof Program>;

export const ProgramGroup = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  name: z.string().min(1),
  nameEn: z.string().min(1),
  heading: z.string().optional().describe('the longer heading of the key-points page'),
});

/** The program (事業) detail page of one project. */
export const ProgramDetail = z.strictObject({
  project: ProjectId,
  fiscalYear: FiscalYear.describe('the fiscal year the figures are labelled with'),
  label: z.string().describe('the amount label as printed, e.g. 令和7年度予算額(案)'),
  draft: z.boolean().describe('true where the figures are labelled (案)'),
  amed: Amount,
  inhouse: Amount,
  description: z.string(),
  groups: z.array(ProgramGroup).min(1),
  programs: z.array(Program).min(1),
  notes: z.array(z.string()).default([]),
});
export type ProgramDetail = z.infer<typeof ProgramDetail>;

export const DocumentNote = z.strictObject({
  kind: z.enum(['rounding', 'subject-to-revision', 'other']),
  text: z.string().min(1),
});

/** The publication through which a document is known, when its own text is not at hand. */
export const SecondarySource = z.strictObject({
  title: z.string().min(1).describe('e.g. JGA News 2021 No.154「AMEDとは」'),
  titleEn: z.string().min(1),
  publisher: z.string().min(1),
  publisherEn: z.string().min(1),
});
export type SecondarySource = z.infer<typeof SecondarySource>;

export const DocumentInfo = z.strictObject({
  id: DocumentId,
  title: z.string().min(1),
  titleEn: z.string().min(1),
  editionFiscalYear: FiscalYear,
  publisher: z.string().min(1),
  publisherEn: z.string().min(1),
  published: z
    .union([z.iso.date(), z.literal(UNKNOWN)])
    .describe('publication date, or unknown where the text does not give one'),
  url: z.url({ protocol: /^https?$/, error: 'expected the address of the published document (http:// or https://)' }).optional().describe('where the document is published'),
  textFile: z.string().min(1).describe('the source text, relative to this file'),
  lead: z.string().min(1).optional().describe('the opening sentence; a partial edition may not give it'),
  notes: z.array(DocumentNote).optional().describe('the notes as printed; a partial edition may give none'),
  coverage: z
    .enum(['full', 'partial'])
    .default('full')
    .describe(
      'full: the whole edition is transcribed, and validation requires everything an edition states; partial: only some figures of it are known, the rest is left out or unknown',
    ),
  secondarySource: SecondarySource.optional().describe(
    'where the edition is known only through another publication that quotes it: that publication',
  ),
});
export type DocumentInfo = z.infer<typeof DocumentInfo>;

/**
 * A figure this document states differently from an earlier edition (typically the carried-over
 * previous-year column). By default the later edition wins, as a restatement; a pin records the
 * analyst's choice so that the difference stops being a warning.
 */
export const Restatement = z.strictObject({
  path: z
    .string()
    .min(1)
    .describe('the field of this document, as validate names it, e.g. budgets[1].scopes.amed.ministries.厚'),
  use: z
    .enum(['earlier', 'this'])
    .describe('earlier: keep the earlier edition\'s figure; this: this edition restates it (the default)'),
  reason: z.string().min(1).optional().describe('why, for the next reader'),
});
export type Restatement = z.infer<typeof Restatement>;

/** One file per source document. */
export const SourceDocument = z.strictObject({
  document: DocumentInfo,
  budgets: z.array(BudgetColumn).min(1),
  changes: z.array(PrintedChange).default([]),
  adjustmentFund: AdjustmentFund.optional(),
  projectBudget: ProjectBudget.optional(),
  programDetails: z.array(ProgramDetail).default([]),
  restatements: z.array(Restatement).default([]),
  sourceLines: z
    .record(z.string(), z.number().int().positive())
    .optional()
    .describe('for each placed figure (field path as validate names it), the 1-based line of textFile it was read from'),
});
export type SourceDocument = z.infer<typeof SourceDocument>;
