import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBriefings } from '../../src/build/build-briefings.ts';
import { BASE_BRIEFINGS } from '../../src/schema/base-briefings.ts';
import { LOCK_FILE } from '../../src/build/output-lock.ts';
import { writeAtomically } from '../../src/build/write-output.ts';
import { BrowserSession } from '../../src/print/browser-session.ts';
import { BriefingError } from '../../src/problems.ts';
import { DATA, filesIn, pdfIsComplete, pdfsIn, runCli, STACK_LINE, TEMPLATES, tempDir, tempFilesIn, removeTempDirs } from '../support/hardening-helpers.ts';

afterAll(removeTempDirs);

/**
 * One build at a time per output folder, stale locks taken over, unwritable folders refused
 * early and clearly, and never a half-written file.
 */
const session = new BrowserSession();
afterAll(() => session.close());
const SMALL = 'mic-fy2026-vs-fy2025';

/** A pid that belonged to a process which has exited (and was reaped). */
async function deadPid(): Promise<number> {
  const child = spawn('/bin/true', { stdio: 'ignore' });
  const pid = child.pid;
  await new Promise((resolve) => child.once('exit', resolve));
  if (pid === undefined) throw new Error('/bin/true did not start');
  return pid;
}

/** Everything in out/ is complete: PDFs that pdfinfo reads, no temporary files, no lock. */
function expectConsistent(out: string): void {
  expect(tempFilesIn(out)).toEqual([]);
  expect(filesIn(out)).not.toContain(LOCK_FILE);
  for (const pdf of pdfsIn(out)) expect(pdfIsComplete(path.join(out, pdf)), `${pdf} is complete`).toBe(true);
}

describe('two builds into the same output folder at once', () => {
  it('one builds, the other refuses (exit 2, naming the first); out/ stays consistent', { timeout: 120_000 }, async () => {
    const out = tempDir('safety-twice');
    const args = ['build', ...BASE_BRIEFINGS.map((b) => b.name), '--force', '--out', out];
    const runs = await Promise.all([runCli(args, {}, 90_000), runCli(args, {}, 90_000)]);
    const codes = runs.map((r) => r.code).sort();
    expect(codes, runs.map((r) => `${r.code}\n${r.stdout}\n${r.stderr}`).join('\n---\n')).toEqual([0, 2]);
    const refused = runs.find((r) => r.code === 2);
    const output = `${refused?.stdout ?? ''}${refused?.stderr ?? ''}`;
    expect(output).toContain('another build');
    expect(output).toContain('is writing to');
    expect(output).toContain(out);
    expect(output).not.toMatch(STACK_LINE);

    expectConsistent(out);
    expect(pdfsIn(out).sort()).toEqual(BASE_BRIEFINGS.map((b) => `${b.name}.pdf`).sort());
  });
});

describe('the lock of a build that is gone', () => {
  it('is taken over when its process has exited, and the temporary files it left are removed', { timeout: 60_000 }, async () => {
    const out = tempDir('safety-stale');
    const pid = await deadPid();
    writeFileSync(path.join(out, LOCK_FILE), JSON.stringify({ pid, started: '2026-01-01T00:00:00.000Z' }));
    const leftover = `.${SMALL}.pdf.${randomUUID()}.tmp`;
    writeFileSync(path.join(out, leftover), '%PDF-1.7 half a PDF');

    const [result] = await buildBriefings({ dataDir: DATA, templatesDir: TEMPLATES, outDir: out, session, names: [SMALL], force: true });
    expect([result?.status, result?.error?.message]).toEqual(['built', undefined]);
    expectConsistent(out);
    expect(filesIn(out)).not.toContain(leftover);
    expect(pdfsIn(out)).toEqual([`${SMALL}.pdf`]);
  });

  // An empty lock is what a build killed between creating the file and writing its pid leaves.
  for (const [label, content] of [
    ['empty', ''],
    ['cut short', '{"pid": 12'],
  ] as const) {
    it(`is taken over when it is not readable JSON (${label})`, { timeout: 60_000 }, async () => {
      const out = tempDir('safety-garbage');
      writeFileSync(path.join(out, LOCK_FILE), content);
      const [result] = await buildBriefings({ dataDir: DATA, templatesDir: TEMPLATES, outDir: out, session, names: [SMALL], force: true });
      expect([result?.status, result?.error?.message]).toEqual(['built', undefined]);
      expectConsistent(out);
    });
  }

  it('is respected while its process lives: BriefingError(output), the lock and the folder untouched', async () => {
    const out = tempDir('safety-live');
    const holder = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      const lock = JSON.stringify({ pid: holder.pid, started: '2026-01-01T00:00:00.000Z' });
      writeFileSync(path.join(out, LOCK_FILE), lock);
      const error = await buildBriefings({ dataDir: DATA, templatesDir: TEMPLATES, outDir: out, session, names: [SMALL], force: true }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(BriefingError);
      expect((error as BriefingError).code).toBe('output');
      expect((error as BriefingError).message).toContain(`another build (process ${holder.pid}`);
      expect(readFileSync(path.join(out, LOCK_FILE), 'utf8')).toBe(lock);
      expect(pdfsIn(out)).toEqual([]);
    } finally {
      holder.kill('SIGKILL');
    }
  });
});

