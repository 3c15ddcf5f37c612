import puppeteer, { type Browser, type BrowserContext, type Page } from 'puppeteer-core';
import { BriefingError } from '../problems.ts';
import { findBrowser } from './find-browser.ts';
import { AssetServer } from './asset-server.ts';
import type { PageAsset } from './page-assets.ts';

/** Where a page is loaded from, and how its requests are answered. */
export interface PageRoute {
  url: string;
  /** Requests under this prefix belong to the page; everything else is refused. */
  prefix: string;
  /**
   * For a browser on another machine (--browser-ws), which cannot reach our loopback server:
   * the page's own requests are answered from memory through the DevTools protocol.
   */
  respond?: (url: string) => PageAsset | undefined;
}

const REMOTE_ORIGIN = 'http://briefing.invalid';

/** Settles within `ms` whatever the promise does: closing must not hang on a dying browser. */
function bounded(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    promise.then(
      () => (clearTimeout(timer), resolve()),
      () => (clearTimeout(timer), resolve()),
    );
  });
}

/**
 * One browser for a whole build, launched (or connected to) the first time a page is needed and
 * closed once. Pages are only handed out through withPage, which always closes them. Pages share
 * one incognito context of the session's own: no profile state, and nothing left behind in a
 * browser we only connected to.
 */
export class BrowserSession {
  private browser: Promise<Browser> | undefined;
  private context: Promise<BrowserContext> | undefined;
  private readonly assets = new AssetServer();
  private closing = false;
  /** Rejected when close() begins: whatever waits on the browser stops waiting. */
  private closed = BrowserSession.closeSignal();
  /** How many times the browser went away unasked (crashed or was killed). */
  private lost = 0;

  private static closeSignal(): { promise: Promise<never>; reject: () => void } {
    let reject: () => void = () => undefined;
    const promise = new Promise<never>((_, fail) => {
      reject = () => fail(new BriefingError('interrupted', 'the browser was closed while the page was being opened'));
    });
    // Nobody may be waiting when the session closes.
    promise.catch(() => undefined);
    return { promise, reject };
  }

  constructor(private readonly options: { executablePath?: string; browserWSEndpoint?: string } = {}) {}

  /** Whether a browser was started (or connected) for this session. */
  get started(): boolean {
    return this.browser !== undefined;
  }

  /** A counter that changes whenever the browser is lost; compare before and after a failure. */
  get generation(): number {
    return this.lost;
  }

  /** False when the browser has gone away (or none was started). */
  async connected(): Promise<boolean> {
    const browser = await this.browser?.catch(() => undefined);
    return browser?.connected ?? false;
  }

  /** Pages open right now (for checks that nothing leaks). */
  async openPages(): Promise<number> {
    const context = await this.context?.catch(() => undefined);
    return context ? (await context.pages()).length : 0;
  }

  /**
   * A browser that crashed or was killed is forgotten, so that the next page launches a new one.
   * Chrome's own signal handlers are off: the build decides what happens on Ctrl-C.
   */
  private watch(browser: Browser): Browser {
    browser.once('disconnected', () => {
      if (this.closing) return;
      this.lost++;
      this.browser = undefined;
      this.context = undefined;
    });
    return browser;
  }

  private connect(endpoint: string): Promise<Browser> {
    return puppeteer.connect({ browserWSEndpoint: endpoint }).then((b) => this.watch(b), (error: unknown) => {
      throw new BriefingError('browser', `cannot connect to the browser at ${endpoint} (${(error as Error).message.split('\n')[0]}); check that it is running and the endpoint is right`, [], { cause: error });
    });
  }

  private launch(): Promise<Browser> {
    if (this.options.browserWSEndpoint) return this.connect(this.options.browserWSEndpoint);
    let executablePath: string;
    try {
      executablePath = findBrowser({ explicit: this.options.executablePath }).executablePath;
    } catch (error) {
      return Promise.reject(error);
    }
    return puppeteer
      .launch({
        executablePath,
        headless: true,
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
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
      .then((b) => this.watch(b))
      .catch((error: unknown) => {
        throw new BriefingError(
          'browser',
          `the browser at ${executablePath} could not be started (${(error as Error).message.split('\n')[0]}). Reinstall it (Debian: apt-get install -y chromium) or point BRIEFINGS_BROWSER at a working Chrome.`,
          [],
          { cause: error },
        );
      });
  }

  private async route(assets: ReadonlyMap<string, PageAsset>): Promise<{ route: PageRoute; release: () => void }> {
    if (!this.options.browserWSEndpoint) {
      const served = await this.assets.serve(assets);
      return { route: { url: served.url, prefix: served.prefix }, release: served.release };
    }
    const prefix = `${REMOTE_ORIGIN}/`;
    return {
      route: { url: `${prefix}index.html`, prefix, respond: (url) => assets.get(new URL(url).pathname) },
      release: () => undefined,
    };
  }

  /** A fresh page with the page's assets available while it is open; the page is always closed. */
  async withPage<T>(assets: ReadonlyMap<string, PageAsset>, fn: (page: Page, route: PageRoute) => Promise<T>): Promise<T> {
    if (this.closing) throw new BriefingError('interrupted', 'the browser is being closed');
    // Taken before any await: a close() meanwhile must reach this page too.
    const closed = this.closed.promise;
    const browser = (this.browser ??= this.launch());
    const context = (this.context ??= browser.then((b) => b.createBrowserContext()));
    const { route, release } = await this.route(assets);
    // Opening a page in a browser that is being closed waits for puppeteer's 30 s target
    // time-out; an interrupted build must not wait for it.
    const opening = context.then((c) => c.newPage());
    let page: Page;
    try {
      page = await Promise.race([opening, closed]);
    } catch (error) {
      release();
      opening.then((p) => bounded(p.close(), 2000), () => undefined);
      throw error;
    }
    try {
      return await fn(page, route);
    } finally {
      release();
      await bounded(page.close(), 2000);
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    this.closed.reject();
    this.closed = BrowserSession.closeSignal();
    const pendingBrowser = this.browser;
    const pendingContext = this.context;
    this.browser = undefined;
    this.context = undefined;
    const context = await pendingContext?.catch(() => undefined);
    if (context) await bounded(context.close(), 2000);
    const browser = await pendingBrowser?.catch(() => undefined);
    // A browser we connected to belongs to someone else: leave it running.
    if (this.options.browserWSEndpoint) await bounded(browser?.disconnect() ?? Promise.resolve(), 2000);
    else if (browser) {
      await bounded(browser.close(), 5000);
      // Still there after that (a hung browser, an interrupted build): end it.
      const child = browser.process();
      if (child && child.exitCode === null) child.kill('SIGKILL');
    }
    await this.assets.close();
    this.closing = false;
  }
}
