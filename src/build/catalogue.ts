import type { BriefingSpec } from '../schema/briefing.ts';

/** The briefings the README promises, built by `briefings build` with no arguments. */
export const DEFAULT_BRIEFINGS: readonly BriefingSpec[] = [
  { name: 'fy2026-vs-fy2025', kind: 'year-comparison', fiscalYear: 2026, baseFiscalYear: 2025 },
  { name: 'fy2024-vs-fy2023', kind: 'year-comparison', fiscalYear: 2024, baseFiscalYear: 2023 },
  { name: 'trend-fy2023-fy2026', kind: 'trend', fromFiscalYear: 2023, toFiscalYear: 2026 },
  { name: 'pharmaceuticals-programs-fy2025', kind: 'program-detail', project: 'p3-pharmaceuticals', fiscalYear: 2025 },
];
