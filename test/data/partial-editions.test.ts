/**
 * Partial editions: a document of which only some figures are known (data/documents/fy2021-points.yaml,
 * known through a quotation) holds exactly those; full editions are still checked for everything.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loadDataset, validateDataset } from '../../src/validate/validate-dataset.ts';
import { renderHtml } from '../support/departments-helpers.ts';
import { FY2021, FY2026, REAL_DATA, checkAt, copyData, editYaml, errorsOf, removeCopies } from '../support/data-helpers.ts';

afterAll(removeCopies);

async function validateWith(file: string, change: Parameters<typeof editYaml>[2]) {
  const dir = await copyData();
  await editYaml(dir, file, change);
  return validateDataset(dir);
}

describe('the 令和3年度 edition, known only through a quotation', () => {
  it('holds exactly the quoted figures and nothing else', async () => {
    const report = await validateDataset(REAL_DATA);
    expect(errorsOf(report)).toEqual([]);
    const doc = report.dataset?.editions.find((d) => d.info.id === 'fy2021-points')?.value;
    expect(doc?.document).toMatchObject({ coverage: 'partial', secondarySource: { title: 'JGA News 2021 No.154「AMEDとは」', publisher: '日本ジェネリック製薬協会' } });
    expect(doc?.budgets).toEqual([{ fiscalYear: 2021, type: 'initial', scopes: { amed: { total: 1261 }, inhouse: 'unknown' } }]);
    expect(doc?.changes).toEqual([{ scope: 'amed', fiscalYear: 2021, baseFiscalYear: 2020, amount: 2 }]);
    expect(doc?.adjustmentFund).toBeUndefined();
    expect(doc?.programDetails).toEqual([]);
    expect(doc?.projectBudget?.projects.map((p) => [p.number, p.total, p.split])).toEqual([
      [1, 383, { amed: 336, inhouse: 47 }],
      [2, 109, 'amed-only'],
      [3, 185, 'amed-only'],
    ]);
    expect(doc?.projectBudget?.remaining).toBeUndefined();
    expect(doc?.document.notes).toBeUndefined();
  });

  it('is reconciled where it can be: the split exactly, the listed projects only against an upper bound', async () => {
    const report = await validateDataset(REAL_DATA);
    expect(checkAt(report, FY2021, 'project-split', 'projectBudget.projects[0].total')?.outcome).toBe('exact');
    const bound = checkAt(report, FY2021, 'projects-scope-total', 'projectBudget.remaining.amed');
    expect(bound?.outcome).toBe('partial');
    expect(bound?.detail).toContain('a partial edition');
    expect(checkAt(report, FY2021, 'projects-scope-total', 'projectBudget.remaining.inhouse')).toBeUndefined();
  });

  it('is still an error when the projects it lists exceed the total it states', async () => {
    const report = await validateWith(FY2021, (doc) => doc.setIn(['budgets', 0, 'scopes', 'amed', 'total'], 600));
    const found = errorsOf(report).find((e) => e.path === 'projectBudget.remaining.amed');
    expect(found?.file).toBe(FY2021);
    expect(found?.message).toContain('336 + 109 + 185 = 630 ≤ printed 600');
  });

  it('would need every figure of a full edition if it were marked as one', async () => {
    const report = await validateWith(FY2021, (doc) => doc.deleteIn(['document', 'coverage']));
    const messages = errorsOf(report).map((e) => `${e.path}: ${e.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        'document.lead: a full edition gives its lead sentence; lead is missing',
        'budgets[0].scopes.inhouse: the inhouse scope is unknown; a full edition states both scopes of every column',
        'budgets[0].scopes.amed: the ministry breakdown of the amed scope is missing',
        'changes[0]: the printed percentage (増▲減率) is missing',
        'changes[0].baseFiscalYear: no initial budget for 2020 in this document to compare with',
        'projectBudget.projects: 第2期健康・医療戦略 has 6 projects; 3 are listed',
        'projectBudget.projects[0].fundBased: project "p2-pharmaceuticals": whether it is fund-based is unknown',
      ]),
    );
    expect(errorsOf(report).every((e) => e.hint)).toBe(true);
  });
});

describe('full editions are checked as strictly as before', () => {
  it.each([
    ['a scope written as unknown', ['budgets', 0, 'scopes', 'inhouse'], 'unknown', 'budgets[0].scopes.inhouse'],
    ['a missing ministry breakdown', ['budgets', 1, 'scopes', 'amed', 'ministries'], undefined, 'budgets[1].scopes.amed'],
    ['a missing printed percentage', ['changes', 0, 'percent'], undefined, 'changes[0]'],
    ['a project split written as unknown', ['projectBudget', 'projects', 1, 'split'], 'unknown', 'projectBudget.projects[1].split'],
    ['missing initiatives', ['projectBudget', 'projects', 2, 'initiatives'], undefined, 'projectBudget.projects[2]'],
    ['missing remaining expenses', ['projectBudget', 'remaining'], undefined, 'projectBudget'],
    ['missing notes', ['document', 'notes'], undefined, 'document'],
  ])('rejects %s', async (_what, at, value, fieldPath) => {
    const report = await validateWith(FY2026, (doc) => (value === undefined ? doc.deleteIn(at) : doc.setIn(at, value)));
    const found = errorsOf(report).find((e) => e.path === fieldPath);
    expect(found?.file).toBe(FY2026);
    expect(found?.line).toBeGreaterThan(0);
    expect(found?.hint).toContain('coverage: partial');
  });

  it('reports a mistyped amount inside a scope at the amount, not as "expected unknown"', async () => {
    const report = await validateWith(FY2026, (doc) => doc.setIn(['budgets', 0, 'scopes', 'amed', 'total'], '1,238'));
    const found = errorsOf(report).find((e) => e.path === 'budgets[0].scopes.amed.total');
    expect(found?.message).toContain('expected an amount in 億円');
    expect(found?.line).toBe(26);
  });
});

describe('a year comparison with a partial edition', () => {
  it('shows a scope the edition does not state as 記載なし, keeps its printed change, and lists the gap', async () => {
    const dir = await copyData();
    await editYaml(dir, FY2026, (doc) => {
      doc.setIn(['document', 'coverage'], 'partial');
      doc.setIn(['budgets', 1, 'scopes', 'inhouse'], 'unknown');
    });
    const { dataset } = await loadDataset(dir);
    const html = await renderHtml(dataset, { name: 'fy2026-vs-fy2025', kind: 'year-comparison', fiscalYear: 2026, baseFiscalYear: 2025 });
    const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('インハウス研究機関経費は841億円（同+28億円、+3.5%）');
    expect(text).toContain('令和7年度 記載なし');
    expect(text).toContain('両者の合計は2,079億円（同—、—）');
    expect(text).toContain('令和7年度当初予算のインハウス研究機関経費');
  });
});
