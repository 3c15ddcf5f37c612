import type { HTTPRequest } from 'puppeteer-core';
import { BriefingError } from '../problems.ts';
import type { BrowserSession } from './browser-session.ts';
import type { PageAsset } from './page-assets.ts';

export interface PrintResult {
  pdf: Uint8Array;
  /** Requests the page made for anything but its own assets; they were refused. */
  blocked: string[];
}

// Chrome asks every origin for a favicon; that is not the template's doing.
const IGNORED_BLOCKS = /\/favicon\.ico$/;

/**
 * Prints one page of HTML to PDF. The page may load only what is served for it (see
 * asset-server.ts); every other request is refused and reported, so a template can neither
 * reach the network nor read files.
 */
export async function printPdf(
  session: BrowserSession,
  assets: ReadonlyMap<string, PageAsset>,
  options: { timeoutMs: number; name: string },
): Promise<PrintResult> {
  return session.withPage(assets, async (page, url, prefix) => {
    const blocked: string[] = [];
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request: HTTPRequest) => {
      const target = request.url();
      if (target.startsWith(prefix)) void request.continue();
      else {
        if (!IGNORED_BLOCKS.test(target) && !target.startsWith('data:')) blocked.push(target);
        void request.abort('blockedbyclient');
      }
    });
    try {
      await page.goto(url, { waitUntil: 'load', timeout: options.timeoutMs });
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
