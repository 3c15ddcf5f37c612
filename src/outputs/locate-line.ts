import { formatNumber } from '../format/number.ts';
import type { DataRef } from './data-ref.ts';

/** How a figure is written in the source text, and the words that label it there. */
export interface Needle {
  pattern: RegExp;
  labels: string[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** 1238 is printed 1,238 or 1238; never part of a longer number. */
const num = (v: number) => `(?<![0-9,.])(?:${escape(formatNumber(v))}|${v})(?![0-9])`;

/** The pattern a printed value takes in the text, by the kind of field it is. */
export function needlePattern(ref: DataRef, value: number): RegExp {
  if (ref.kind === 'budget' && ref.ministry) return new RegExp(`${escape(ref.ministry)}\\s*${num(value)}`);
  if (ref.kind === 'change' && ref.field === 'percent') {
    const sign = value > 0 ? '[+＋]' : value < 0 ? '▲' : '[±]?';
    return new RegExp(`${sign}\\s*${escape(Math.abs(value).toFixed(1))}\\s*[%％]`);
  }
  if (ref.kind === 'change') {
    const sign = value > 0 ? '[+＋]' : value < 0 ? '▲' : '[±]?';
    return new RegExp(`${sign}\\s*${escape(formatNumber(Math.abs(value)))}\\s*億円`);
  }
  return new RegExp(`${num(value)}\\s*億円`);
}

/** Words of a name worth looking for: split at brackets and spaces, two characters or more. */
export function labelWords(name: string): string[] {
  return name.split(/[\s()（）<>＜＞「」【】・、,]+/).filter((w) => w.length >= 2);
}

/** Lines before a figure in which its label may stand (a heading above an amount, a program above its description and amount). */
const NEAR = 3;
const LOOK_BACK = 8;

/**
 * The 1-based line where a figure is printed: the lines holding the figure, scored by how many of
 * its label words stand on the line (3), just above it (2) or a few lines above (1). Only a single best line with a
 * label nearby counts; no line or a tie means the line is unknown (null), never a guess.
 */
export function locateLine(lines: readonly string[], needle: Needle): number | null {
  const words = [...new Set(needle.labels)];
  let best = 0;
  let at: number[] = [];
  lines.forEach((line, i) => {
    if (!needle.pattern.test(line)) return;
    const near = lines.slice(Math.max(0, i - NEAR), i).join('\n');
    const above = lines.slice(Math.max(0, i - LOOK_BACK), i).join('\n');
    const score = words.reduce((s, w) => s + (line.includes(w) ? 3 : near.includes(w) ? 2 : above.includes(w) ? 1 : 0), 0);
    if (score > best) [best, at] = [score, [i + 1]];
    else if (score === best && score > 0) at.push(i + 1);
  });
  return best > 0 && at.length === 1 ? (at[0] ?? null) : null;
}
