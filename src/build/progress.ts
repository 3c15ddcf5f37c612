import type { BriefingSpec } from '../schema/briefing.ts';
import type { BriefingResult } from './briefing-result.ts';
import { displayPath } from '../format/display-path.ts';

export interface ProgressSink {
  write: (text: string) => void;
  /** A terminal that understands carriage returns and erase-line. */
  live: boolean;
  /** Which results get a line (default: all). */
  show?: (result: BriefingResult) => boolean;
}

export function describeResult(result: BriefingResult): string {
  const where = result.file ? displayPath(result.file) : result.name;
  if (result.status === 'built')
    return `✓ ${where} (${result.pages} pages, ${Math.round((result.bytes ?? 0) / 1024)} KB, ${(result.durationMs / 1000).toFixed(1)} s)`;
  if (result.status === 'skipped') return `= ${where} (up to date)`;
  return `✗ ${result.name}: ${result.error?.message ?? 'failed'}`;
}

/**
 * Build progress: on a terminal, one status line (done/total, what is printing, elapsed) kept
 * under the result lines; elsewhere (CI logs, NO_COLOR) plain lines only.
 */
export function createProgress(sink: ProgressSink) {
  const started = performance.now();
  let total = 0;
  let done = 0;
  const running = new Set<string>();
  let timer: NodeJS.Timeout | undefined;

  const status = () => {
    const secs = ((performance.now() - started) / 1000).toFixed(1);
    const now = [...running].slice(0, 2).join(', ') + (running.size > 2 ? ` +${running.size - 2}` : '');
    // Say what is happening: nothing has started yet (templates, hashes, the browser) or all are done.
    const idle = done === 0 ? 'preparing' : done >= total ? 'finishing' : 'waiting';
    return `[${done}/${total}] ${now || idle} · ${secs} s`;
  };
  const redraw = () => sink.live && sink.write(`\r\x1b[K${status()}`);
  const line = (text: string) => (sink.live ? sink.write(`\r\x1b[K${text}\n`) : sink.write(`${text}\n`), redraw());

  return {
    onPlan(specs: readonly BriefingSpec[]) {
      total = specs.length;
      if (sink.live) timer = setInterval(redraw, 250);
      redraw();
    },
    onStart(spec: BriefingSpec) {
      running.add(spec.name);
      redraw();
    },
    onResult(result: BriefingResult) {
      running.delete(result.name);
      done++;
      if (sink.show?.(result) ?? true) line(describeResult(result));
      else redraw();
    },
    finish() {
      if (timer) clearInterval(timer);
      if (sink.live) sink.write('\r\x1b[K');
    },
  };
}
