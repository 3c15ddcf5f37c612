import { z } from 'zod';

/** Fiscal years are Western (令和N年度 = 2018 + N). */
export const FiscalYear = z
  .number()
  .int()
  .min(2019, 'fiscal years are Western years from 2019 (令和元年度) on')
  .max(2099);
export type FiscalYear = z.infer<typeof FiscalYear>;

/** A printed amount in 億円: whole, non-negative, as rounded in the source. */
export const Amount = z
  .number({ error: 'expected an amount in 億円 (a whole number)' })
  .int('amounts are printed as whole 億円')
  .nonnegative('amounts cannot be negative (a decrease is a change, not an amount)')
  .max(1_000_000, 'amount is implausibly large for 億円');
export type Amount = z.infer<typeof Amount>;

/** Where a source is silent the data says so instead of guessing a figure. */
export const UNKNOWN = 'unknown' as const;
export const AmountOrUnknown = z.union([Amount, z.literal(UNKNOWN)], {
  error: `expected an amount in 億円 (a whole number, no commas) or ${UNKNOWN} where the document states none`,
});
export type AmountOrUnknown = z.infer<typeof AmountOrUnknown>;

export const MINISTRY_CODES = ['こ', '総', '文', '厚', '経', '内'] as const;
export const MinistryCode = z.enum(MINISTRY_CODES, {
  error: (issue) =>
    `unknown ministry code ${JSON.stringify(issue.input)}; expected one of ${MINISTRY_CODES.join(' ')}`,
});
export type MinistryCode = z.infer<typeof MinistryCode>;

/**
 * The ministry breakdown exactly as printed: a ministry that is not listed is absent,
 * which is different from a ministry listed with 0 (FY2023 in-house lists no こ; FY2026 lists こ0).
 */
export const MinistryBreakdown = z.partialRecord(MinistryCode, Amount);
export type MinistryBreakdown = z.infer<typeof MinistryBreakdown>;

export const SCOPE_IDS = ['amed', 'inhouse'] as const;
export const ScopeId = z.enum(SCOPE_IDS);
export type ScopeId = z.infer<typeof ScopeId>;

export const BudgetType = z.enum(['initial', 'supplementary']);
export type BudgetType = z.infer<typeof BudgetType>;

export const ProjectId = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, 'project ids are lower-case words joined by hyphens');

export const DocumentId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'document ids are lower-case letters, digits and hyphens');
