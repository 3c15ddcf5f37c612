import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { EXIT } from '../../src/cli/exit-codes.ts';
import { captureIo, copyData, copyTemplates, DATA, edit, filesIn, sha256, TEMPLATES, tempDir } from '../support/build-helpers.ts';

/** `briefings build …` with the given data, templates and output folder. */
async function build(args: string[], dirs: { data?: string; templates?: string; out: string }) {
  const { out, err, io } = captureIo();
  const code = await main(['build', ...args, '--data', dirs.data ?? DATA, '--templates', dirs.templates ?? TEMPLATES, '--out', dirs.out], io);
  return { code, out, err, stderr: err.join('\n'), all: [...out, ...err].join('\n') };
}

interface Summary {
  exitCode: number;
  built: number;
  skipped: number;
  failed: number;
  briefings: {
    name: string;
    status: string;
    file: string | null;
    pages: number | null;
    bytes: number | null;
    sha256: string | null;
    durationMs: number;
    error: string | null;
    blocked: string[];
  }[];
}

describe('the JSON summary of `briefings build --json`', () => {
  const NAMES = ['fy2024-vs-fy2023', 'cfa-fy2026-vs-fy2025'];
  const outDir = tempDir('json');
  let first: Summary | undefined;

  it('is the only thing on stdout, and describes each PDF as it is on disk', async () => {
    const run = await build([...NAMES, '--json'], { out: outDir });
    expect(run.code, run.stderr).toBe(EXIT.ok);
    expect(run.out).toHaveLength(1);
    const summary = JSON.parse(run.out[0] ?? '') as Summary;
    first = summary;
    expect(summary).toMatchObject({ exitCode: 0, built: 2, skipped: 0, failed: 0 });
    expect(summary.briefings.map((b) => b.name).sort()).toEqual([...NAMES].sort());
    for (const b of summary.briefings) {
      expect(b.status).toBe('built');
      expect(b.file).toBe(path.join(outDir, `${b.name}.pdf`));
      const file = b.file ?? '';
      expect(b.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(b.sha256).toBe(sha256(file));
      expect(b.bytes).toBe(statSync(file).size);
      expect(Number.isInteger(b.pages) && (b.pages ?? 0) >= 2).toBe(true);
      expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
      expect(b.durationMs).toBeGreaterThan(0);
      expect(b.error).toBeNull();
      expect(b.blocked).toEqual([]);
    }
    // The human-readable lines go to stderr.
    expect(run.stderr).toContain('2 built, 0 up to date, 0 failed');
  }, 120_000);

  it('shows a second run as skipped, with the same files and hashes', async () => {
    const run = await build([...NAMES, '--json'], { out: outDir });
    expect(run.code).toBe(EXIT.ok);
    expect(run.out).toHaveLength(1);
    const summary = JSON.parse(run.out[0] ?? '') as Summary;
    expect(summary).toMatchObject({ exitCode: 0, built: 0, skipped: 2, failed: 0 });
    for (const b of summary.briefings) {
      const before = first?.briefings.find((x) => x.name === b.name);
      expect(b).toMatchObject({ status: 'skipped', file: before?.file, pages: before?.pages, bytes: before?.bytes, sha256: before?.sha256, durationMs: 0 });
    }
    expect(run.stderr).toContain('0 built, 2 up to date, 0 failed');
  });

  it('without --json, prints the result lines on stdout instead', async () => {
    const run = await build(NAMES, { out: outDir });
    expect(run.code).toBe(EXIT.ok);
    expect(run.err).toEqual([]);
    expect(run.out.some((line) => line.startsWith('= ') && line.includes('fy2024-vs-fy2023.pdf (up to date)'))).toBe(true);
    expect(run.out.at(-1)).toContain('0 built, 2 up to date, 0 failed (2 briefings');
  });
});

describe('exit codes of `briefings build`', () => {
  const saved = process.env.BRIEFINGS_BROWSER;
  afterEach(() => {
    if (saved === undefined) delete process.env.BRIEFINGS_BROWSER;
    else process.env.BRIEFINGS_BROWSER = saved;
  });

  it('2 for a broken body template, naming the file and leaving no PDF', async () => {
    const templates = copyTemplates();
    // Drop the last closing {{/each}}: the template no longer parses.
    edit(templates, 'briefings/trend.hbs', (s) => {
      const at = s.lastIndexOf('{{/each}}');
      return s.slice(0, at) + s.slice(at + '{{/each}}'.length);
    });
    const outDir = tempDir('broken-template');
    const run = await build(['trend-fy2021-fy2026', '--json'], { templates, out: outDir });
    expect(run.code).toBe(EXIT.render);
    expect(run.stderr).toContain(path.join(templates, 'briefings', 'trend.hbs'));
    const summary = JSON.parse(run.out[0] ?? '') as Summary;
    expect(summary).toMatchObject({ exitCode: 2, built: 0, failed: 1 });
    expect(summary.briefings[0]).toMatchObject({ name: 'trend-fy2021-fy2026', status: 'failed', file: null, sha256: null });
    expect(summary.briefings[0]?.error).toContain('trend.hbs');
    expect(filesIn(outDir).filter((f) => f.endsWith('.pdf'))).toEqual([]);
  });

  it('2 for a broken layout, naming it, before any browser starts or any file is written', async () => {
    const templates = copyTemplates();
    edit(templates, 'layout.hbs', (s) => s.replace('{{meta.title}}', '{{#if meta.title}}'));
    const outDir = tempDir('broken-layout');
    process.env.BRIEFINGS_BROWSER = '/nonexistent';
    const run = await build(['trend-fy2021-fy2026', '--force'], { templates, out: outDir });
    // Exit 2, not 3: the page fails to render before a browser is asked for.
    expect(run.code).toBe(EXIT.render);
    expect(run.all).toContain(path.join(templates, 'layout.hbs'));
    expect(filesIn(outDir)).toEqual([]);
  });

  it('1 for data that does not reconcile, writing nothing', async () => {
    const data = copyData();
    // The FY2026 AMED total no longer equals the sum of its ministries.
    edit(data, 'documents/fy2026-points.yaml', (s) => s.replace('        total: 1238\n', '        total: 1300\n'));
    const outDir = path.join(tempDir('bad-data'), 'out');
    const run = await build(['fy2024-vs-fy2023', '--force'], { data, out: outDir });
    expect(run.code).toBe(EXIT.data);
    expect(run.out).toEqual([]);
    expect(run.stderr).toContain(path.join(data, 'documents', 'fy2026-points.yaml'));
    expect(run.stderr).toContain('1300');
    expect(filesIn(outDir)).toEqual([]);
  });

  it('3 when the browser named in BRIEFINGS_BROWSER does not exist, leaving no PDF', async () => {
    process.env.BRIEFINGS_BROWSER = '/nonexistent';
    const outDir = tempDir('no-browser');
    const run = await build(['fy2024-vs-fy2023', 'trend-fy2021-fy2026', '--force'], { out: outDir });
    expect(run.code).toBe(EXIT.browser);
    expect(run.all).toContain('$BRIEFINGS_BROWSER is set to /nonexistent');
    expect(filesIn(outDir)).toEqual([]);
  });

  it('3 when --browser-ws names a browser that is not there', async () => {
    const outDir = tempDir('no-ws');
    const run = await build(['fy2024-vs-fy2023', '--force', '--browser-ws', 'ws://127.0.0.1:9/devtools/browser/none'], { out: outDir });
    expect(run.code).toBe(EXIT.browser);
    expect(run.all).toContain('cannot connect to the browser at ws://127.0.0.1:9/devtools/browser/none');
    expect(filesIn(outDir)).toEqual([]);
  });

  it('64 for a shard beyond the count', async () => {
    const run = await build(['--shard', '5/3'], { out: tempDir('usage') });
    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr).toContain('--shard');
    expect(run.stderr).toContain('"5/3"');
  });

  it('64 for an unknown briefing name, listing the names there are', async () => {
    const run = await build(['fy2030-vs-fy2029'], { out: tempDir('usage') });
    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr).toContain('no briefing named fy2030-vs-fy2029');
    expect(run.stderr).toContain('mext-fy2026-vs-fy2025');
  });

  it('64 for an unknown department', async () => {
    const run = await build(['--department', 'mof'], { out: tempDir('usage') });
    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr).toContain('"mof"');
  });

  it.each([
    [['--year', 'twenty'], '--year'],
    [['--year', '0'], '--year'],
    [['--concurrency', '0'], '--concurrency'],
    [['--concurrency', '1.5'], '--concurrency'],
  ])('64 for %j', async (args, flag) => {
    const outDir = tempDir('usage');
    const run = await build(args, { out: outDir });
    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr).toContain(flag);
    expect(filesIn(outDir)).toEqual([]);
  });

  it('64 for an option it does not know', async () => {
    const run = await build(['--colour'], { out: tempDir('usage') });
    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr).toContain('--colour');
  });

  it('64 for a selection that matches nothing, saying why (issue #16)', async () => {
    const outDir = tempDir('empty');
    const run = await build(['--year', '2027', '--json'], { out: outDir });
    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr).toContain('no briefing covers FY2027; the briefings cover FY2021–FY2026');
    expect(filesIn(outDir)).toEqual([]);
  });
});
