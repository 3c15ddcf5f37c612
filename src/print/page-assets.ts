import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

/** What a briefing page may load: its HTML, the stylesheet and the bundled fonts. Nothing else. */
export interface PageAsset {
  contentType: string;
  body: Buffer;
}

const require = createRequire(import.meta.url);
const FONT_FILES = {
  '/assets/fonts/NotoSansJP-400.ttf': '@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf',
  '/assets/fonts/NotoSansJP-700.ttf': '@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf',
} as const;

let fonts: Promise<Map<string, PageAsset>> | undefined;

/** The fonts come from an npm package, so the PDFs look the same whatever the machine has installed. */
export function loadFonts(): Promise<Map<string, PageAsset>> {
  fonts ??= Promise.all(
    Object.entries(FONT_FILES).map(async ([route, module]) => [route, { contentType: 'font/ttf', body: await readFile(require.resolve(module)) }] as const),
  ).then((entries) => new Map(entries));
  return fonts;
}

export async function pageAssets(
  html: string,
  stylesheet: string,
  logo?: { route: string; file: string; contentType: string },
): Promise<Map<string, PageAsset>> {
  const assets = new Map(await loadFonts());
  if (logo) assets.set(logo.route, { contentType: logo.contentType, body: await readFile(logo.file) });
  assets.set('/index.html', { contentType: 'text/html; charset=utf-8', body: Buffer.from(html) });
  assets.set('/assets/briefing.css', { contentType: 'text/css; charset=utf-8', body: Buffer.from(stylesheet) });
  return assets;
}
