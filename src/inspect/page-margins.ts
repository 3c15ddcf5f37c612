import type { PageMargins } from './inspect-context.ts';

const POINTS_PER: Record<string, number> = { pt: 1, px: 0.75, mm: 72 / 25.4, cm: 72 / 2.54, in: 72, q: 72 / 101.6, pc: 12 };
const SIDES = ['top', 'right', 'bottom', 'left'] as const;

// Chrome lays the page margins out in whole CSS pixels (16 mm is 60.47 px, printed as 60 px = 45 pt).
const toWholePixels = (pt: number) => Math.round(pt / 0.75) * 0.75;

function points(value: string): number | undefined {
  const m = /^(-?\d*\.?\d+)([a-z]*)$/i.exec(value.trim());
  if (!m) return undefined;
  const unit = (m[2] ?? '').toLowerCase();
  const factor = unit === '' && Number(m[1]) === 0 ? 1 : POINTS_PER[unit];
  return factor === undefined ? undefined : toWholePixels(Number(m[1]) * factor);
}

/** The text of each `@page { … }` rule without a page selector, its margin boxes (`@top-left { … }`) taken out. */
function pageRules(css: string): string[] {
  const rules: string[] = [];
  const source = css.replace(/\/\*[\s\S]*?\*\//g, '');
  for (const match of source.matchAll(/@page\s*\{/g)) {
    let depth = 1;
    let own = '';
    for (let i = (match.index ?? 0) + match[0].length; i < source.length && depth > 0; i++) {
      const ch = source[i];
      if (ch === '{') depth++;
      else if (ch === '}') depth--;
      else if (depth === 1) own += ch;
    }
    // What is left of a margin box is its name (`@top-left`) before its block: drop it.
    rules.push(own.replace(/@[a-z-]+\s*/g, ''));
  }
  return rules;
}

/**
 * The page margins the stylesheet's `@page` rule sets (Chrome prints with them, as the build asks
 * it to prefer the CSS page size): `margin` and `margin-top`… in mm, cm, in, pt, px, Q or pc.
 * Sides the stylesheet does not set are 0: the content box is then the page box.
 */
export function pageMargins(css: string): PageMargins {
  const margins: PageMargins = { top: 0, right: 0, bottom: 0, left: 0 };
  for (const rule of pageRules(css))
    for (const declaration of rule.split(';')) {
      const [name = '', ...rest] = declaration.split(':');
      const property = name.trim().toLowerCase();
      const values = rest.join(':').replace(/!important/, '').trim().split(/\s+/).map(points);
      if (values.some((v) => v === undefined)) continue;
      const [a, b = a, c = a, d = b] = values as number[];
      if (property === 'margin' && a !== undefined) Object.assign(margins, { top: a, right: b, bottom: c, left: d });
      for (const side of SIDES) if (property === `margin-${side}` && a !== undefined) margins[side] = a;
    }
  return margins;
}
