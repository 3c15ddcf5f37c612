import type { HTTPRequest } from 'puppeteer-core';
import { BriefingError } from '../problems.ts';
import type { BrowserSession } from './browser-session.ts';
import { PAGE_ORIGIN, type PageAsset } from './page-assets.ts';

export interface PrintResult {
  pdf: Uint8Array;
  /** Requests the page made for anything but its own assets; they were refused. */
  blocked: string[];
}

const IGNORED_BLOCKS = new Set([`${PAGE_ORIGIN}/favicon.ico`]);

/**
 * Prints one page of HTML to PDF. The page is served from memory under a fake origin and
 * every other request is refused, so a template can neither reach the network nor read files.
 */
export async function printPdf(
  session: BrowserSession,
  assets: ReadonlyMap<string, PageAsset>,
  options: { timeoutMs: number; name: string },
): Promise<PrintResult> {
  return session.withPage(async (page) => {
    const blocked: string[] = [];
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request: HTTPRequest) => {
      const url = new URL(request.url());
      const asset = url.origin === PAGE_ORIGIN ? assets.get(url.pathname) : undefined;
      if (asset) void request.respond({ status: 200, contentType: asset.contentType, body: asset.body });
      else {
        if (!IGNORED_BLOCKS.has(request.url()) && !request.url().startsWith('data:')) blocked.push(request.url());
        void request.abort('blockedbyclient');
      }
    });
    try {
      await page.goto(`${PAGE_ORIGIN}/index.html`, { waitUntil: 'load', timeout: options.timeoutMs });
      await page.evaluateHandle('document.fonts.ready');
      const pdf = await page.pdf({
        preferCSSPageSize: true,
        printBackground: true,
        outline: true,
        tagged: true,
        timeout: options.timeoutMs,
      });
      return { pdf, blocked };
    } catch (error) {
      if (error instanceof BriefingError) throw error;
      throw new BriefingError('render', `${options.name}: printing failed: ${(error as Error).message.split('\n')[0]}`, [], { cause: error });
    }
  });
}
