import { Worker } from 'node:worker_threads';
import { CHART_LIMITS, type ChartLimits } from './chart-limits.ts';
import type { ChartJob, ChartReply } from './chart-thread-main.ts';
import type { DrawnChart, DrawRequest } from './draw-chart.ts';

/**
 * The thread's entry: compiled (dist/, run by bin/briefings.js) the JavaScript itself; from the
 * TypeScript sources (tests, a developer's edits) a small bootstrap that registers tsx first.
 */
const CHART_THREAD_ENTRY = new URL(import.meta.url.endsWith('.ts') ? './chart-thread.mjs' : './chart-thread-main.js', import.meta.url);

/** A chart that could not be drawn; `limit` says it was stopped for its time or memory. */
export class ChartThreadError extends Error {
  override readonly name = 'ChartThreadError';
  constructor(
    message: string,
    readonly limit: boolean,
  ) {
    super(message);
  }
}

/**
 * Charts are drawn in one worker thread, reused from chart to chart (starting one loads Vega,
 * which costs far more than a chart). The thread has a bounded heap and each chart a time limit:
 * a runaway chart is stopped by terminating the thread, which also works on a busy loop, and the
 * next chart gets a fresh one. Meanwhile the main thread stays free, so signals are handled.
 * Charts are drawn one at a time; the time limit runs from when a chart is handed over.
 */
export class ChartThread {
  private worker: Worker | undefined;
  private ready: Promise<Worker> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private inFlight = 0;

  constructor(private readonly limits: ChartLimits = CHART_LIMITS) {}

  draw(request: Omit<DrawRequest, 'maxRows'>): Promise<DrawnChart> {
    const job = this.queue.then(() => this.run({ ...request, maxRows: this.limits.maxRows, id: this.nextId++ }));
    this.queue = job.catch(() => undefined);
    return job;
  }

  /** Whether a chart is being drawn right now (for progress and tests). */
  get drawing(): boolean {
    return this.inFlight > 0;
  }

  /** Starts the thread ahead of the first chart, so that loading Vega overlaps other start-up work. */
  warm(): void {
    this.start().then(
      (worker) => worker.unref(),
      () => undefined, // reported by the first chart that needs the thread
    );
  }

  /** Stops the thread (the next chart starts a new one). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    if (worker) await worker.terminate();
  }

  private start(): Promise<Worker> {
    this.ready ??= new Promise<Worker>((resolve, reject) => {
      const worker = new Worker(CHART_THREAD_ENTRY, {
        resourceLimits: { maxOldGenerationSizeMb: this.limits.heapMb, maxYoungGenerationSizeMb: 32 },
        // The thread's own console output (Vega warnings) still reaches stderr; its errors come back as replies.
        stderr: false,
      });
      this.worker = worker;
      const timer = setTimeout(() => {
        void this.close();
        reject(new ChartThreadError(`the chart renderer did not start within ${Math.round(this.limits.startMs / 1000)} s`, true));
      }, this.limits.startMs);
      const fail = (error: Error) => {
        clearTimeout(timer);
        if (this.worker === worker) void this.close();
        reject(new ChartThreadError(`the chart renderer could not start: ${error.message.split('\n')[0]}`, false));
      };
      worker.once('error', fail);
      worker.once('exit', (code) => fail(new Error(`it exited with code ${code}`)));
      worker.once('message', (message: unknown) => {
        clearTimeout(timer);
        worker.off('error', fail);
        worker.removeAllListeners('exit');
        if (message !== 'ready') return fail(new Error(`unexpected message ${String(message)}`));
        // A thread that fails or exits between charts is forgotten (the next chart starts another);
        // a listener must stay, or an 'error' event would be thrown in the main thread.
        const forget = () => {
          if (this.worker === worker) {
            this.worker = undefined;
            this.ready = undefined;
          }
        };
        worker.on('error', forget);
        worker.on('exit', forget);
        resolve(worker);
      });
    });
    // A failed start is not remembered: the next chart tries again.
    const ready = this.ready;
    ready.catch(() => {
      if (this.ready === ready) this.ready = undefined;
    });
    return ready;
  }

  private async run(job: ChartJob): Promise<DrawnChart> {
    const worker = await this.start();
    // An idle thread must not keep the process alive; a busy one must until its answer comes.
    worker.ref();
    this.inFlight++;
    try {
      return await new Promise<DrawnChart>((resolve, reject) => {
        const stop = (error: ChartThreadError) => {
          cleanup();
          if (this.worker === worker) void this.close();
          reject(error);
        };
        const timer = setTimeout(
          () => stop(new ChartThreadError(`the chart took longer than ${this.limits.timeMs / 1000} s to draw and was stopped; simplify its transforms or reduce its data`, true)),
          this.limits.timeMs,
        );
        const onMessage = (reply: ChartReply) => {
          if (reply.id !== job.id) return;
          cleanup();
          if (reply.ok) resolve({ svg: reply.svg, warnings: reply.warnings });
          else reject(new ChartThreadError(reply.message, false));
        };
        const onError = (error: Error & { code?: string }) =>
          stop(
            error.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? new ChartThreadError(`the chart needed more than ${this.limits.heapMb} MB of memory and was stopped; simplify its transforms or reduce its data`, true)
              : new ChartThreadError(`the chart renderer failed: ${error.message.split('\n')[0]}`, false),
          );
        const onExit = (code: number) => stop(new ChartThreadError(`the chart renderer stopped (exit code ${code})`, false));
        const cleanup = () => {
          clearTimeout(timer);
          worker.off('message', onMessage);
          worker.off('error', onError);
          worker.off('exit', onExit);
        };
        worker.on('message', onMessage);
        worker.once('error', onError);
        worker.once('exit', onExit);
        worker.postMessage(job);
      });
    } finally {
      this.inFlight--;
      worker.unref();
    }
  }
}
