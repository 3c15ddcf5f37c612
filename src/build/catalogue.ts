import type { Dataset } from '../load/merge-documents.ts';
import type { BriefingSpec, ConfiguredBriefing } from '../schema/briefing.ts';
import { acceptedMinistries, resolveMinistry } from '../schema/ministry.ts';
import { BriefingError } from '../problems.ts';
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

/** A ministry as the config or a department names it (文, 文部科学省, mext), read with the data's names; `where` says who named it. */
function ministryCode(dataset: Dataset, input: string, where: string) {
  const code = resolveMinistry(input, dataset.reference.ministries);
  if (code === undefined)
    throw new BriefingError('usage', `${where}: no ministry is called "${input}"; write its code, Japanese name or English id: ${acceptedMinistries(dataset.reference.ministries)}`);
  return code;
}

/** The configured briefings with their ministries read as codes. */
export function resolveConfigured(dataset: Dataset, configured: readonly ConfiguredBriefing[]): BriefingSpec[] {
  return configured.map((b) => (b.kind === 'ministry-edition' ? { ...b, ministry: ministryCode(dataset, b.ministry, `briefing "${b.name}" (briefings.config.yaml), ministry`) } : b));
}

/**
 * One edition per department folder: a ministry edition where the department names a ministry,
 * otherwise the year comparison of the whole budget in the department's language and style.
 */
export function departmentBriefings(dataset: Dataset, departments: readonly { id: string; settings: DepartmentSettings; file?: string }[]): BriefingSpec[] {
  const latest = latestComparableYear(dataset);
  if (latest === undefined) return [];
  return departments.map(({ id, settings, file }): BriefingSpec => {
    const fiscalYear = settings.fiscalYear ?? latest;
    const years = { fiscalYear, baseFiscalYear: fiscalYear - 1 };
    const name = `${id}-fy${fiscalYear}-vs-fy${fiscalYear - 1}`;
    return settings.ministry
      ? { name, kind: 'ministry-edition', ministry: ministryCode(dataset, settings.ministry, `${file ?? `templates/departments/${id}/department.yaml`}: ministry`), department: id, ...years }
      : { name, kind: 'year-comparison', department: id, ...years };
  });
}
