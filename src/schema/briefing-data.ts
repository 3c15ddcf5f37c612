import { z } from 'zod';
import { BudgetType, FiscalYear, MinistryCode, ScopeId, UNKNOWN } from './common.ts';

/**
 * <name>.json beside every briefing (and attached inside its PDF): every figure the briefing
 * shows, where it comes from, and the tables it is shown in. `briefings diff` reads it back.
 */
export const FigureSource = z.strictObject({
  document: z.string().describe('the id of the source document'),
  textFile: z.string().describe('its source text, relative to the data folder'),
  path: z.string().describe('the field in the document YAML, e.g. budgets[0].scopes.amed.ministries.文'),
  line: z.number().int().positive().nullable().describe('1-based line of the source text; null when it could not be located'),
});
export type FigureSource = z.infer<typeof FigureSource>;

export const FigureMeasure = z.enum(['amount', 'change', 'percentChange', 'share', 'count']);
export type FigureMeasure = z.infer<typeof FigureMeasure>;

/**
 * Whether a figure has a value. A partial edition leaves many figures unstated; they stay in the
 * data as null with `unknown`, never as 0, so a reader can tell "not stated" from "nothing".
 */
export const FigureStatus = z.enum(['known', 'unknown', 'notApplicable']);
export type FigureStatus = z.infer<typeof FigureStatus>;

export const Figure = z.strictObject({
  id: z.string().describe('stable within the briefing: the same figure has the same id in the next build'),
  table: z.string().describe('the id of the table it is shown in'),
  label: z.string(),
  value: z.number().nullable().describe('null exactly when status is not known'),
  status: FigureStatus.describe(
    'known: value holds the figure; unknown: the documents do not state it or what it is computed from (shown as 記載なし or —); notApplicable: there is nothing to compute (a percent change from 0)',
  ),
  display: z.string().describe('the figure as printed in the PDF'),
  unit: z.enum(['億円', '%', '件']),
  measure: FigureMeasure,
  fiscalYear: FiscalYear,
  baseFiscalYear: FiscalYear.optional(),
  budget: BudgetType.optional(),
  scope: ScopeId.optional(),
  ministry: z.union([MinistryCode, z.literal(UNKNOWN)]).optional(),
  project: z.string().optional(),
  program: z.string().optional(),
  origin: z.enum(['printed', 'computed']).describe('printed: stated in the document; computed: derived from printed figures'),
  sources: z.array(FigureSource).describe('printed: where it is stated; computed: the figures it is computed from'),
}).refine((f) => (f.value === null) === (f.status !== 'known'), {
  message: 'a figure has a value exactly when its status is known',
  path: ['status'],
});
export type Figure = z.infer<typeof Figure>;

export const TableCell = z.union([z.string(), z.strictObject({ figure: z.string() }), z.null()]);
export type TableCell = z.infer<typeof TableCell>;

export const FigureTable = z.strictObject({
  id: z.string(),
  title: z.string(),
  section: z.string().describe('the section of the briefing that shows it'),
  charts: z.array(z.string()).describe('captions of the charts drawn from the same figures'),
  headers: z.array(z.string()),
  rows: z.array(z.array(TableCell)),
});
export type FigureTable = z.infer<typeof FigureTable>;

export const Colophon = z.strictObject({
  dataVersion: z.string().describe('short hash of the data files'),
  toolVersion: z.string(),
  buildDate: z.string().nullable().describe('ISO date from SOURCE_DATE_EPOCH; null when it is not set'),
});
export type Colophon = z.infer<typeof Colophon>;

export const BriefingData = z.strictObject({
  format: z.literal('briefing-data/1'),
  briefing: z.string(),
  kind: z.string(),
  title: z.string(),
  language: z.string(),
  colophon: Colophon,
  documents: z.array(
    z.strictObject({ id: z.string(), title: z.string(), textFile: z.string(), published: z.string(), url: z.string().nullable() }),
  ),
  tables: z.array(FigureTable),
  figures: z.array(Figure),
});
export type BriefingData = z.infer<typeof BriefingData>;
