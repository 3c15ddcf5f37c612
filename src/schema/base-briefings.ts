import type { BriefingSpec } from './briefing.ts';

/** The briefings of the whole budget that the README promises: what a build makes without a config file. */
export const BASE_BRIEFINGS: readonly BriefingSpec[] = [
  { name: 'fy2026-vs-fy2025', kind: 'year-comparison', fiscalYear: 2026, baseFiscalYear: 2025 },
  { name: 'fy2024-vs-fy2023', kind: 'year-comparison', fiscalYear: 2024, baseFiscalYear: 2023 },
  { name: 'trend-fy2021-fy2026', kind: 'trend', fromFiscalYear: 2021, toFiscalYear: 2026 },
  { name: 'pharmaceuticals-programs-fy2025', kind: 'program-detail', project: 'p3-pharmaceuticals', fiscalYear: 2025 },
];
