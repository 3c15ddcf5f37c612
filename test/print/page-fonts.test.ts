import { afterAll, describe, expect, it } from 'vitest';
import { Deadline } from '../../src/print/deadline.ts';
import { BrowserSession } from '../../src/print/browser-session.ts';
import { pageAssets } from '../../src/print/page-assets.ts';
import { BUNDLED_FACES, PAGE_ROUTES } from '../../src/print/page-routes.ts';
import { printPdf } from '../../src/print/print-pdf.ts';
import { BriefingError } from '../../src/problems.ts';

/**
 * The fonts a printed page is set in: named once (print/page-routes.ts), served at their routes,
 * and waited for by whatever family the page's stylesheet chooses.
 */
const session = new BrowserSession({ executablePath: '/usr/bin/chromium', timeoutMs: 60_000 });
afterAll(() => session.close());

const page = (body: string) => `<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><link rel="stylesheet" href="assets/briefing.css"></head><body>${body}</body></html>`;
const BODY = '<h1>医療分野の研究開発</h1><p>予算の推移 1,238億円</p>';

async function print(stylesheet: string) {
  const assets = await pageAssets(page(BODY), stylesheet);
  return printPdf(session, assets, { deadline: new Deadline(60_000), name: 'fonts' });
}

/** The base names of the fonts a PDF embeds (a subset's name is prefixed ABCDEF+). */
const embeddedFonts = (pdf: Uint8Array) => [...new Set([...Buffer.from(pdf).toString('latin1').matchAll(/\/BaseFont\s*\/[A-Z]{6}\+([\w-]+)/g)].map((m) => m[1]))].sort();

describe('the fonts of a printed page', () => {
  it('serves every bundled face at its route, and the stylesheet that declares them', async () => {
    const assets = await pageAssets(page(BODY), 'html { font-family: var(--page-font); }');
    for (const face of BUNDLED_FACES) expect(assets.get(face.route)?.contentType).toBe('font/ttf');
    const css = assets.get(PAGE_ROUTES.stylesheet)?.body.toString('utf8') ?? '';
    expect(css).toContain('src: url("fonts/NotoSansJP-400.ttf")');
    expect(css).toContain('--page-font: "Noto Sans JP", sans-serif');
    expect(css.trimEnd().endsWith('html { font-family: var(--page-font); }')).toBe(true);
  });

  it('prints the page in the bundled family, both weights', { timeout: 90_000 }, async () => {
    const { pdf } = await print('html { font-family: var(--page-font); }');
    expect(embeddedFonts(pdf)).toEqual(['NotoSansJP-Bold', 'NotoSansJP-Regular']);
  });

  it('waits for a family the department names itself, not for the base one', { timeout: 90_000 }, async () => {
    const own = '@font-face { font-family: "Department Sans"; font-weight: 400 900; src: url("fonts/NotoSansJP-700.ttf"); } html { font-family: "Department Sans"; }';
    const { pdf } = await print(own);
    // Every text, headings and body alike, is in the department's face (the bold file).
    expect(embeddedFonts(pdf)).toEqual(['NotoSansJP-Bold']);
  });

  it('fails, naming the family, when a face the page uses cannot be loaded', { timeout: 90_000 }, async () => {
    const broken = '@font-face { font-family: "Missing Serif"; src: url("fonts/missing.ttf"); } html { font-family: "Missing Serif"; }';
    const error = await print(broken).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BriefingError);
    expect((error as BriefingError).message).toContain('"missing serif"');
  });
});
