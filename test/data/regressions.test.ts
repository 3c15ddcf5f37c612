/**
 * Bugs found while writing the data tests, each pinned by the behaviour that was missing.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateDataset } from '../../src/validate/validate-dataset.ts';
import {
  FY2026,
  REFERENCE,
  checkAt,
  copyData,
  editText,
  editYaml,
  errorsOf,
  removeCopies,
  replaceOnLine,
} from '../support/data-helpers.ts';

afterAll(removeCopies);

describe('regressions', () => {
  // Regression (fixed): src/load/read-data-file.ts: parseDocument(…, { prettyErrors: false }) leaves error.linePos
  // unset, so `line: error.linePos?.[0]?.line` is always undefined.
  it('a YAML syntax error names its line (bad indentation on line 27)', async () => {
    const dir = await copyData();
    await editText(dir, FY2026, (t) => replaceOnLine(t, 27, '        ministries:', '         ministries:'));
    const error = errorsOf(await validateDataset(dir)).find((e) => e.message.startsWith('not valid YAML'));
    // yaml places it where the over-indented key turns line 26 into a multi-line key
    expect([26, 27]).toContain(error?.line);
  });

  it('a duplicate YAML key names its line', async () => {
    const dir = await copyData();
    await editText(dir, FY2026, (t) => replaceOnLine(t, 23, 'label: 8年度予算', 'label: 8年度予算\n    type: supplementary'));
    const error = errorsOf(await validateDataset(dir)).find((e) => e.message.includes('Map keys must be unique'));
    expect(error?.line).toBe(24);
  });

  // Regression (fixed): src/validate/reconcile.ts contribution(): an AMED-only project's in-house share is exactly 0,
  // but it goes through amount(0) = [0, 0.5] like a printed figure, so each of the seven
  // AMED-only FY2026 projects widens the in-house tolerance by 0.5.
  it('in-house remaining expenses off by 3 (777 → 774) are an error, not a rounding warning', async () => {
    const dir = await copyData();
    await editText(dir, FY2026, (t) => replaceOnLine(t, 130, 'inhouse: 777', 'inhouse: 774'));
    const report = await validateDataset(dir);
    // 46 + 18 + 774 = 838 from three rounded figures: at most 839.5, below the printed 841's 840.5.
    expect(checkAt(report, FY2026, 'projects-scope-total', 'projectBudget.remaining.inhouse')?.outcome).toBe('inconsistent');
  });

  // Regression (fixed): src/validate/cross-reference.ts checkReference: documentIds holds only the documents that
  // loaded, so a broken document also puts a misleading error on reference.yaml.
  it('a broken document file gives no error in reference.yaml', async () => {
    const dir = await copyData();
    await editText(dir, FY2026, (t) => replaceOnLine(t, 129, 'amed: 69', 'amed: -69'));
    const errors = errorsOf(await validateDataset(dir));
    expect(errors.filter((e) => e.file === REFERENCE)).toEqual([]);
  });

  // Regression (fixed): src/schema/common.ts AmountOrUnknown (a z.union): zod reports a bare "Invalid input" for a
  // union, so a field that may be "unknown" loses the clear amount message.
  it('a project total given as "1,238" says that an amount is expected', async () => {
    const dir = await copyData();
    await editYaml(dir, FY2026, (doc) => doc.setIn(['projectBudget', 'projects', 0, 'total'], '1,238'));
    const error = errorsOf(await validateDataset(dir)).find((e) => e.path === 'projectBudget.projects[0].total');
    expect(error?.message).toContain('億円');
  });

  // Regression (fixed): src/schema/source-document.ts Program.ministry: the same union problem for ministry codes.
  it("a program's unknown ministry code 'X' says which codes are allowed", async () => {
    const dir = await copyData();
    await editYaml(dir, FY2026, (doc) => doc.setIn(['programDetails', 0, 'programs', 0, 'ministry'], 'X'));
    const error = errorsOf(await validateDataset(dir)).find((e) => e.path === 'programDetails[0].programs[0].ministry');
    expect(error?.message).toContain('unknown ministry code');
  });

  // Regression (fixed): src/validate/validate-dataset.ts checkTextFile: access(R_OK) succeeds on a folder.
  it('a textFile naming a folder is missing provenance', async () => {
    const dir = await copyData();
    await mkdir(path.join(dir, 'documents', 'texts'));
    await editYaml(dir, FY2026, (doc) => doc.setIn(['document', 'textFile'], 'texts'));
    const errors = errorsOf(await validateDataset(dir));
    expect(errors).toContainEqual(expect.objectContaining({ path: 'document.textFile', message: expect.stringContaining('missing provenance') }));
  });
});
