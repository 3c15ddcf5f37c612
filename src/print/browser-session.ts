import puppeteer, { type Browser, type BrowserContext, type Page } from 'puppeteer-core';
import { BriefingError } from '../problems.ts';
import { findBrowser } from './find-browser.ts';
import { AssetServer } from './asset-server.ts';
import type { PageAsset } from './page-assets.ts';

/**
 * One browser for a whole build, launched the first time a page is needed and closed once.
 * Pages are only handed out through withPage, which always closes them.
 */
export class BrowserSession {
  private browser: Promise<Browser> | undefined;
  private context: Promise<BrowserContext> | undefined;
  private readonly assets = new AssetServer();

  constructor(private readonly options: { executablePath?: string; browserWSEndpoint?: string } = {}) {}

  /** Whether a browser was started (or connected) for this session. */
  get started(): boolean {
    return this.browser !== undefined;
  }

  private connect(endpoint: string): Promise<Browser> {
    return puppeteer.connect({ browserWSEndpoint: endpoint }).catch((error: unknown) => {
      throw new BriefingError('browser', `cannot connect to the browser at ${endpoint} (${(error as Error).message.split('\n')[0]}); check that it is running and the endpoint is right`, [], { cause: error });
    });
  }

  private launch(): Promise<Browser> {
    if (this.options.browserWSEndpoint) return this.connect(this.options.browserWSEndpoint);
    const executablePath = this.options.executablePath ?? findBrowser().executablePath;
    return puppeteer
      .launch({
        executablePath,
        headless: true,
        // --no-sandbox: CI runs as root; the rest keeps Chrome off the network and quiet.
        args: [
          '--no-sandbox',
          '--disable-background-networking',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-component-update',
          '--disable-sync',
          '--disable-default-apps',
          '--no-first-run',
          '--font-render-hinting=none',
        ],
      })
      .catch((error: unknown) => {
        throw new BriefingError(
          'browser',
          `the browser at ${executablePath} could not be started (${(error as Error).message.split('\n')[0]}). Reinstall it (Debian: apt-get install -y chromium) or point BRIEFINGS_BROWSER at a working Chrome.`,
          [],
          { cause: error },
        );
      });
  }

  /**
   * A fresh page in the session's own (incognito) context, always closed afterwards, with the
   * page's assets served on loopback for as long as it is open.
   */
  async withPage<T>(assets: ReadonlyMap<string, PageAsset>, fn: (page: Page, url: string, prefix: string) => Promise<T>): Promise<T> {
    this.browser ??= this.launch();
    this.context ??= this.browser.then((b) => b.createBrowserContext());
    const served = await this.assets.serve(assets);
    const page = await (await this.context).newPage();
    try {
      return await fn(page, served.url, served.prefix);
    } finally {
      served.release();
      await page.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    const pending = this.browser;
    this.browser = undefined;
    this.context = undefined;
    await this.assets.close();
    const browser = await pending?.catch(() => undefined);
    // A browser we connected to belongs to someone else: leave it running.
    if (this.options.browserWSEndpoint) await browser?.disconnect().catch(() => undefined);
    else await browser?.close().catch(() => undefined);
  }
}
