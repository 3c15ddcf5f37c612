import * as vega from 'vega';

/**
 * Vega lays out axis labels with a text measurer. Without node-canvas it estimates every
 * character at 0.8 em, which is too narrow for Japanese (1 em) and lets labels overlap the
 * plot. This measurer uses Noto Sans JP's advance widths by character class, rounded up so a
 * label is never given less room than it takes in the PDF.
 */
function advance(ch: string): number {
  const code = ch.codePointAt(0) ?? 0;
  if (code >= 0xff61 && code <= 0xff9f) return 0.5; // half-width katakana
  if (code >= 0x2e80 || (code >= 0x3000 && code <= 0x30ff)) return 1; // CJK, kana, full-width forms
  if (code >= 0x2460 && code <= 0x27bf) return 1; // ①, ▲, ✓ and other symbols drawn full-width
  if (ch === ' ') return 0.25;
  if (/[0-9]/.test(ch)) return 0.58;
  if (/[A-Z]/.test(ch)) return 0.7;
  if (/[a-z]/.test(ch)) return 0.58;
  if (/[.,:;'|!il]/.test(ch)) return 0.3;
  return 0.62;
}

export function measureText(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) em += advance(ch);
  return Math.ceil(em * fontSize);
}

interface TextItem {
  fontSize?: number;
  limit?: number;
}

let installed = false;

/** Installs the measurer once per process (vega keeps it as module state). */
export function installTextMetrics(): void {
  if (installed) return;
  // Exported by vega at run time but missing from its type declarations.
  const { textMetrics: metrics } = vega as unknown as { textMetrics: { width: (item: TextItem, text: unknown) => number } };
  metrics.width = (item, text) => {
    const width = measureText(String(text ?? '').trim(), item.fontSize ?? 11);
    // Vega truncates to item.limit; the measured width must follow it, as its own estimator does.
    return item.limit && item.limit > 0 ? Math.min(width, item.limit) : width;
  };
  installed = true;
}
