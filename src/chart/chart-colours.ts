import type { DepartmentSettings } from '../schema/department.ts';

/**
 * The colours a chart may name (`"$colour:accent"` in a spec or the theme), from the edition's
 * department: its accent, a light tint of it (the earlier year beside the accent's later one),
 * the up and down colours of changes, and the category range (`"$colour:categories"`, the
 * theme's `range.category`), which starts with the accent; `secondary` is its second colour.
 */
export interface ChartPalette {
  accent: string;
  accentSoft: string;
  accentLight: string;
  secondary: string;
  up: string;
  down: string;
  categories: string[];
}

export const COLOUR_NAMES = ['accent', 'accentSoft', 'accentLight', 'secondary', 'up', 'down', 'categories'] as const satisfies readonly (keyof ChartPalette)[];
type ColourName = (typeof COLOUR_NAMES)[number];

/** The base briefings' colours (the stylesheet's --accent, --up, --down…). */
const BASE = { accent: '#1f5fa8', accentSoft: '#e8f0fa', accentLight: '#9fbfe3', up: '#1f5fa8', down: '#b3261e' };
const BASE_CATEGORIES = ['#1f5fa8', '#e8833a', '#3a9d5d', '#8e5cb5', '#c44e52', '#6b7a8f', '#d4a017'];

const channels = (hex: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
const toHex = (rgb: readonly number[]) => `#${rgb.map((c) => Math.round(Math.min(255, Math.max(0, c))).toString(16).padStart(2, '0')).join('')}`;

/** A colour mixed with white: `amount` 0 keeps it, 1 is white. */
export function tint(hex: string, amount: number): string {
  return toHex(channels(hex).map((c) => c + (255 - c) * amount));
}

/** Hue in degrees and saturation (0–1) of a colour. */
function hueOf(hex: string): { hue: number; saturation: number } {
  const [r, g, b] = channels(hex).map((c) => c / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const chroma = max - min;
  if (chroma === 0) return { hue: 0, saturation: 0 };
  const hue = max === r ? ((g - b) / chroma) % 6 : max === g ? (b - r) / chroma + 2 : (r - g) / chroma + 4;
  return { hue: (hue * 60 + 360) % 360, saturation: chroma / (1 - Math.abs(max + min - 1)) };
}

/** Whether two colours would read as the same category beside each other. */
function alike(a: string, b: string): boolean {
  const x = hueOf(a);
  const y = hueOf(b);
  if (x.saturation < 0.2 || y.saturation < 0.2) return x.saturation < 0.2 && y.saturation < 0.2;
  const apart = Math.abs(x.hue - y.hue);
  return Math.min(apart, 360 - apart) < 30;
}

/**
 * The palette of an edition. A department that sets only its accent gets a category range that
 * starts with it, followed by the base categories that do not look like it (a purple accent drops
 * the base purple), so that a chart's categories stay apart.
 */
export function chartPalette(colours: DepartmentSettings['colours'] = {}): ChartPalette {
  const accent = colours.accent ?? BASE.accent;
  const own = accent.toLowerCase() !== BASE.accent;
  const categories = colours.categories ?? (own ? [accent, ...BASE_CATEGORIES.slice(1).filter((c) => !alike(c, accent))] : BASE_CATEGORIES);
  return {
    accent,
    accentSoft: colours.accentSoft ?? (own ? tint(accent, 0.88) : BASE.accentSoft),
    accentLight: own ? tint(accent, 0.55) : BASE.accentLight,
    secondary: categories[1] ?? BASE_CATEGORIES[1] ?? accent,
    up: colours.up ?? (own ? accent : BASE.up),
    down: colours.down ?? BASE.down,
    categories,
  };
}

const PREFIX = '$colour:';

/** Why a `$colour:` name could not be resolved (the caller names the file). */
export class UnknownColour extends Error {
  override readonly name = 'UnknownColour';
  constructor(
    readonly colour: string,
    readonly path: string,
  ) {
    super(`${path}: "${PREFIX}${colour}" is not a chart colour; the names are ${COLOUR_NAMES.map((n) => PREFIX + n).join(', ')}`);
  }
}

const isColourName = (name: string): name is ColourName => (COLOUR_NAMES as readonly string[]).includes(name);

/** A spec (or theme) with every `"$colour:name"` string replaced by the palette's colour. */
export function applyColours(value: unknown, palette: ChartPalette, path = ''): unknown {
  if (typeof value === 'string') {
    if (!value.startsWith(PREFIX)) return value;
    const name = value.slice(PREFIX.length);
    if (!isColourName(name)) throw new UnknownColour(name, path || '(top)');
    return palette[name];
  }
  if (Array.isArray(value)) return value.map((v, i) => applyColours(v, palette, `${path}[${i}]`));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, applyColours(v, palette, path ? `${path}.${k}` : k)]));
  return value;
}