describe('an output folder that cannot be written', () => {
  it('`briefings build --out <file>/out` exits 2 with "cannot write to", no stack trace, before printing', { timeout: 60_000 }, async () => {
    const dir = tempDir('safety-enotdir');
    const file = path.join(dir, 'a-file');
    writeFileSync(file, 'not a folder');
    const out = path.join(file, 'out');
    const run = await runCli(['build', SMALL, '--force', '--out', out]);
    const output = run.stdout + run.stderr;
    expect(run.code, output).toBe(2);
    expect(output).toContain('cannot write to');
    expect(output).toContain(out);
    expect(output).not.toMatch(STACK_LINE);
    expect(readFileSync(file, 'utf8')).toBe('not a folder');
    expect(filesIn(dir)).toEqual(['a-file']);
  });

  it('an --out that is a regular file is refused the same way, and the file is left alone', async () => {
    const dir = tempDir('safety-outfile');
    const file = path.join(dir, 'out');
    writeFileSync(file, 'keep me');
    const error = await buildBriefings({ dataDir: DATA, templatesDir: TEMPLATES, outDir: file, session, names: [SMALL], force: true }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BriefingError);
    expect((error as BriefingError).code).toBe('output');
    expect((error as BriefingError).message).toContain(`cannot write to ${file}`);
    expect(readFileSync(file, 'utf8')).toBe('keep me');
    expect(filesIn(dir)).toEqual(['out']);
  });
});

describe('writeAtomically', () => {
  const bytes = Buffer.from('%PDF-1.7\n…a complete file…\n%%EOF\n');

  it('rejects a path whose parent is a file, leaving no temporary file anywhere', async () => {
    const dir = tempDir('atomic-enotdir');
    writeFileSync(path.join(dir, 'parent'), 'a file');
    const error = await writeAtomically(path.join(dir, 'parent', 'x.pdf'), bytes).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BriefingError);
    expect((error as BriefingError).code).toBe('output');
    expect(filesIn(dir)).toEqual(['parent']);
    expect(readFileSync(path.join(dir, 'parent'), 'utf8')).toBe('a file');
  });

  it('removes its temporary file when the final rename fails (the target is a folder)', async () => {
    const dir = tempDir('atomic-rename');
    const target = path.join(dir, 'x.pdf');
    mkdirSync(target);
    writeFileSync(path.join(target, 'inside'), 'keep');
    const error = await writeAtomically(target, bytes).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BriefingError);
    expect((error as BriefingError).message).toContain(target);
    // The temporary file was written next to the target, then removed.
    expect(filesIn(dir)).toEqual(['x.pdf']);
    expect(filesIn(target)).toEqual(['inside']);
  });

  it('under many concurrent writes of one file, ends with exactly one complete version and no temporary files', async () => {
    const dir = tempDir('atomic-concurrent');
    const file = path.join(dir, 'x.pdf');
    const versions = Array.from({ length: 25 }, (_, i) => Buffer.concat([Buffer.from(`%PDF-1.7 version ${i}\n`), Buffer.alloc(200_000 + i * 1000, i)]));
    await Promise.all(versions.map((v) => writeAtomically(file, v)));
    const final = readFileSync(file);
    expect(versions.some((v) => v.equals(final))).toBe(true);
    expect(filesIn(dir)).toEqual(['x.pdf']);
    expect(existsSync(file)).toBe(true);
  });
});
