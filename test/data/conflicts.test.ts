import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateDataset, type ValidationReport } from '../../src/validate/validate-dataset.ts';
import { FIXTURES, FY2026, copyData, editText, editYaml, errorsOf, removeCopies, warningsOf, where } from '../support/data-helpers.ts';

afterAll(removeCopies);

/**
 * test/fixtures/data/fy2027-points.yaml: a later edition (2027) that states only the FY2026
 * initial budget, with the AMED total 1,240 where fy2026-points prints 1,238.
 */
async function withLaterEdition(fileName = 'fy2027-points.yaml', change?: Parameters<typeof editYaml>[2], textChange?: (text: string) => string) {
  const dir = await copyData();
  const target = path.join('documents', fileName);
  await copyFile(path.join(FIXTURES, 'fy2027-points.yaml'), path.join(dir, target));
  await copyFile(path.join(FIXTURES, 'fy2027-points.txt'), path.join(dir, 'documents', 'fy2027-points.txt'));
  if (change) await editYaml(dir, target, change);
  if (textChange) await editText(dir, path.join('documents', 'fy2027-points.txt'), textChange);
  return { dir, target, report: await validateDataset(dir) };
}

function fy2026Initial(report: ValidationReport) {
  const column = report.dataset?.budgets.find((b) => b.fiscalYear === 2026 && b.type === 'initial');
  if (!column) throw new Error('no FY2026 initial budget in the dataset');
  return column;
}

const conflictsOf = (report: ValidationReport) => warningsOf(report).filter((w) => w.message.includes(' is restated: '));

describe('two editions stating the same figures differently', () => {
  it('validate without errors', async () => {
    const { report } = await withLaterEdition();
    expect(errorsOf(report)).toEqual([]);
    expect(report.dataset?.documents.map((d) => d.id)).toEqual(['fy2021-points', 'fy2024-points', 'fy2026-points', 'fy2027-points']);
  });

  it('give a warning naming both documents and the differing figure', async () => {
    const { report, target } = await withLaterEdition();
    const conflicts = conflictsOf(report);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ severity: 'warning', file: target });
    expect(conflicts[0]).toMatchObject({ path: 'budgets[0].scopes.amed.total', line: 22 });
    expect(conflicts[0]?.message).toBe(
      'budget FY2026 initial is restated: fy2026-points (fy2026-points.yaml:26) has 1238, fy2027-points (fy2027-points.yaml:22) has 1240; using 1240 from fy2027-points, because by default the later edition restates the earlier one',
    );
    expect(conflicts[0]?.hint).toContain('restatements: [{ path: "budgets[0].scopes.amed.total", use: earlier }]');
  });

  it('take the later edition’s figure, and name it as the source', async () => {
    const { report } = await withLaterEdition();
    const column = fy2026Initial(report);
    expect(column.scopes.amed).toMatchObject({ total: 1240 });
    expect(column.source).toBe('fy2027-points');
    expect(report.dataset?.budgets.filter((b) => b.fiscalYear === 2026 && b.type === 'initial')).toHaveLength(1);
  });

  it('keep the figures only the earlier edition states', async () => {
    const { report } = await withLaterEdition();
    const fy2025 = report.dataset?.budgets.find((b) => b.fiscalYear === 2025 && b.type === 'initial');
    expect(fy2025).toMatchObject({ source: 'fy2026-points', scopes: { amed: { total: 1232 } } });
    expect(report.dataset?.changes.find((c) => c.fiscalYear === 2026 && c.scope === 'amed')?.source).toBe('fy2026-points');
  });

  it('are ordered by edition year, not by file name', async () => {
    const { report, target } = await withLaterEdition('0-revised.yaml');
    expect(fy2026Initial(report)).toMatchObject({ source: 'fy2027-points', scopes: { amed: { total: 1240 } } });
    expect(conflictsOf(report).map((w) => w.file)).toEqual([target]);
  });

  it('keep the figure of the later edition when the other document is the earlier one', async () => {
    const { report } = await withLaterEdition('fy2025-points.yaml', (doc) => {
      doc.setIn(['document', 'id'], 'fy2025-points');
      doc.setIn(['document', 'editionFiscalYear'], 2025);
    });
    expect(errorsOf(report)).toEqual([]);
    expect(fy2026Initial(report)).toMatchObject({ source: 'fy2026-points', scopes: { amed: { total: 1238 } } });
    const conflicts = conflictsOf(report);
    expect(conflicts.map((w) => w.file)).toEqual([FY2026]);
    expect(conflicts[0]?.message).toContain('fy2025-points (fy2025-points.yaml:22) has 1240, fy2026-points (fy2026-points.yaml:26) has 1238; using 1238 from fy2026-points');
  });

  it('do not conflict where they differ only in the printed label', async () => {
    const { report } = await withLaterEdition(
      'fy2027-points.yaml',
      (doc) => doc.setIn(['budgets', 0, 'scopes', 'amed', 'total'], 1238),
      (text) => text.replace('\t1,240億円', '\t1,238億円'),
    );
    expect(errorsOf(report)).toEqual([]);
    expect(conflictsOf(report)).toEqual([]);
    expect(fy2026Initial(report).source).toBe('fy2027-points');
  });
});

describe('each source document has its own id and edition', () => {
  it('rejects a second document with the id of another', async () => {
    const { report, target } = await withLaterEdition('fy2027-points.yaml', (doc) => {
      doc.setIn(['document', 'id'], 'fy2026-points');
    });
    expect(errorsOf(report).map(where)).toContain(`${target}:5 document.id`);
    expect(errorsOf(report).find((e) => e.path === 'document.id')?.message).toContain(
      'document id fy2026-points is already used by',
    );
  });

  it('rejects a second document of the same edition year', async () => {
    const { report, target } = await withLaterEdition('fy2027-points.yaml', (doc) => {
      doc.setIn(['document', 'editionFiscalYear'], 2026);
    });
    const error = errorsOf(report).find((e) => e.path === 'document.editionFiscalYear');
    expect(error).toMatchObject({ file: target, line: 8 });
    expect(error?.message).toContain('document editionFiscalYear 2026 is already used by');
    expect(report.dataset).toBeUndefined();
  });
});
