import puppeteer, { type Browser, type BrowserContext, type Page } from 'puppeteer-core';
import { BriefingError } from '../problems.ts';
import { StepTimeout, type Deadline } from './deadline.ts';
import { onExit } from '../process/exit-cleanup.ts';
import { createProfile, removeProfile } from './browser-profile.ts';
import { findBrowser } from './find-browser.ts';
import { diagnoseLaunch } from './launch-diagnosis.ts';
import { AssetServer } from './asset-server.ts';
import type { PageAsset } from './page-assets.ts';
import { PAGE_ROUTES, pageHref } from './page-routes.ts';

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

/** A browser this session launched: its profile folder and how to undo it at exit. */
interface Launched {
  profile: string;
  pid?: number;
  /** Unregisters the exit clean-up once the browser is gone and its profile removed. */
  forget: () => void;
  /** Set when the build itself ended this browser (closed, abandoned): its failing launch is no fault to diagnose. */
  ended?: boolean;
}

/** How long a browser that does not answer the simplest question may take before it counts as frozen. */
const PROBE_MS = 3000;

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

  /** Set when a browser we only connected to stopped answering: the other briefings fail at once. */
  private unreachable: BriefingError | undefined;

  /**
   * `timeoutMs` (the briefing time-out) bounds starting or connecting to the browser and every
   * DevTools call: puppeteer's own defaults (30 s, 180 s) must not outlast the config.
   */
  constructor(
    private readonly options: {
      executablePath?: string;
      browserWSEndpoint?: string;
      timeoutMs?: number;
      /** Told, once each, what the session decided that a user should know (e.g. printing without Chrome's sandbox). */
      onNotice?: (text: string) => void;
    } = {},
  ) {}

  private get timeoutMs(): number {
    return this.options.timeoutMs ?? 60_000;
  }

  /** Whether this session connects to a browser someone else runs (`--browser-ws`) instead of launching one. */
  get remote(): boolean {
    return this.options.browserWSEndpoint !== undefined;
  }

  /** The endpoint of a remote browser, for messages. */
  get endpoint(): string | undefined {
    return this.options.browserWSEndpoint;
  }

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
  private watch(browser: Browser, launched?: Launched): Browser {
    browser.once('disconnected', () => {
      // Whatever is left of a browser that went away (its helpers, its profile) goes too.
      if (launched) disposeLaunched(launched);
      if (this.closing) return;
      this.lost++;
      if (this.current === browser) {
        this.browser = undefined;
        this.context = undefined;
        this.current = undefined;
        if (this.launched === launched) this.launched = undefined;
      }
    });
    this.current = browser;
    return browser;
  }

  /** The browser in use once it answered; the one being launched and its profile. */
  private current: Browser | undefined;
  private launched: Launched | undefined;

  /**
   * A WebSocket that is accepted and never answered would wait for ever (puppeteer has no
   * handshake time-out): the attempt is abandoned after the time-out, and a connection that
   * still comes through later is closed at once.
   */
  private connect(endpoint: string): Promise<Browser> {
    const fail = (reason: string, cause?: unknown) =>
      new BriefingError('browser', `cannot connect to the browser at ${endpoint} (${reason}); check that it is running and the endpoint is right`, [], { cause });
    const attempt = puppeteer.connect({ browserWSEndpoint: endpoint, protocolTimeout: this.timeoutMs });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(fail(`no answer within ${Math.round(this.timeoutMs / 1000)} s`)), this.timeoutMs);
    });
    return Promise.race([attempt, timeout]).then(
      (b) => (clearTimeout(timer), this.watch(b)),
      (error: unknown) => {
        clearTimeout(timer);
        attempt.then((late) => void late.disconnect().catch(() => undefined), () => undefined);
        throw error instanceof BriefingError ? error : fail((error as Error).message.split('\n')[0] ?? 'failed', error);
      },
    );
  }

  private launch(): Promise<Browser> {
    if (this.options.browserWSEndpoint) return this.connect(this.options.browserWSEndpoint);
    let executablePath: string;
    try {
      executablePath = findBrowser({ explicit: this.options.executablePath }).executablePath;
    } catch (error) {
      return Promise.reject(error);
    }
    // Chrome's sandbox isolates the pages departments write: it stays on wherever Chrome can use it.
    // As root Chrome refuses to start with it; elsewhere a kernel without user namespaces (some
    // containers) cannot give it. In both cases the build says that it prints without it.
    if (runsAsRoot()) {
      this.notice("Chrome's sandbox is off: the build runs as root, where Chrome cannot use it");
      return this.start(executablePath, false);
    }
    return this.start(executablePath, true).catch((error: unknown) => {
      const detail = error instanceof BrowserStartError ? error.browserSaid : '';
      if (!SANDBOX_FAILURE.test(detail) || this.closing) throw error;
      this.notice(`Chrome's sandbox cannot start on this machine (${detail}): printing without it`);
      return this.start(executablePath, false);
    });
  }

  private notices = new Set<string>();
  private notice(text: string): void {
    if (this.notices.has(text)) return;
    this.notices.add(text);
    this.options.onNotice?.(text);
  }

  private start(executablePath: string, sandbox: boolean): Promise<Browser> {
    // The rest keeps Chrome off the network and quiet.
    const args = [
      ...(sandbox ? [] : ['--no-sandbox']),
      '--disable-background-networking',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
      '--no-first-run',
      '--font-render-hinting=none',
    ];
    const launched: Launched = { profile: createProfile(), forget: () => undefined };
    launched.forget = onExit(() => removeProfile(launched.profile, launched.pid));
    this.launched = launched;
    return puppeteer
      .launch({
        executablePath,
        userDataDir: launched.profile,
        // DevTools over a pipe, not a port: Chrome quits when the pipe closes, so even a build
        // killed outright (SIGKILL) leaves no browser running.
        pipe: true,
        timeout: this.timeoutMs,
        protocolTimeout: this.timeoutMs,
        headless: true,
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
        args,
      })
      .then((b) => {
        launched.pid = b.process()?.pid;
        return this.watch(b, launched);
      })
      .catch(async (error: unknown) => {
        // Ended by the build while it started (a close, a signal): the build knows why.
        const endedByUs = launched.ended === true || this.closing;
        disposeLaunched(launched);
        if (endedByUs) throw new BriefingError('interrupted', 'the browser was closed while it started', [], { cause: error });
        // Puppeteer's message rarely says why ("Target closed", "Code: 127"): ask the browser itself.
        const said = (await diagnoseLaunch(executablePath, args, this.closed.promise)) ?? launchDetail((error as Error).message);
        const missingLibrary = /error while loading shared libraries: (\S+?):/.exec(said)?.[1];
        throw new BrowserStartError(
          said,
          `the browser at ${executablePath} could not be started: ${said}. ` +
            (missingLibrary
              ? `A library it needs (${missingLibrary}) is not installed: install the browser with its dependencies (Debian: apt-get install -y chromium), or point BRIEFINGS_BROWSER or --browser at a working Chrome.`
              : 'Reinstall it (Debian: apt-get install -y chromium) or point BRIEFINGS_BROWSER or --browser at a working Chrome.'),
          error,
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
      route: { url: prefix + pageHref(PAGE_ROUTES.page), prefix, respond: (url) => assets.get(new URL(url).pathname) },
      release: () => undefined,
    };
  }

  /**
   * A fresh page with the page's assets available while it is open; the page is always closed.
   * Starting the browser and opening the page count against the briefing's deadline.
   */
  async withPage<T>(assets: ReadonlyMap<string, PageAsset>, fn: (page: Page, route: PageRoute) => Promise<T>, deadline?: Deadline): Promise<T> {
    if (this.closing) throw new BriefingError('interrupted', 'the browser is being closed');
    if (this.unreachable) throw this.unreachable;
    // Taken before any await: a close() meanwhile must reach this page too.
    const closed = this.closed.promise;
    const step = this.current ? 'opening a page in the browser' : this.options.browserWSEndpoint ? 'connecting to the browser' : 'starting the browser';
    const browser = (this.browser ??= this.launch());
    const context = (this.context ??= browser.then((b) => b.createBrowserContext()));
    const { route, release } = await this.route(assets);
    // Opening a page in a browser that is being closed waits for puppeteer's 30 s target
    // time-out; an interrupted build must not wait for it.
    const opening = context.then((c) => c.newPage());
    let page: Page;
    try {
      page = await Promise.race([deadline ? deadline.step(step, opening) : opening, closed]);
    } catch (error) {
      release();
      opening.then((p) => bounded(p.close(), 2000), () => undefined);
      // The browser never came up in time: that is the browser's failure (exit 3), not the page's.
      if (error instanceof StepTimeout && !this.current) throw this.notUp(error);
      throw error;
    }
    try {
      return await fn(page, route);
    } finally {
      release();
      await bounded(page.close(), 2000);
    }
  }

  private notUp(timeout: StepTimeout): BriefingError {
    const within = `no answer within ${Math.round(timeout.limitMs / 1000)} s, timeoutSeconds in the config`;
    return this.options.browserWSEndpoint
      ? new BriefingError('browser', `cannot connect to the browser at ${this.options.browserWSEndpoint} (${within}); check that it is running and the endpoint is right`, [], { cause: timeout })
      : new BriefingError('browser', `the browser did not start (${within}); check that the machine is not overloaded, or raise timeoutSeconds`, [], { cause: timeout });
  }

  /**
   * Starts (or connects to) the browser now, while the first pages are still being rendered. A
   * failure is not lost: every page asked for afterwards fails with it.
   */
  warmUp(): void {
    if (this.closing || this.browser) return;
    this.browser = this.launch();
    this.browser.catch(() => undefined);
  }

  /** Whether the browser answers the simplest question in time (a frozen one does not). */
  async answers(ms = PROBE_MS): Promise<boolean> {
    const browser = this.current;
    if (!browser) return true;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
    const answered = await Promise.race([browser.version().then(() => true, () => false), late]);
    clearTimeout(timer);
    return answered;
  }

  /**
   * Gives up a browser that stopped answering. One we launched is ended (the next page launches
   * a new one, and the briefings it held are printed again if their time allows); one we only
   * connected to is left alone, and the briefings still to print fail at once instead of each
   * waiting out its time-out.
   */
  abandon(): void {
    const browser = this.current;
    if (!browser) return;
    if (this.options.browserWSEndpoint) {
      this.unreachable = new BriefingError(
        'browser',
        `the browser at ${this.options.browserWSEndpoint} stopped answering (frozen or overloaded); check it and build again`,
      );
      void browser.disconnect().catch(() => undefined);
    } else if (this.launched) disposeLaunched(this.launched);
  }

  /** Closes the browser (or leaves one we connected to); callers at the same time share one closing. */
  close(): Promise<void> {
    this.closingNow ??= this.shutdown().finally(() => (this.closingNow = undefined));
    return this.closingNow;
  }

  private closingNow: Promise<void> | undefined;

  private async shutdown(): Promise<void> {
    this.closing = true;
    this.closed.reject();
    this.closed = BrowserSession.closeSignal();
    const pendingBrowser = this.browser;
    const pendingContext = this.context;
    const launched = this.launched;
    this.browser = undefined;
    this.context = undefined;
    this.current = undefined;
    this.launched = undefined;
    this.unreachable = undefined;
    // A browser still starting, or one that does not answer, is not waited for.
    const settled = <T>(p: Promise<T> | undefined, ms: number) =>
      Promise.race([p?.catch(() => undefined), new Promise<undefined>((resolve) => setTimeout(resolve, ms))]);
    if (this.options.browserWSEndpoint) {
      // A browser we connected to belongs to someone else: leave it running, without our context.
      const context = await settled(pendingContext, 1000);
      if (context) await bounded(context.close(), 1000);
      const browser = await settled(pendingBrowser, 100);
      await bounded(browser?.disconnect() ?? Promise.resolve(), 1000);
    } else if (launched) {
      const browser = await settled(pendingBrowser, 100);
      if (browser) await bounded(browser.close(), 1500);
      // Still there after that (a hung browser, one still starting): end it, and its profile.
      disposeLaunched(launched);
    }
    await this.assets.close();
    this.closing = false;
  }
}

/** A browser that could not be started, with what it said about it. */
class BrowserStartError extends BriefingError {
  constructor(
    readonly browserSaid: string,
    message: string,
    cause: unknown,
  ) {
    super('browser', message, [], { cause });
  }
}

/** What Chrome says when its sandbox cannot start (no user namespaces, a misconfigured setuid helper). */
const SANDBOX_FAILURE = /No usable sandbox|SUID sandbox|setuid sandbox|namespace|zygote/i;

const runsAsRoot = (): boolean => process.getuid?.() === 0;

/**
 * Chrome's own words when it could not start (puppeteer puts them after "stderr:"), else the
 * first line of puppeteer's message: "Code: 127" alone tells nobody what is missing.
 */
export function launchDetail(message: string): string {
  const stderr = /stderr:\n([\s\S]*?)(?:\n\s*\nTROUBLESHOOTING|$)/.exec(message)?.[1];
  const said = stderr
    ?.split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 3)
    .join(' / ');
  return said || (message.split('\n')[0] ?? message).trim();
}

function disposeLaunched(launched: Launched): void {
  launched.ended = true;
  try {
    removeProfile(launched.profile, launched.pid);
  } catch {
    // Removed by whoever came first; nothing more to do.
  }
  launched.forget();
}
