import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBriefings, type BriefingResult } from '../../src/build/build-briefings.ts';
import { BrowserSession } from '../../src/print/browser-session.ts';
import { BriefingError } from '../../src/problems.ts';
import { loadTemplateSet } from '../../src/render/template-set.ts';
import { CLI, copyOf, DATA, finished, pdfsIn, removeTempDirs, ROOT, STACK_LINE, TEMPLATES, tempDir } from '../support/hardening-helpers.ts';

afterAll(removeTempDirs);

/**
 * Templates are read only as regular files inside templates/. A device (a link to /dev/stdin),
 * a named pipe or a link leading outside is refused by name and at once, never waited on; and
 * a department folder that a briefing does not use is not read at all.
 */
const mkfifo = (file: string) => execFileSync('mkfifo', [file]);

/** A templates copy with something put at a path inside it. */
function templatesWith(relative: string, make: (file: string) => void): { dir: string; file: string } {
  const dir = copyOf(TEMPLATES, 'template-files');
  const file = path.join(dir, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  rmSync(file, { force: true });
  make(file);
  return { dir, file };
}

const loadError = (dir: string, department?: string): Promise<BriefingError | undefined> =>
  loadTemplateSet(dir, department).then(
    () => undefined,
    (e: unknown) => {
      if (!(e instanceof BriefingError)) throw e;
      return e;
    },
  );

describe('template files that are not regular files', () => {
  it('refuses a department partial that is a named pipe at once, naming it', async () => {
    const { dir, file } = templatesWith('departments/mext/partials/ministry-headline.hbs', mkfifo);
    const started = performance.now();
    const error = await loadError(dir, 'mext');
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(error?.code).toBe('template');
    expect(error?.message).toContain(file);
    expect(error?.message).toMatch(/named pipe \(FIFO\), not a regular file/);
  });

  it('refuses a base partial that is a link to /dev/stdin at once, naming it', async () => {
    const { dir, file } = templatesWith('partials/notes.hbs', (f) => symlinkSync('/dev/stdin', f));
    const error = await loadError(dir);
    expect(error?.message).toContain(file);
    expect(error?.message).toMatch(/outside the templates folder|not a file inside the templates folder/);
  });

  it('refuses a chart spec that is a folder, naming it', async () => {
    const { dir, file } = templatesWith('departments/mhlw/charts/ministry-trend.vl.json', (f) => mkdirSync(f));
    const error = await loadError(dir, 'mhlw');
    expect(error?.message).toContain(file);
    expect(error?.message).toMatch(/a folder, not a regular file/);
  });

  it("refuses a department's settings that are a named pipe: its edition fails, the others build", { timeout: 120_000 }, async () => {
    const { dir, file } = templatesWith('departments/cfa/department.yaml', mkfifo);
    const session = new BrowserSession();
    try {
      const out = tempDir('template-files-out');
      const results = await buildBriefings({ dataDir: DATA, templatesDir: dir, outDir: out, names: ['cfa-fy2026-vs-fy2025', 'mext-fy2026-vs-fy2025'], force: true, session });
      const byName = new Map(results.map((r): [string, BriefingResult] => [r.name, r]));
      expect(byName.get('mext-fy2026-vs-fy2025')?.status).toBe('built');
      const failed = byName.get('cfa-fy2026-vs-fy2025');
      expect(failed?.status).toBe('failed');
      const problems = failed?.error instanceof BriefingError ? failed.error.problems.map((p) => `${p.file}: ${p.message}`).join('\n') : '';
      expect(`${failed?.error?.message}\n${problems}`).toContain(file);
      expect(problems).toMatch(/named pipe \(FIFO\), not a regular file/);
      expect(pdfsIn(out)).toEqual(['mext-fy2026-vs-fy2025.pdf']);
    } finally {
      await session.close();
    }
  });
});

describe('department folders a briefing does not use', () => {
  it('are not read: links to /dev/stdin and named pipes in other departments do not hold up a build (stdin left open)', { timeout: 120_000 }, async () => {
    const dir = copyOf(TEMPLATES, 'template-files-unused');
    symlinkSync('/dev/stdin', path.join(dir, 'departments', 'cfa', 'partials.hbs'));
    mkdirSync(path.join(dir, 'departments', 'mic', 'partials'));
    symlinkSync('/dev/stdin', path.join(dir, 'departments', 'mic', 'partials', 'notes.hbs'));
    mkfifo(path.join(dir, 'departments', 'meti', 'strings.yaml'));
    mkfifo(path.join(dir, 'departments', 'mext', 'notes.txt'));
    const out = tempDir('template-files-unused-out');
    // stdin is a pipe nobody writes to: reading /dev/stdin would wait for ever.
    const child = spawn(process.execPath, [CLI, 'build', 'fy2026-vs-fy2025', '--templates', dir, '--out', out], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', CI: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    try {
      const run = await finished(child, 90_000);
      expect([run.code, run.stderr]).toEqual([0, expect.not.stringMatching(STACK_LINE)]);
      expect(pdfsIn(out)).toEqual(['fy2026-vs-fy2025.pdf']);
    } finally {
      child.stdin?.end();
    }
  });

  it("a department's own broken file fails only its edition, by name", { timeout: 120_000 }, async () => {
    const { dir, file } = templatesWith('departments/mic/partials/ministry-headline.hbs', (f) => symlinkSync('/dev/stdin', f));
    const out = tempDir('template-files-own-out');
    const child = spawn(process.execPath, [CLI, 'build', 'mic-fy2026-vs-fy2025', 'mext-fy2026-vs-fy2025', '--templates', dir, '--out', out], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', CI: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    try {
      const run = await finished(child, 90_000);
      expect(run.code).toBe(2);
      expect(run.stdout + run.stderr).toContain(file);
      expect(run.stdout + run.stderr).not.toMatch(STACK_LINE);
      expect(pdfsIn(out)).toEqual(['mext-fy2026-vs-fy2025.pdf']);
    } finally {
      child.stdin?.end();
    }
  });
});
