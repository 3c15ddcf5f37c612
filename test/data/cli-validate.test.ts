import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { EXIT } from '../../src/cli/exit-codes.ts';
import { FY2026, REAL_DATA, REFERENCE, copyData, editText, removeCopies, replaceOnLine } from '../support/data-helpers.ts';

afterAll(removeCopies);

const STACK_LINE = '    at ';

/** Runs the CLI with captured output. */
async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('briefings validate', () => {
  it('exits 0 and prints OK for the real data', async () => {
    const { code, out, err } = await run('validate', '--data', REAL_DATA);
    expect(code).toBe(EXIT.ok);
    expect(code).toBe(0);
    expect(out).toContain('Errors (0):');
    expect(out).toContain('OK: the data is valid (9 warnings).');
    expect(out).toContain('Warnings (9):');
    expect(out).toMatch(/Consistency checks \(\d+: \d+ ✓ exact, 9 ≈ within rounding/);
    expect(out).toContain('令和8年度 当初 AMED対象経費: ministry breakdown vs total');
    expect(err).toBe('');
    expect(out + err).not.toContain(STACK_LINE);
  });

  it('exits 1 and names the file, line and field of a mistyped figure', async () => {
    const dir = await copyData();
    await editText(dir, FY2026, (t) => replaceOnLine(t, 27, '文: 583', '文: 593'));
    const { code, out, err } = await run('validate', '--data', dir);
    expect(code).toBe(EXIT.data);
    expect(code).toBe(1);
    expect(out).toContain('Errors (2):');
    expect(out).toContain('fy2026-points.yaml:26 budgets[0].scopes.amed.total');
    // Both the sum of the breakdown and the source-text check see it.
    expect(out).toContain('2 ✗ inconsistent');
    expect(out).toContain('令和8年度 当初 AMED対象経費: ministry breakdown vs total');
    expect(out).toContain('fy2026-points.yaml:27 budgets[0].scopes.amed.ministries.文: 8年度予算 AMED対象経費 文: the YAML has 593, but ');
    expect(out).toContain('fy2026-points.txt:9 prints 583');
    expect(out).toContain('FAILED: 2 errors.');
    expect(out).not.toContain('OK:');
    expect(out + err).not.toContain(STACK_LINE);
  });

  it('exits 1 without a stack trace for files that cannot be read at all', async () => {
    const dir = await copyData();
    await rm(path.join(dir, REFERENCE));
    await mkdir(path.join(dir, REFERENCE));
    await writeFile(path.join(dir, FY2026), Buffer.from([0x00, 0x01, 0x02, 0xff]));
    const { code, out, err } = await run('validate', '--data', dir);
    expect(code).toBe(1);
    expect(out).toContain('Errors (');
    expect(out).toContain(`reference.yaml: a folder stands where a file was expected`);
    expect(out).toContain('fy2026-points.yaml: the file holds binary data, not YAML text');
    expect(out + err).not.toContain(STACK_LINE);
  });

  it('exits 1 for a data folder that does not exist', async () => {
    const { code, out, err } = await run('validate', '--data', path.join(REAL_DATA, 'no-such-folder'));
    expect(code).toBe(1);
    expect(out).toContain('Errors (3):');
    expect(out).toContain('the documents folder cannot be read');
    expect(out + err).not.toContain(STACK_LINE);
  });

  it('prints the report as JSON with --json, without the dataset', async () => {
    const { code, out } = await run('validate', '--data', REAL_DATA, '--json');
    expect(code).toBe(0);
    const json: unknown = JSON.parse(out);
    expect(json).toMatchObject({ checks: expect.any(Array), problems: expect.any(Array), files: expect.any(Array) });
    expect(json).not.toHaveProperty('dataset');
  });

  it('exits 1 with --json for bad data, the error in the problems', async () => {
    const dir = await copyData();
    await editText(dir, FY2026, (t) => replaceOnLine(t, 54, 'amount: 6,', 'amount: 16,'));
    const { code, out } = await run('validate', '--data', dir, '--json');
    expect(code).toBe(1);
    const json: unknown = JSON.parse(out);
    expect(json).toMatchObject({
      problems: expect.arrayContaining([
        expect.objectContaining({ severity: 'error', path: 'changes[0].amount', line: 54, file: path.join(dir, FY2026) }),
      ]),
    });
  });

  it('rejects an unknown option as a usage error, without a stack trace', async () => {
    const { code, out, err } = await run('validate', '--no-such-option');
    expect(code).toBe(EXIT.usage);
    expect(err).toContain('--no-such-option');
    expect(out + err).not.toContain(STACK_LINE);
  });
});
