import { BriefingError } from '../problems.ts';

/** A step of a briefing that did not finish within the briefing's time-out. */
export class StepTimeout extends BriefingError {
  constructor(
    readonly step: string,
    readonly limitMs: number,
  ) {
    super('render', `${step} did not finish within ${seconds(limitMs)} s (timeoutSeconds in the config)`);
  }
}

const seconds = (ms: number): string => String(Math.round(ms / 100) / 10);

/**
 * One briefing's time-out (`timeoutSeconds`), shared by all its steps: templates, charts, fonts,
 * starting the browser, loading, printing, finishing and writing. Each step waits at most for
 * what is left, and an interruption ends the wait at once: nothing a briefing does can hold the
 * build longer than its time-out, whatever a template, a chart or the browser does.
 */
export class Deadline {
  private readonly ends: number;

  constructor(
    readonly limitMs: number,
    private readonly signal?: AbortSignal,
  ) {
    this.ends = performance.now() + limitMs;
  }

  /** Milliseconds left, at least 1 (puppeteer reads a time-out of 0 as "no time-out"). */
  remaining(): number {
    return Math.max(1, Math.round(this.ends - performance.now()));
  }

  get expired(): boolean {
    return performance.now() >= this.ends;
  }

  /**
   * Waits for a step, at most until the deadline or an interruption. The step itself is not
   * stopped (the browser or a worker ends it); the briefing stops waiting for it.
   */
  async step<T>(what: string, work: Promise<T> | (() => Promise<T>)): Promise<T> {
    // A step not yet started may block the event loop for a while (charts, fonts, PDF finishing):
    // first let a signal that has arrived be handled, so that an interrupted build starts nothing.
    if (typeof work === 'function') await new Promise((resolve) => setImmediate(resolve));
    // A step already under way that is no longer waited for may still fail later: not a crash.
    else work.catch(() => undefined);
    if (this.signal?.aborted) throw interrupted(what);
    if (this.expired) throw new StepTimeout(what, this.limitMs);
    const promise = typeof work === 'function' ? work() : work;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => settle(() => reject(new StepTimeout(what, this.limitMs))), this.ends - performance.now());
      const onAbort = () => settle(() => reject(interrupted(what)));
      this.signal?.addEventListener('abort', onAbort, { once: true });
      const settle = (done: () => void) => {
        clearTimeout(timer);
        this.signal?.removeEventListener('abort', onAbort);
        done();
      };
      promise.then(
        (value) => settle(() => resolve(value)),
        (error: unknown) => settle(() => reject(error)),
      );
    });
  }
}

const interrupted = (what: string) => new BriefingError('interrupted', `interrupted while ${what.replace(/^\w/, (c) => c.toLowerCase())}`);
