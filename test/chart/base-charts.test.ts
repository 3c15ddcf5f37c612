import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { drawChart } from '../../src/chart/draw-chart.ts';
import { CHART_LIMITS } from '../../src/chart/chart-limits.ts';
import { checkAgainstVegaLiteSchema, suggestsSpecMistake } from '../../src/chart/vega-lite-schema.ts';
import { loadTemplateSet } from '../../src/render/template-set.ts';
import { Strings } from '../../src/render/strings.ts';
import { localizeSpec } from '../../src/render/draw-charts.ts';
import { CHART_ROWS } from '../support/chart-rows.ts';

const TEMPLATES = fileURLToPath(new URL('../../templates/', import.meta.url));

// Drawn in this thread (no worker, no browser): the SVG is compared with the committed golden,
// reviewed as a diff; `npx vitest run test/chart -u` rewrites the goldens after an intended change.
describe('every base chart spec draws the same SVG from its small rows', async () => {
  const templates = await loadTemplateSet(TEMPLATES);
  const strings = new Strings(templates.strings.ja.table, templates.strings.ja.files);

  it('has rows for every base chart, and no rows for a chart that is gone', () => {
    expect(Object.keys(CHART_ROWS).sort()).toEqual([...templates.charts.keys()].sort());
  });

  for (const [name, chart] of templates.charts) {
    it(`${name}.vl.json`, async () => {
      const rows = CHART_ROWS[name] ?? [];
      const spec = localizeSpec(chart.spec, strings) as Record<string, unknown>;
      const drawn = await drawChart({ spec, theme: templates.theme.spec, rows, maxRows: CHART_LIMITS.maxRows });
      // Notes about well-formed specs are fine; a warning about the spec would make every build check it against the schema.
      expect(drawn.warnings.filter(suggestsSpecMistake)).toEqual([]);
      await expect(drawn.svg).toMatchFileSnapshot(`./goldens/${name}.svg`);
    });

    it(`${name}.vl.json matches Vega-Lite's schema (departments copy it with template eject)`, () => {
      expect(checkAgainstVegaLiteSchema({ ...(chart.spec as object), data: { values: [] } })).toBeUndefined();
    });
  }
});
