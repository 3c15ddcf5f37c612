import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { BriefingError } from '../problems.ts';
import { installTextMetrics } from './text-metrics.ts';

export type ChartRow = Record<string, string | number | boolean | null>;

export interface ChartInput {
  /** The file the spec came from, for error messages. */
  file: string;
  spec: unknown;
  /** The shared Vega-Lite config (fonts, colours), under the spec's own config. */
  theme: Record<string, unknown>;
  rows: ChartRow[];
}

export interface RenderedChart {
  svg: string;
  warnings: string[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A Vega-Lite spec file with its data left out (`"data": {"name": "values"}`) → SVG.
 * The data comes from the view model, so a spec holds only the chart's design.
 */
export async function renderChart(input: ChartInput): Promise<RenderedChart> {
  installTextMetrics();
  if (!isObject(input.spec))
    throw new BriefingError('template', `${input.file}: a chart spec must be a JSON object (a Vega-Lite spec)`);
  const config = { ...input.theme, ...(isObject(input.spec.config) ? input.spec.config : {}) };
  const spec = { ...input.spec, data: { values: input.rows }, config } as unknown as TopLevelSpec;

  const warnings: string[] = [];
  const logger = {
    level: () => logger,
    warn: (...args: unknown[]) => (warnings.push(args.map(String).join(' ')), logger),
    info: () => logger,
    debug: () => logger,
    error: (...args: unknown[]) => {
      throw new Error(args.map(String).join(' '));
    },
  };

  let vgSpec: vega.Spec;
  try {
    vgSpec = compile(spec, { logger: logger as never }).spec;
  } catch (error) {
    throw new BriefingError(
      'template',
      `${input.file}: Vega-Lite rejected the chart spec: ${(error as Error).message}. Check the spec against https://vega.github.io/vega-lite/docs/`,
      [],
      { cause: error },
    );
  }
  const view = new vega.View(vega.parse(vgSpec), { renderer: 'none', logLevel: vega.Warn });
  try {
    const svg = await view.toSVG();
    return { svg, warnings };
  } catch (error) {
    throw new BriefingError('template', `${input.file}: the chart could not be drawn: ${(error as Error).message}`, [], { cause: error });
  } finally {
    view.finalize();
  }
}
