import { readFile } from 'node:fs/promises';
import subsetFont from 'subset-font';
import { readRegularFile } from '../load/read-regular-file.ts';
import { BUNDLED_FACES, bundledFontFile, fontFaceCss, PAGE_ROUTES } from './page-routes.ts';

/** What a briefing page may load: its HTML, the stylesheet, the logo and the bundled fonts. Nothing else. */
export interface PageAsset {
  contentType: string;
  body: Buffer;
}


// Printable ASCII is always kept, so that page numbers and any text Chrome adds has its glyphs.
const ALWAYS = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
// What src/format writes besides digits: signs, units and separators.
const FORMAT_SYMBOLS = '▲±−→…—・「」、。（）％¥億円年度令和元';

let fonts: Promise<Map<string, Buffer>> | undefined;
const subsets = new Map<string, Promise<Map<string, PageAsset>>>();

/** The fonts come from an npm package, so the PDFs look the same whatever the machine has installed. */
function loadFonts(): Promise<Map<string, Buffer>> {
  fonts ??= Promise.all(BUNDLED_FACES.map(async (face) => [face.route, await readFile(bundledFontFile(face))] as const)).then(
    (entries) => new Map(entries),
  );
  return fonts;
}

/**
 * The characters a build can print: every character of the data and templates folders (names,
 * texts, strings, department overrides) and of the number formats. One subset of this set serves
 * every page of a build; it depends only on the build's inputs, never on which briefings are built.
 */
export function buildCharacters(texts: readonly string[]): string {
  return [...new Set(ALWAYS + FORMAT_SYMBOLS + texts.join(''))].sort().join('');
}

/**
 * The fonts cut down to the characters the page uses. Noto Sans JP is 5 MB a weight; a page uses
 * a few hundred glyphs, and Chrome loads and embeds a 300 KB subset many times faster. The subset
 * depends only on the page's own characters, so each PDF stays a function of its own inputs.
 */
export function fontsFor(text: string): Promise<Map<string, PageAsset>> {
  const chars = [...new Set(ALWAYS + text)].sort().join('');
  let subset = subsets.get(chars);
  if (!subset) {
    subset = loadFonts().then(
      async (full) =>
        new Map(
          await Promise.all(
            [...full].map(async ([route, font]) => [route, { contentType: 'font/ttf', body: await subsetFont(font, chars, { targetFormat: 'truetype' }) }] as const),
          ),
        ),
    );
    subsets.set(chars, subset);
    // A long-running process (preview, many departments) keeps only recent subsets.
    if (subsets.size > 32) subsets.delete(subsets.keys().next().value as string);
  }
  return subset;
}

export async function pageAssets(
  html: string,
  stylesheet: string,
  logo?: { route: string; file: string; contentType: string },
  /** The build's characters (buildCharacters); the page's own are added when it has others. */
  buildChars?: string,
): Promise<Map<string, PageAsset>> {
  // The bundled faces come first, so the stylesheet's rules can use them (and --page-font).
  const served = fontFaceCss() + stylesheet;
  const own = html + served;
  const covered = buildChars !== undefined && [...new Set(own)].every((c) => buildChars.includes(c));
  const assets = new Map(await fontsFor(covered ? buildChars : (buildChars ?? '') + own));
  if (logo) assets.set(logo.route, { contentType: logo.contentType, body: await readRegularFile(logo.file) });
  assets.set(PAGE_ROUTES.page, { contentType: 'text/html; charset=utf-8', body: Buffer.from(html) });
  assets.set(PAGE_ROUTES.stylesheet, { contentType: 'text/css; charset=utf-8', body: Buffer.from(served) });
  return assets;
}
