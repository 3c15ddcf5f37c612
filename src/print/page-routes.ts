import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/**
 * Where a briefing page finds what it loads, named once: the asset server serves these routes,
 * the layout links the stylesheet by `href`, the stylesheet is given the fonts' @font-face rules
 * (fontFaceCss), `build --html` writes the files at the same paths, and the preview serves them.
 * Routes are absolute on the page's own prefix; the page refers to them relatively.
 */
export const PAGE_ROUTES = {
  page: '/index.html',
  stylesheet: '/assets/briefing.css',
  fonts: '/assets/fonts/',
  /** The department's logo, by its file extension (.svg or .png). */
  logo: (ext: string): string => `/assets/department/logo${ext}`,
} as const;

/** How the page (index.html, at the prefix's root) refers to a route. */
export const pageHref = (route: string): string => route.replace(/^\//, '');

/** A face of the bundled font: its family and weight on the page, its route, and the npm file it comes from. */
export interface BundledFace {
  family: string;
  weight: 400 | 700;
  route: string;
  module: string;
}

/**
 * The family every page, chart and margin box is set in (Noto Sans JP, from an npm package so that
 * PDFs look the same on every machine). Data text must be drawable with it (see
 * validate/font-coverage.ts), or Chrome would borrow a glyph from whatever the machine has.
 */
export const PAGE_FONT_FAMILY = 'Noto Sans JP';

export const BUNDLED_FACES: readonly BundledFace[] = [
  { family: PAGE_FONT_FAMILY, weight: 400, route: `${PAGE_ROUTES.fonts}NotoSansJP-400.ttf`, module: '@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf' },
  { family: PAGE_FONT_FAMILY, weight: 700, route: `${PAGE_ROUTES.fonts}NotoSansJP-700.ttf`, module: '@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf' },
];

/** The file of a bundled face, on this machine. */
export function bundledFontFile(face: Pick<BundledFace, 'module'>): string {
  return require.resolve(face.module);
}

/** The face that draws text of a weight (CSS matching: 600 and above take the bold face). */
export function faceForWeight(weight: number | string | undefined): BundledFace {
  const numeric = weight === 'bold' ? 700 : typeof weight === 'number' ? weight : Number(weight ?? 400) || 400;
  const wanted = numeric >= 600 ? 700 : 400;
  return BUNDLED_FACES.find((f) => f.weight === wanted) ?? (BUNDLED_FACES[0] as BundledFace);
}

const cssQuote = (text: string) => `"${text.replace(/["\\]/g, '\\$&')}"`;

/**
 * What the served stylesheet starts with: the bundled faces, and `--page-font` for the rules
 * (margin boxes included) to set text in. The stylesheet's own rules come after, so a department
 * stylesheet can still choose another family of the ones served.
 */
export function fontFaceCss(): string {
  const faces = BUNDLED_FACES.map(
    (f) =>
      `@font-face { font-family: ${cssQuote(f.family)}; font-weight: ${f.weight}; font-display: block; src: url(${cssQuote(path.posix.relative(path.posix.dirname(PAGE_ROUTES.stylesheet), f.route))}) format("truetype"); }`,
  );
  return `${faces.join('\n')}\n:root { --page-font: ${cssQuote(PAGE_FONT_FAMILY)}, sans-serif; }\n`;
}
