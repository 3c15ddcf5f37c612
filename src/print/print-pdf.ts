import type { HTTPRequest, Page } from 'puppeteer-core';
import { BriefingError } from '../problems.ts';
import type { BrowserSession } from './browser-session.ts';
import type { PageAsset } from './page-assets.ts';
import { PAGE_CSP } from './asset-server.ts';
import { NAVIGATION_PREFIX } from './blocked-requests.ts';
import type { Deadline } from './deadline.ts';
import { waitForFonts } from './wait-for-fonts.ts';

export interface PrintResult {
  pdf: Uint8Array;
  /** Loading the page (HTML, stylesheet, fonts) and Chrome's printing, in milliseconds. */
  loadMs: number;
  pdfMs: number;
  /** Requests the page made for anything but its own assets; they were refused. */
  blocked: string[];
}

// Chrome asks every origin for a favicon; that is not the template's doing.
const IGNORED_BLOCKS = /\/favicon\.ico$/;

/**
 * A page may be opened once and must then stay where it is: a template's
 * `<meta http-equiv="refresh">` (which works with scripts off and which the content security
 * policy does not cover) would otherwise make Chrome request any URL. Every document request
 * after the first is answered with 204 No Content, which leaves the page as it is, and reported.
 * Answering with an error instead would replace the page with Chrome's error page.
 */
async function holdNavigation(page: Page, url: string, blocked: string[]): Promise<void> {
  const cdp = await page.createCDPSession();
  let opened = false;
  cdp.on('Fetch.requestPaused', (event) => {
    if (!opened && event.request.url === url) {
      opened = true;
      cdp.send('Fetch.continueRequest', { requestId: event.requestId }).catch(() => undefined);
    } else {
      blocked.push(NAVIGATION_PREFIX + event.request.url);
      cdp.send('Fetch.fulfillRequest', { requestId: event.requestId, responseCode: 204, responseHeaders: [] }).catch(() => undefined);
    }
  });
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*', resourceType: 'Document', requestStage: 'Request' }] });
}

/**
 * Prints one page of HTML to PDF. The page may load only what is served for it (see
 * asset-server.ts); every other request is refused and reported, so a template can neither
 * reach the network nor read files. Every step, from starting the browser to the last byte of
 * the PDF, counts against the briefing's deadline.
 */
export async function printPdf(session: BrowserSession, assets: ReadonlyMap<string, PageAsset>, options: { deadline: Deadline; name: string }): Promise<PrintResult> {
  const { deadline } = options;
  // Puppeteer's own time-outs are a little longer than ours: the deadline's message says which step it was.
  const puppeteerTimeout = () => deadline.remaining() + 1000;
  return session.withPage(
    assets,
    async (page, { url, prefix, respond }) => {
      const blocked: string[] = [];
      // Chrome reports what the content security policy (or its own file:// rule) refused.
      page.on('console', (message) => {
        const text = message.text();
        const url = /Content Security Policy/.test(text)
          ? /'((?:https?|file|ftp|wss?|blob):[^']*)'/.exec(text)?.[1]
          : /^Not allowed to load local resource: (\S+)/.exec(text)?.[1];
        if (url && !IGNORED_BLOCKS.test(url)) blocked.push(url);
      });
      try {
        await deadline.step('preparing the page', async () => {
          await page.setJavaScriptEnabled(false);
          // Laid out for print from the start, so that printing does not re-lay out a screen page.
          await page.emulateMediaType('print');
          if (!respond) await holdNavigation(page, url, blocked);
          else {
            // A remote browser cannot reach our loopback server: answer the page's own requests from
            // memory through DevTools, with the same policy, and refuse everything else.
            await page.setRequestInterception(true);
            let opened = false;
            page.on('request', (request: HTTPRequest) => {
              const target = request.url();
              if (request.isNavigationRequest()) {
                // As holdNavigation does: the first opens the page, any later one is held and reported.
                if (opened) {
                  blocked.push(NAVIGATION_PREFIX + target);
                  void request.respond({ status: 204, body: '' }).catch(() => undefined);
                  return;
                }
                opened = true;
              }
              const asset = target.startsWith(prefix) ? respond(target) : undefined;
              if (asset)
                void request
                  .respond({ status: 200, contentType: asset.contentType, body: asset.body, headers: { 'content-security-policy': PAGE_CSP } })
                  .catch(() => undefined);
              else {
                if (!IGNORED_BLOCKS.test(target) && !target.startsWith('data:')) blocked.push(target);
                void request.abort('blockedbyclient').catch(() => undefined);
              }
            });
          }
        });
        const started = performance.now();
        await deadline.step('loading the page', page.goto(url, { waitUntil: 'load', timeout: puppeteerTimeout() }));
        // The page's own scripts are off, but DevTools can still evaluate: wait for the web fonts in use.
        await deadline.step('loading the fonts', waitForFonts(page));
        const loaded = performance.now();
        const pdf = await deadline.step(
          'printing',
          page.pdf({ preferCSSPageSize: true, printBackground: true, outline: true, tagged: true, timeout: puppeteerTimeout() }),
        );
        return { pdf, blocked: [...new Set(blocked)], loadMs: loaded - started, pdfMs: performance.now() - loaded };
      } catch (error) {
        if (error instanceof BriefingError) throw error;
        throw new BriefingError('render', `printing failed: ${(error as Error).message.split('\n')[0]}`, [], { cause: error });
      }
    },
    deadline,
  );
}
