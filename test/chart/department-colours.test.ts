import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chartPalette } from '../../src/chart/chart-colours.ts';
import { chartThread, renderChart, type ChartRow } from '../../src/chart/render-chart.ts';
import { chartSpec, loadTemplateSet, type TemplateSet } from '../../src/render/template-set.ts';
import { BriefingError } from '../../src/problems.ts';
import { copyTemplates, edit } from '../support/build-helpers.ts';

/** Department colours reach the charts: the theme's marks and categories, and the colours specs name. */
const PURPLE = '#6a1b9a';
const BASE_BLUE = '#1f5fa8';

const templates = copyTemplates();
function department(id: string, colours: string): void {
  mkdirSync(path.join(templates, 'departments', id), { recursive: true });
  writeFileSync(path.join(templates, 'departments', id, 'department.yaml'), `name: ${id}\nshortName: ${id}\ncolours:\n${colours}`);
}
department('purple', `  accent: "${PURPLE}"\n  accentSoft: "#f3e5f5"\n`);
department('ranged', `  accent: "${PURPLE}"\n  categories: ["#111111", "#222222", "#333333"]\n`);
afterAll(() => chartThread().close());

/** Two scopes over two years: a bar per scope and year in ministry-trend. */
const TREND_ROWS: ChartRow[] = [2025, 2026].flatMap((fiscalYear) =>
  ['AMED', 'inhouse'].map((scope, i) => ({ year: `FY${fiscalYear}`, fiscalYear, scope, amount: 100 + i * 50, label: String(100 + i * 50) })),
);
/** Programs of three ministries: one colour per ministry from the category range. */
const PROGRAM_ROWS: ChartRow[] = ['A', 'B', 'C'].map((ministry, order) => ({ program: `program ${ministry}`, order, ministry, amount: 30 - order, label: String(30 - order) }));

async function fills(set: TemplateSet, chart: string, rows: ChartRow[]): Promise<string[]> {
  const { file, spec } = chartSpec(set, chart);
  const { svg } = await renderChart({ file, spec, theme: set.theme.spec, rows });
  return [...new Set([...svg.matchAll(/fill="(#[0-9a-f]{6})"/gi)].map((m) => (m[1] ?? '').toLowerCase()))];
}

describe('department colours in charts', () => {
  it('draws the base charts in the base blue', { timeout: 60_000 }, async () => {
    const base = await loadTemplateSet(templates);
    expect(await fills(base, 'ministry-trend', TREND_ROWS)).toContain(BASE_BLUE);
  });

  it('draws a purple edition in purple, with no base blue left', { timeout: 60_000 }, async () => {
    const purple = await loadTemplateSet(templates, 'purple');
    for (const [chart, rows] of [
      ['ministry-trend', TREND_ROWS],
      ['programs', PROGRAM_ROWS],
    ] as const) {
      const used = await fills(purple, chart, rows);
      expect(used, chart).toContain(PURPLE);
      expect(used, chart).not.toContain(BASE_BLUE);
    }
  });

  it("uses the department's own category range when it sets one", { timeout: 60_000 }, async () => {
    const ranged = await loadTemplateSet(templates, 'ranged');
    expect(await fills(ranged, 'programs', PROGRAM_ROWS)).toEqual(expect.arrayContaining(['#111111', '#222222', '#333333']));
  });

  it('derives the categories from the accent, leaving out the base colour that looks like it', () => {
    const palette = chartPalette({ accent: PURPLE });
    expect(palette.categories[0]).toBe(PURPLE);
    expect(palette.categories).not.toContain('#8e5cb5'); // the base purple
    expect(palette.secondary).toBe('#e8833a');
    expect(new Set(palette.categories).size).toBe(palette.categories.length);
    // Brown takes out the base orange, so its second colour is the green.
    expect(chartPalette({ accent: '#8a4b08' }).secondary).toBe('#3a9d5d');
  });

  it('names the spec and the known names when a spec asks for a colour that does not exist', async () => {
    edit(templates, 'charts/programs.vl.json', (s) => s.replace('"type": "bar"', '"type": "bar", "color": "$colour:purple"'));
    const error = await loadTemplateSet(templates).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BriefingError);
    expect((error as Error).message).toMatch(/programs\.vl\.json: layer\[0\]\.mark\.color: "\$colour:purple" is not a chart colour; the names are \$colour:accent, /);
  });
});
