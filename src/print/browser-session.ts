import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { BriefingError } from '../problems.ts';
import { findBrowser } from './find-browser.ts';

/**
 * One browser for a whole build, launched the first time a page is needed and closed once.
 * Pages are only handed out through withPage, which always closes them.
 */
export class BrowserSession {
  private browser: Promise<Browser> | undefined;

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
   * Each page gets a browser context of its own, hence a renderer process of its own: nothing
   * is shared between briefings, and the node ids Chrome writes into the tagged PDF start afresh,
   * so the bytes do not depend on which briefings were printed before.
   */
  async withPage<T>(fn: (page: Page) => Promise<T>): Promise<T> {
    this.browser ??= this.launch();
    const context = await (await this.browser).createBrowserContext();
    try {
      return await fn(await context.newPage());
    } finally {
      await context.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    const pending = this.browser;
    this.browser = undefined;
    const browser = await pending?.catch(() => undefined);
    // A browser we connected to belongs to someone else: leave it running.
    if (this.options.browserWSEndpoint) await browser?.disconnect().catch(() => undefined);
    else await browser?.close().catch(() => undefined);
  }
}
