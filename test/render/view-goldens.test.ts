/**
 * Golden files of the view builders: the view model of each kind of briefing for the real
 * dataset, with the charts it asks for (rows, text alternative, caption), as JSON. A change to a
 * view shows as a diff of its golden file; `npx vitest run test/render -u` writes the new ones
 * after review. No chart is drawn and no browser is started.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/validate/validate-dataset.ts';
import type { Dataset } from '../../src/load/merge-documents.ts';
import { buildView } from '../../src/render/render-briefing.ts';
import { loadTemplateSet } from '../../src/render/template-set.ts';
import type { BriefingSpec } from '../../src/schema/briefing.ts';

let dataset: Dataset;
beforeAll(async () => {
  ({ dataset } = await loadDataset('data'));
});

const TREND: BriefingSpec = { name: 'trend-fy2021-fy2026', kind: 'trend', fromFiscalYear: 2021, toFiscalYear: 2026 };

/** One briefing of each kind, in Japanese, plus the English editions of the kinds that have one. */
const GOLDEN: BriefingSpec[] = [
  { name: 'fy2026-vs-fy2025', kind: 'year-comparison', fiscalYear: 2026, baseFiscalYear: 2025 },
  { name: 'english-fy2026-vs-fy2025', kind: 'year-comparison', fiscalYear: 2026, baseFiscalYear: 2025, department: 'english' },
  { name: 'mhlw-fy2026-vs-fy2025', kind: 'ministry-edition', ministry: '厚', fiscalYear: 2026, baseFiscalYear: 2025, department: 'mhlw' },
  TREND,
  { name: 'trend-en', kind: 'trend', fromFiscalYear: 2023, toFiscalYear: 2026, department: 'english' },
  { name: 'pharmaceuticals-programs-fy2025', kind: 'program-detail', project: 'p3-pharmaceuticals', fiscalYear: 2025 },
  { name: 'pharmaceuticals-programs-fy2025-en', kind: 'program-detail', project: 'p3-pharmaceuticals', fiscalYear: 2025, department: 'english' },
];

describe('the view model of each kind', () => {
  it.each(GOLDEN.map((spec) => [spec.name, spec] as const))('%s matches its golden file', async (name, spec) => {
    const templates = await loadTemplateSet('templates', spec.department);
    const { view, charts } = buildView(dataset, spec, templates);
    const golden = { view, charts: charts.map((c) => ({ name: c.name, alt: c.view.alt, caption: c.view.caption, rows: c.rows })) };
    await expect(`${JSON.stringify(golden, null, 2)}\n`).toMatchFileSnapshot(`golden/${name}.json`);
  });

  it('is built without drawing a chart: every chart is a request with an empty place for its SVG', async () => {
    const templates = await loadTemplateSet('templates');
    const { charts } = buildView(dataset, TREND, templates);
    expect(charts.map((c) => c.name)).toEqual(['trend-totals', 'trend-ministries', 'projects-across-periods']);
    expect(charts.every((c) => c.view.svg === '')).toBe(true);
  });
});
