/**
 * Numbers in the documents' own style: 1,238億円, +6億円, ▲3億円, +0.5%, ▲0.3%.
 * Charts, templates and the validation report all format through here, so a figure
 * looks the same everywhere.
 */
const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export const DECREASE = '▲';

/** -0 (written so in the data, or a tiny decrease rounded away) is printed as 0. */
export function formatNumber(value: number): string {
  const text = grouped.format(value);
  return text === '-0' ? '0' : text;
}

/** 1,238億円 */
export function formatOku(value: number): string {
  return `${formatNumber(value)}億円`;
}

function sign(value: number): string {
  if (value > 0) return '+';
  if (value < 0) return DECREASE;
  return '±';
}

/** +6億円, ▲3億円, ±0億円 */
export function formatOkuChange(value: number): string {
  return `${sign(value)}${formatNumber(Math.abs(value))}億円`;
}

/** +0.5%, ▲0.3%, ±0.0% (one decimal, as printed in the documents) */
export function formatPercentChange(value: number, digits = 1): string {
  const rounded = roundTo(value, digits);
  return `${sign(rounded)}${Math.abs(rounded).toFixed(digits)}%`;
}

/** 59.6% (a share, never signed) */
export function formatShare(value: number, digits = 1): string {
  return `${roundTo(value, digits).toFixed(digits)}%`;
}

/** Half away from zero, the way the documents round (四捨五入), without float drift. */
export function roundTo(value: number, digits: number): number {
  const factor = 10 ** digits;
  const scaled = Math.abs(value) * factor;
  const rounded = Math.round(Number(scaled.toPrecision(12))) / factor;
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}
