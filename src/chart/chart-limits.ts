/**
 * What one chart may cost. Department specs are semi-trusted: a spec that would run away (a
 * huge `sequence`, an exploding `flatten`) must fail its briefing alone, quickly and within a
 * bounded heap, instead of stalling or exhausting the build.
 */
export const CHART_LIMITS = {
  /** Rows in any one dataset after the spec's transforms. The real charts use a few dozen. */
  maxRows: 10_000,
  /** Drawing one chart (Vega-Lite compile, dataflow, SVG). A normal chart takes tens of milliseconds. */
  timeMs: 5_000,
  /** The heap of the thread that draws the charts. Vega with a normal chart needs well under 100 MB. */
  heapMb: 256,
  /** Starting that thread (loading Vega); on a loaded machine this is the slow part. */
  startMs: 30_000,
} as const;

export type ChartLimits = { maxRows: number; timeMs: number; heapMb: number; startMs: number };
