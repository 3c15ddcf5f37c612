import { fiscalYearFromReiwa } from '../format/fiscal-year.ts';

/**
 * The small grammar of figures in the editions' text: 1,238億円, ▲3億円, +0.5%, 令和8年度.
 * Text extracted from PDFs mixes full-width and half-width forms, so every pattern takes both.
 */

/** Full-width digits, comma, period and signs to their ASCII forms; nothing else changes. */
export function asciiDigits(text: string): string {
  return text.replace(/[０-９，．＋－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** "1,238" → 1238. */
export function parseAmount(digits: string): number {
  return Number(asciiDigits(digits).replace(/[,\s]/g, ''));
}

/** A decrease is printed ▲ (or △, −, -), an increase + (or nothing). */
export function signOf(mark: string | undefined): 1 | -1 {
  return mark !== undefined && /[▲△\-−－]/.test(mark) ? -1 : 1;
}

/** 令和N年度 (元 = 1) → the Western fiscal year. */
export function reiwaToFiscalYear(n: string): number {
  return fiscalYearFromReiwa(n === '元' ? 1 : Number(asciiDigits(n)));
}

export const OKU = String.raw`([0-9０-９][0-9０-９,，]*)\s*億円`;
export const SIGNED_OKU = new RegExp(String.raw`^([+＋▲△\-−－±])\s*${OKU}$`);
export const SIGNED_PERCENT = /^([+＋▲△\-−－±]?)\s*([0-9０-９]+(?:[.．][0-9０-９]+)?)\s*[%％]$/;
export const OPEN = '[（(]';
export const CLOSE = '[）)]';

/** A signed percentage as printed: "+0.5%" → 0.5, "▲0.3%" → -0.3. */
export function parsePercent(text: string): number | undefined {
  const m = SIGNED_PERCENT.exec(text.trim());
  if (!m) return undefined;
  return signOf(m[1]) * Number(asciiDigits(m[2] ?? ''));
}

/** A signed amount as printed: "+6億円" → 6, "▲3億円" → -3. */
export function parseSignedAmount(text: string): number | undefined {
  const m = SIGNED_OKU.exec(text.trim());
  if (!m) return undefined;
  return signOf(m[1]) * parseAmount(m[2] ?? '');
}

/** Strips a leading bullet ("- ", "・", "- ✓ ") from a line. */
export function withoutBullet(line: string): string {
  return line.replace(/^\s*(?:[-・•]\s*)?(?:✓\s*)?/, '').trim();
}

/** Markdown emphasis left in the extracted text (**【拡充】**) is not part of the wording. */
export function withoutEmphasis(text: string): string {
  return text.replace(/\*\*/g, '');
}
