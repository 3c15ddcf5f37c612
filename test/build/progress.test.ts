import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BriefingResult } from '../../src/build/build-briefings.ts';
import { createProgress, describeResult } from '../../src/build/progress.ts';
import { BriefingError } from '../../src/problems.ts';
import type { BriefingSpec } from '../../src/schema/briefing.ts';

const spec = (name: string): BriefingSpec => ({ name, kind: 'trend', fromFiscalYear: 2023, toFiscalYear: 2026 });

const built: BriefingResult = {
  name: 'fy2024-vs-fy2023',
  status: 'built',
  file: path.join(process.cwd(), 'out', 'fy2024-vs-fy2023.pdf'),
  pages: 4,
  bytes: 300 * 1024,
  sha256: 'a'.repeat(64),
  durationMs: 1234,
  blocked: [],
};
const skipped: BriefingResult = { ...built, name: 'trend-fy2021-fy2026', status: 'skipped', file: path.join(process.cwd(), 'out', 'trend-fy2021-fy2026.pdf'), durationMs: 0 };
const failed: BriefingResult = {
  name: 'mext-fy2026-vs-fy2025',
  status: 'failed',
  durationMs: 12,
  blocked: [],
  error: new BriefingError('template', 'templates/briefings/trend.hbs: template error'),
};

/** Runs a whole build's worth of progress events against a sink that records every write. */
function run(live: boolean): string[] {
  const writes: string[] = [];
  const progress = createProgress({ live, write: (t) => void writes.push(t) });
  progress.onPlan([spec(built.name), spec(skipped.name), spec(failed.name)]);
  progress.onResult(skipped);
  progress.onStart(spec(built.name));
  progress.onStart(spec(failed.name));
  progress.onResult(built);
  progress.onResult(failed);
  progress.finish();
  return writes;
}

describe('describing a result', () => {
  it('gives a built PDF its path relative to the working folder, pages, size and time', () => {
    expect(describeResult(built)).toBe(`✓ ${path.join('out', 'fy2024-vs-fy2023.pdf')} (4 pages, 300 KB, 1.2 s)`);
  });

  it('marks a skipped PDF as up to date', () => {
    expect(describeResult(skipped)).toBe(`= ${path.join('out', 'trend-fy2021-fy2026.pdf')} (up to date)`);
  });

  it('gives a failure the briefing name and the error message', () => {
    expect(describeResult(failed)).toBe('✗ mext-fy2026-vs-fy2025: templates/briefings/trend.hbs: template error');
    expect(describeResult({ ...failed, error: undefined })).toBe('✗ mext-fy2026-vs-fy2025: failed');
  });
});

describe('build progress', () => {
  it('off a terminal, writes one plain line per result and nothing else', () => {
    const writes = run(false);
    expect(writes).toEqual([`${describeResult(skipped)}\n`, `${describeResult(built)}\n`, `${describeResult(failed)}\n`]);
    for (const w of writes) expect(w).not.toMatch(/[\r\x1b]/);
  });

  it('on a terminal, keeps a [done/total] status line under the results, erasing it with \\r\\x1b[K', () => {
    const text = run(true).join('');
    expect(text).toContain('\r\x1b[K');
    for (const r of [skipped, built, failed]) expect(text).toContain(`\r\x1b[K${describeResult(r)}\n`);
    // The line says what is happening: nothing started yet, waiting between briefings, all done.
    expect(text).toMatch(/\[0\/3\] preparing · \d+\.\d s/);
    expect(text).toMatch(/\[1\/3\] waiting · \d+\.\d s/);
    expect(text).not.toMatch(/\[[012]\/3\] finishing/);
    expect(text).toContain('[1/3] fy2024-vs-fy2023, mext-fy2026-vs-fy2025');
    expect(text).toContain('[2/3] mext-fy2026-vs-fy2025');
    expect(text).toContain('[3/3] finishing');
    // finish() leaves the terminal on a clean line.
    expect(text.endsWith('\r\x1b[K')).toBe(true);
  });

  it('names two briefings printing at once and counts the rest', () => {
    const writes: string[] = [];
    const progress = createProgress({ live: true, write: (t) => void writes.push(t) });
    progress.onPlan(['a', 'b', 'c', 'd'].map(spec));
    for (const n of ['a', 'b', 'c', 'd']) progress.onStart(spec(n));
    progress.finish();
    expect(writes.join('')).toContain('[0/4] a, b +2');
  });

  it('redraws the status line while a briefing prints, and stops when finished', async () => {
    const writes: string[] = [];
    const progress = createProgress({ live: true, write: (t) => void writes.push(t) });
    progress.onPlan([spec('slow')]);
    progress.onStart(spec('slow'));
    const before = writes.length;
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(writes.length).toBeGreaterThan(before);
    progress.finish();
    const after = writes.length;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(writes.length).toBe(after);
  });
});
