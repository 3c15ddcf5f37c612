import { readFileSync } from 'node:fs';
import * as vega from 'vega';
import { readAdvances, readCmap } from '../print/font-tables.ts';
import { bundledFontFile, faceForWeight, type BundledFace } from '../print/page-routes.ts';

/**
 * Vega lays out axis labels, legends and titles with a text measurer. Without node-canvas it
 * estimates every character at 0.8 em, which is too narrow for Japanese (1 em) and lets labels
 * overlap the plot. This measurer reads the advance widths from the very font files the page
 * embeds (print/page-routes.ts), per weight, so a chart is laid out for the text as printed.
 */
interface FontMetrics {
  glyphs: Map<number, number>;
  advances: Float64Array;
}

// Reading a 5 MB font and its tables takes some milliseconds: once per face and process (thread).
const cache = new Map<string, FontMetrics>();

function metricsOf(face: BundledFace): FontMetrics {
  let metrics = cache.get(face.route);
  if (!metrics) {
    const font = readFileSync(bundledFontFile(face));
    metrics = { glyphs: readCmap(font), advances: readAdvances(font) };
    cache.set(face.route, metrics);
  }
  return metrics;
}

/**
 * The width of a text in the bundled font, in pixels at `fontSize`, rounded up so a label is
 * never given less room than it takes in the PDF. A character the font lacks counts as 1 em (the
 * page check refuses such text anyway).
 */
export function measureText(text: string, fontSize: number, fontWeight?: number | string): number {
  const { glyphs, advances } = metricsOf(faceForWeight(fontWeight));
  let em = 0;
  for (const ch of text) {
    const glyph = glyphs.get(ch.codePointAt(0) ?? 0);
    em += glyph === undefined ? 1 : (advances[glyph] ?? 1);
  }
  return Math.ceil(em * fontSize);
}

interface TextItem {
  fontSize?: number;
  fontWeight?: number | string;
  limit?: number;
}

let installed = false;

/** Installs the measurer once per process (vega keeps it as module state). */
export function installTextMetrics(): void {
  if (installed) return;
  // Exported by vega at run time but missing from its type declarations.
  const { textMetrics: metrics } = vega as unknown as { textMetrics: { width: (item: TextItem, text: unknown) => number } };
  metrics.width = (item, text) => {
    const width = measureText(String(text ?? '').trim(), item.fontSize ?? 11, item.fontWeight);
    // Vega truncates to item.limit; the measured width must follow it, as its own estimator does.
    return item.limit && item.limit > 0 ? Math.min(width, item.limit) : width;
  };
  installed = true;
}
