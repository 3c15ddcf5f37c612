import { parentPort } from 'node:worker_threads';
import { ChartFailure, drawChart, type DrawRequest } from './draw-chart.ts';

/** The chart thread: draws one chart per message; chart-thread.ts bounds its time and heap. */
export interface ChartJob extends DrawRequest {
  id: number;
}

export type ChartReply = { id: number; ok: true; svg: string; warnings: string[] } | { id: number; ok: false; message: string; failure: boolean };

const port = parentPort;
if (port) {
  port.on('message', (job: ChartJob) => {
    drawChart(job).then(
      (drawn) => port.postMessage({ id: job.id, ok: true, ...drawn } satisfies ChartReply),
      (error: unknown) =>
        port.postMessage({
          id: job.id,
          ok: false,
          message: error instanceof Error ? error.message : String(error),
          failure: error instanceof ChartFailure,
        } satisfies ChartReply),
    );
  });
  port.postMessage('ready');
}
