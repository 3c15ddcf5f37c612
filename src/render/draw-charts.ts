import { renderChart } from '../chart/render-chart.ts';
import type { Strings } from './strings.ts';
import { chartSpec, type TemplateSet } from './template-set.ts';
import type { ChartRequest } from './view/common.ts';

/** A chart spec's "$t:group.key" strings replaced by the edition's text (axis titles in its language). */
export function localizeSpec(value: unknown, strings: Strings): unknown {
  if (typeof value === 'string') return value.startsWith('$t:') ? strings.get(value.slice(3)) : value;
  if (Array.isArray(value)) return value.map((v) => localizeSpec(v, strings));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, localizeSpec(v, strings)]));
  return value;
}

/**
 * The chart step: draws each chart a view asked for, one after the other (each in the chart
 * thread, with its limits), and places its SVG where the view put the chart.
 */
export async function drawCharts(requests: readonly ChartRequest[], templates: TemplateSet, strings: Strings): Promise<void> {
  for (const request of requests) {
    const { file, spec } = chartSpec(templates, request.name);
    const { svg } = await renderChart({ file, spec: localizeSpec(spec, strings), theme: templates.theme.spec, rows: request.rows });
    request.view.svg = svg;
  }
}
