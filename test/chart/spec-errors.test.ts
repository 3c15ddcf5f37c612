import { afterAll, describe, expect, it } from 'vitest';
import { ChartThread } from '../../src/chart/chart-thread.ts';
import { renderChart } from '../../src/chart/render-chart.ts';
import { BriefingError } from '../../src/problems.ts';

const FILE = '/work/templates/departments/mext/charts/programs.vl.json';
const ROWS = [
  { program: '創薬基盤推進研究事業', amount: 28 },
  { program: '次世代がん医療加速化研究事業', amount: 17 },
];
const barChart = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', data: { name: 'values' }, mark: 'bar', encoding: { y: { field: 'program', type: 'nominal' }, x: { field: 'amount', type: 'quantitative' } } };

const thread = new ChartThread();
afterAll(() => thread.close());

async function failureOf(spec: Record<string, unknown>): Promise<string> {
  const error = await renderChart({ file: FILE, spec, theme: {}, rows: ROWS }, thread).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BriefingError);
  return (error as Error).message;
}

describe('a broken chart spec is explained in plain words', () => {
  it('draws the well-formed spec the cases below break', async () => {
    const drawn = await renderChart({ file: FILE, spec: barChart, theme: {}, rows: ROWS }, thread);
    expect(drawn.svg).toContain('<svg');
  });

  it('an unknown mark type: the file, the property and the marks Vega-Lite knows', async () => {
    const message = await failureOf({ ...barChart, mark: 'barr' });
    expect(message).toMatch(/programs\.vl\.json: .*mark: Vega-Lite expects one of .*"bar".*"line".*; found "barr"/);
    expect(message).not.toMatch(/Cannot read properties|filled/);
  });

  it('a misspelt encoding channel, which Vega-Lite would silently drop: the property and the closest channel', async () => {
    const message = await failureOf({ ...barChart, encoding: { ...barChart.encoding, colour: { field: 'program', type: 'nominal' } } });
    expect(message).toMatch(/programs\.vl\.json: .*encoding\.colour: Vega-Lite expects no property "colour" here \(did you mean "color"\?\)/);
    expect(message).toContain('found {"field":"program","type":"nominal"}');
  });

  it('a wrong field type: the property and the types Vega-Lite allows there', async () => {
    const message = await failureOf({ ...barChart, encoding: { ...barChart.encoding, x: { field: 'amount', type: 'quantitive' } } });
    expect(message).toMatch(/programs\.vl\.json: .*encoding\.x\.type: Vega-Lite expects one of "quantitative", "ordinal", "temporal", "nominal".*; found "quantitive"/);
  });

  it('a spec that matches the schema but fails while drawing keeps Vega\'s message, without a stack', async () => {
    const message = await failureOf({ ...barChart, transform: [{ calculate: 'datum.program.length.nothing.more', as: 'x' }] });
    expect(message).toBe(`${FILE}: Cannot read properties of undefined (reading 'more')`);
    expect(message).not.toMatch(/\n\s+at /);
  });
});
