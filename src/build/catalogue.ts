import type { Dataset } from '../load/merge-documents.ts';
import type { BriefingSpec } from '../schema/briefing.ts';
import type { DepartmentSettings } from '../schema/department.ts';

// The catalogue's default list lives with the config schema, whose default it is (load-config.ts uses it too).
export { BASE_BRIEFINGS } from '../schema/base-briefings.ts';

/** The latest fiscal year whose initial budget can be compared with the year before. */
export function latestComparableYear(dataset: Dataset): number | undefined {
  const initial = new Set(dataset.budgets.filter((b) => b.type === 'initial').map((b) => b.fiscalYear));
  return [...initial].filter((fy) => initial.has(fy - 1)).sort((a, b) => b - a)[0];
}

/**
 * The year comparison of the newest edition (fy2027-vs-fy2026 once a 令和9年度 edition is in the
 * data), unless the configured briefings already compare those years.
 */
export function latestYearComparison(dataset: Dataset, configured: readonly BriefingSpec[]): BriefingSpec | undefined {
  const fiscalYear = latestComparableYear(dataset);
  if (fiscalYear === undefined) return undefined;
  const name = `fy${fiscalYear}-vs-fy${fiscalYear - 1}`;
  const listed = configured.some(
    (b) => b.name === name || (b.kind === 'year-comparison' && !b.department && b.fiscalYear === fiscalYear && b.baseFiscalYear === fiscalYear - 1),
  );
  return listed ? undefined : { name, kind: 'year-comparison', fiscalYear, baseFiscalYear: fiscalYear - 1 };
}

/**
 * One edition per department folder: a ministry edition where the department names a ministry,
 * otherwise the year comparison of the whole budget in the department's language and style.
 */
export function departmentBriefings(dataset: Dataset, departments: readonly { id: string; settings: DepartmentSettings }[]): BriefingSpec[] {
  const latest = latestComparableYear(dataset);
  if (latest === undefined) return [];
  return departments.map(({ id, settings }): BriefingSpec => {
    const fiscalYear = settings.fiscalYear ?? latest;
    const years = { fiscalYear, baseFiscalYear: fiscalYear - 1 };
    const name = `${id}-fy${fiscalYear}-vs-fy${fiscalYear - 1}`;
    return settings.ministry
      ? { name, kind: 'ministry-edition', ministry: settings.ministry, department: id, ...years }
      : { name, kind: 'year-comparison', department: id, ...years };
  });
}
