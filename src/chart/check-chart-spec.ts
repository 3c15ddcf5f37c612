import { formatPath } from '../problems.ts';
import { CHART_LIMITS } from './chart-limits.ts';

export interface SpecViolation {
  /** The JSON property path inside the spec, e.g. layer[1].data.url */
  path: string;
  message: string;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** How many rows a Vega-Lite `sequence` generator makes, as Vega counts them. */
function sequenceLength(sequence: Record<string, unknown>): number | undefined {
  const { start = 0, stop, step = 1 } = sequence;
  if (typeof start !== 'number' || typeof stop !== 'number' || typeof step !== 'number') return undefined;
  if (step === 0) return Infinity;
  return Math.max(0, Math.ceil((stop - start) / step));
}

/**
 * What a chart spec may not contain, found before anything runs: charts draw only the rows the
 * build gives them, so any `url` (data, lookup `from`, image, anywhere in layers, concats or
 * facets) is refused, and a generator that alone exceeds the row limit is refused at once.
 * The encoding channel named `url` (an image mark's field) is not a load and stays allowed;
 * the Vega loader refuses whatever it would load anyway.
 */
export function checkChartSpec(spec: unknown, maxRows: number = CHART_LIMITS.maxRows): SpecViolation[] {
  const found: SpecViolation[] = [];
  const walk = (value: unknown, at: (string | number)[]) => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, [...at, i]));
      return;
    }
    if (!isObject(value)) return;
    for (const [key, child] of Object.entries(value)) {
      const here = [...at, key];
      if (key === 'url' && at.at(-1) !== 'encoding')
        found.push({ path: formatPath(here), message: 'charts may not load data or images from a URL or file; they draw only the data the build gives them' });
      else if (key === 'sequence' && isObject(child)) {
        const rows = sequenceLength(child);
        if (rows !== undefined && rows > maxRows)
          found.push({ path: formatPath(here), message: `this sequence makes ${Number.isFinite(rows) ? rows.toLocaleString('en-US') : 'endless'} rows; a chart may have at most ${maxRows.toLocaleString('en-US')}` });
      }
      walk(child, here);
    }
  };
  walk(spec, []);
  return found;
}
