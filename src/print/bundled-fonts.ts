import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * The fonts every page uses (Noto Sans JP, from an npm package so that PDFs look the same on
 * every machine): route on the page → file. Data text must be drawable with them (see
 * validate/font-coverage.ts), or Chrome would borrow a glyph from whatever the machine has.
 */
export const BUNDLED_FONTS = {
  '/assets/fonts/NotoSansJP-400.ttf': '@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf',
  '/assets/fonts/NotoSansJP-700.ttf': '@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf',
} as const;

export const BUNDLED_FONT_NAME = 'Noto Sans JP';

export function bundledFontFile(module: string): string {
  return require.resolve(module);
}
