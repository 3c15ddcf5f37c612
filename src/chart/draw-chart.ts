import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { installTextMetrics } from './text-metrics.ts';

export type ChartRow = Record<string, string | number | boolean | null>;

export interface DrawRequest {
  spec: Record<string, unknown>;
  /** The shared Vega-Lite config (fonts, colours), under the spec's own config. */
  theme: Record<string, unknown>;
  rows: ChartRow[];
  maxRows: number;
}

export interface DrawnChart {
  svg: string;
  warnings: string[];
}

/** Why a chart could not be drawn, in words for the spec's author (the caller adds the file). */
export class ChartFailure extends Error {
  override readonly name = 'ChartFailure';
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Vega's loader, with every way of reaching a file or the network refused. */
function refusingLoader(): vega.Loader {
  const loader = vega.loader();
  const refuse = (uri: unknown) => Promise.reject(new ChartFailure(`the chart tried to load ${String(uri)}; charts may not load files or URLs`));
  loader.load = refuse;
  loader.sanitize = refuse;
  loader.http = refuse;
  loader.file = refuse;
  return loader;
}

/**
 * The SVG without roles or ARIA attributes: a spec may still ask for them on a mark or an axis
 * (`"aria": true` beats the config), and Chrome would tag each as a figure inside the chart's own.
 * Vega quotes every attribute with `"` and escapes `"` in values, so the pattern cannot cut text.
 */
export function withoutAria(svg: string): string {
  return svg.replace(/\s(?:role|aria-[a-z]+)="[^"]*"/g, '');
}

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';

/**
 * A Vega-Lite spec with its data left out (`"data": {"name": "values"}`) → SVG, with the build's
 * rows as its only data. Runs in the chart thread (chart-thread.ts), which bounds its time and heap.
 */
export async function drawChart(request: DrawRequest): Promise<DrawnChart> {
  installTextMetrics();
  // No ARIA of Vega's own: the chart is one image whose text alternative the template gives
  // (chart.hbs); Vega's English descriptions of every axis and bar would be nested figures in the PDF.
  const config = { ...request.theme, ...(isObject(request.spec.config) ? request.spec.config : {}), aria: false };
  // The spec is whatever the department wrote; Vega-Lite itself validates it.
  const spec = { ...request.spec, data: { values: request.rows }, config } as unknown as TopLevelSpec;

  // One logger for Vega-Lite and Vega: warnings are kept, errors end the chart. Vega reports a
  // load that failed (here: every load) only as a warning and draws on without the data.
  const warnings: string[] = [];
  let failure: ChartFailure | undefined;
  const logger = {
    level: (_?: number) => logger,
    warn: (...args: unknown[]) => {
      const refused = args.find((a): a is ChartFailure => a instanceof ChartFailure);
      if (refused) failure ??= refused;
      else warnings.push(args.map(String).join(' '));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
    error: (...args: unknown[]) => {
      failure ??= new ChartFailure(args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '));
      return logger;
    },
  };

  let vgSpec: vega.Spec;
  try {
    vgSpec = compile(spec, { logger }).spec;
    if (failure) throw failure;
  } catch (error) {
    throw new ChartFailure(`Vega-Lite rejected the chart spec: ${firstLine(error)}. Check the spec against https://vega.github.io/vega-lite/docs/`);
  }
  let view: vega.View;
  try {
    view = new vega.View(vega.parse(vgSpec), { renderer: 'none', logLevel: vega.Warn, logger, loader: refusingLoader() });
  } catch (error) {
    // Expression errors ("Illegal callee type", "Unrecognized function") surface here.
    throw new ChartFailure(`the chart could not be drawn: ${firstLine(error)}; check the expressions (calculate, filter, signals) in the spec`);
  }
  try {
    await view.runAsync();
    if (failure) throw failure;
    for (const data of vgSpec.data ?? []) {
      const rows = view.data(data.name).length;
      if (rows > request.maxRows)
        throw new ChartFailure(`the chart's dataset "${data.name}" has ${rows.toLocaleString('en-US')} rows after its transforms; a chart may have at most ${request.maxRows.toLocaleString('en-US')}`);
    }
    const svg = withoutAria(await view.toSVG());
    if (failure) throw failure;
    return { svg, warnings };
  } catch (error) {
    if (error instanceof ChartFailure) throw error;
    throw new ChartFailure(`the chart could not be drawn: ${firstLine(error)}`);
  } finally {
    view.finalize();
  }
}
