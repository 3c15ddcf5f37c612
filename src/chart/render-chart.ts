import { displayPath } from '../format/display-path.ts';
import { BriefingError } from '../problems.ts';
import { checkChartSpec } from './check-chart-spec.ts';
import { ChartThread, ChartThreadError } from './chart-thread.ts';
import { checkAgainstVegaLiteSchema, describeMismatch, suggestsSpecMistake } from './vega-lite-schema.ts';
import type { ChartRow, DrawnChart } from './draw-chart.ts';

export type { ChartRow } from './draw-chart.ts';

export interface ChartInput {
  /** The file the spec came from, for error messages. */
  file: string;
  spec: unknown;
  /** The shared Vega-Lite config (fonts, colours), under the spec's own config. */
  theme: Record<string, unknown>;
  rows: ChartRow[];
}

export type RenderedChart = DrawnChart;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

let shared: ChartThread | undefined;

/** The process's chart thread (started with the first chart). */
export function chartThread(): ChartThread {
  shared ??= new ChartThread();
  return shared;
}

/**
 * A Vega-Lite spec file with its data left out (`"data": {"name": "values"}`) → SVG.
 * The data comes from the view model, so a spec holds only the chart's design; it can load
 * nothing, and it is drawn under the limits of chart-limits.ts.
 */
export async function renderChart(input: ChartInput, thread: ChartThread = chartThread()): Promise<RenderedChart> {
  const where = displayPath(input.file);
  if (!isObject(input.spec)) throw new BriefingError('template', `${where}: a chart spec must be a JSON object (a Vega-Lite spec)`);
  const [violation, ...more] = checkChartSpec(input.spec);
  if (violation)
    throw new BriefingError('template', `${where}: ${violation.path}: ${violation.message}${more.length ? ` (and ${more.length} more: ${more.map((v) => v.path).join(', ')})` : ''}`);
  let drawn: DrawnChart;
  try {
    drawn = await thread.draw({ spec: input.spec, theme: input.theme, rows: input.rows });
  } catch (error) {
    // Vega-Lite's own message for a spec it does not understand is often about its insides
    // ("Cannot read properties of undefined (reading 'filled')"): say what the spec got wrong.
    const mismatch = error instanceof ChartThreadError && !error.limit ? schemaMismatch(input.spec) : undefined;
    throw new BriefingError('template', `${where}: ${mismatch ?? (error instanceof Error ? error.message : String(error))}`);
  }
  // A misspelt property is only a warning to Vega-Lite, which draws the chart without it.
  const mismatch = drawn.warnings.some(suggestsSpecMistake) ? schemaMismatch(input.spec) : undefined;
  if (mismatch) throw new BriefingError('template', `${where}: ${mismatch}`);
  return drawn;
}

/** The spec as drawn (its data is the build's rows) against Vega-Lite's schema, in one line. */
function schemaMismatch(spec: Record<string, unknown>): string | undefined {
  const mismatch = checkAgainstVegaLiteSchema({ ...spec, data: { values: [] } });
  return mismatch && `the chart spec does not match Vega-Lite's schema: ${describeMismatch(mismatch)}`;
}
