import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Document } from 'yaml';
import { main } from '../../src/cli.ts';
import { validateDataset, type ValidationReport } from '../../src/validate/validate-dataset.ts';
import { FY2021, FY2026, REAL_DATA, copyData, editYaml, errorsOf, removeCopies, warningsOf, where } from '../support/data-helpers.ts';
import { editLine, fy2027Text, lineOf, ministriesOf } from '../support/import-helpers.ts';

afterAll(removeCopies);

const FY2027 = 'documents/fy2027-points.yaml';
const quiet = { out: () => undefined, err: () => undefined };

/** A copy of the data with a 令和9年度 edition imported from its text (optionally edited first). */
async function withImportedEdition(editText: (text: string) => string = (t) => t): Promise<{ dir: string; text: string }> {
  const dir = await copyData();
  const text = editText(fy2027Text());
  const file = path.join(dir, 'documents', 'fy2027-points.txt');
  await writeFile(file, text);
  expect(await main(['import', file], quiet)).toBe(0);
  return { dir, text };
}

async function validateAfter(dir: string, file: string, edit: (doc: Document) => void): Promise<ValidationReport> {
  await editYaml(dir, file, edit);
  return validateDataset(dir);
}

const restatedWarnings = (report: ValidationReport) => warningsOf(report).filter((w) => w.message.includes(' is restated: '));

describe('validate reads every figure against its own source text', () => {
  it('an imported edition validates without errors', async () => {
    const { dir } = await withImportedEdition();
    const report = await validateDataset(dir);
    expect(errorsOf(report)).toEqual([]);
    expect(report.checks.find((c) => c.rule === 'source-text' && c.file.endsWith('fy2027-points.yaml'))?.outcome).toBe('exact');
  });

  it('catches 総3 typed as 2, which the sums accept within rounding', async () => {
    const dir = await copyData();
    const report = await validateAfter(dir, FY2026, (doc) => doc.setIn(['budgets', 0, 'scopes', 'amed', 'ministries', '総'], 2));
    const errors = errorsOf(report);
    expect(errors.map(where)).toEqual([`${FY2026}:27 budgets[0].scopes.amed.ministries.総`]);
    expect(errors[0]?.message).toMatch(/^8年度予算 AMED対象経費 総: the YAML has 2, but .*fy2026-points\.txt:9 prints 3$/);
    // Before, this slip was only a rounding warning: 7 + 2 + 583 + 481 + 166 = 1,239 against 1,238.
    expect(report.checks.find((c) => c.rule === 'ministries-sum' && c.path === 'budgets[0].scopes.amed.total' && c.file.endsWith(FY2026))?.outcome).toBe('rounding');
  });

  it('catches a printed +1.0% typed as +0.9%, which the interval check accepts', async () => {
    const { dir, text } = await withImportedEdition();
    const report = await validateAfter(dir, FY2027, (doc) => doc.setIn(['changes', 0, 'percent'], 0.9));
    const errors = errorsOf(report);
    expect(errors.map((e) => e.path)).toEqual(['changes[0].percent']);
    expect(errors[0]?.message).toContain(`the YAML has +0.9%, but`);
    expect(errors[0]?.message).toContain(`fy2027-points.txt:${lineOf(text, '日本医療研究開発機構 (AMED) 対象経費')} prints +1.0%`);
  });

  it('catches a typo in the carried-over column, and shows it against the earlier edition', async () => {
    const { dir } = await withImportedEdition();
    const report = await validateAfter(dir, FY2027, (doc) => doc.setIn(['budgets', 1, 'scopes', 'amed', 'ministries', '厚'], 480));
    expect(errorsOf(report).map((e) => `${e.file} ${e.path}`)).toEqual([`${FY2027} budgets[1].scopes.amed.ministries.厚`]);
    const [restated] = restatedWarnings(report);
    expect(restated).toMatchObject({ file: FY2027, path: 'budgets[1].scopes.amed.ministries.厚' });
    expect(restated?.message).toContain('fy2026-points (fy2026-points.yaml:27) has 481');
    expect(restated?.message).toMatch(/fy2027-points \(fy2027-points\.yaml:\d+\) has 480; using 480 from fy2027-points, because by default the later edition restates the earlier one/);
  });

  it('the ministry of a program must be the one its ◆ line prints', async () => {
    const dir = await copyData();
    const report = await validateAfter(dir, FY2026, (doc) => doc.setIn(['programDetails', 0, 'programs', 0, 'ministry'], '厚'));
    expect(errorsOf(report).map((e) => e.path)).toEqual(['programDetails[0].programs[0].ministry']);
    expect(errorsOf(report)[0]?.message).toContain('prints 文');
  });

  it('a ministry the text lists but the YAML leaves out is an error', async () => {
    const dir = await copyData();
    const report = await validateAfter(dir, FY2026, (doc) => doc.deleteIn(['budgets', 1, 'scopes', 'inhouse', 'ministries', 'こ']));
    const error = errorsOf(report).find((e) => e.path === 'budgets[1].scopes.inhouse.ministries.こ');
    expect(error?.message).toMatch(/fy2026-points\.txt:10 lists こ0, but the YAML leaves it out of the breakdown/);
  });

  it('a figure must stand on the line sourceLines names for it', async () => {
    const { dir, text } = await withImportedEdition();
    const inhouseRow = lineOf(text, 'インハウス研究機関経費\t');
    const report = await validateAfter(dir, FY2027, (doc) => doc.setIn(['sourceLines', 'budgets[0].scopes.amed.ministries.総'], inhouseRow));
    const errors = errorsOf(report);
    expect(errors.map((e) => e.path)).toEqual(['budgets[0].scopes.amed.ministries.総']);
    expect(errors[0]?.message).toContain(`3 is not printed on`);
    expect(errors[0]?.message).toContain(`fy2027-points.txt:${inhouseRow}, the line sourceLines names for it`);
  });
});

describe('a new edition that restates the previous year', () => {
  // The 令和9年度 text prints 8年度予算 (当初) with 厚483 and 経164 where the 令和8年度 edition printed 厚481, 経166.
  const restate = (text: string) => editLine(text, '日本医療研究開発機構 (AMED) 対象経費', (l) => l.replace('1,238億円 (こ7,総3,文583,厚481,経166)', '1,238億円 (こ7,総3,文583,厚483,経164)'));
  const fy2026Amed = (report: ValidationReport) => report.dataset?.budgets.find((b) => b.fiscalYear === 2026 && b.type === 'initial');

  it('uses the later edition by default, and says so with both values and both documents', async () => {
    const { dir } = await withImportedEdition(restate);
    const report = await validateDataset(dir);
    expect(errorsOf(report)).toEqual([]);
    expect(restatedWarnings(report).map((w) => w.path)).toEqual(['budgets[1].scopes.amed.ministries.厚', 'budgets[1].scopes.amed.ministries.経']);
    expect(restatedWarnings(report)[0]?.hint).toContain('restatements: [{ path: "budgets[1].scopes.amed.ministries.厚", use: earlier }]');
    expect(fy2026Amed(report)).toMatchObject({ source: 'fy2027-points', scopes: { amed: { ministries: { 厚: 483, 経: 164 } } } });
  });

  it('keeps the earlier edition where the analyst pins it', async () => {
    const { dir } = await withImportedEdition(restate);
    const report = await validateAfter(dir, FY2027, (doc) =>
      doc.set('restatements', [
        { path: 'budgets[1].scopes.amed.ministries.厚', use: 'earlier', reason: 'the 令和8年度 edition is the budget as passed' },
        { path: 'budgets[1].scopes.amed.ministries.経', use: 'earlier' },
      ]),
    );
    expect(errorsOf(report)).toEqual([]);
    expect(restatedWarnings(report)).toEqual([]);
    expect(fy2026Amed(report)).toMatchObject({ source: 'fy2026-points', scopes: { amed: { ministries: { 厚: 481, 経: 166 } } } });
  });

  it('accepts the restatement without a warning where pinned to this edition, and keeps pinning per figure', async () => {
    const { dir } = await withImportedEdition(restate);
    const report = await validateAfter(dir, FY2027, (doc) => doc.set('restatements', [{ path: 'budgets[1].scopes.amed.ministries.厚', use: 'this' }, { path: 'budgets[1].scopes.amed.ministries.経', use: 'earlier' }]));
    expect(restatedWarnings(report)).toEqual([]);
    expect(ministriesOf(fy2026Amed(report), 'amed')).toMatchObject({ 厚: 483, 経: 166 });
  });

  it('warns about a pin that matches no difference', async () => {
    const { dir } = await withImportedEdition(restate);
    const report = await validateAfter(dir, FY2027, (doc) => doc.set('restatements', [{ path: 'budgets[1].scopes.amed.ministries.文', use: 'earlier' }]));
    const pin = warningsOf(report).find((w) => w.path === 'restatements[0].path');
    expect(pin?.message).toBe('no earlier edition states budgets[1].scopes.amed.ministries.文 differently, so this pin changes nothing');
    expect(pin?.file).toBe(FY2027);
  });

  it('rejects a pin that is not earlier or this, naming the field', async () => {
    const { dir } = await withImportedEdition(restate);
    const report = await validateAfter(dir, FY2027, (doc) => doc.set('restatements', [{ path: 'budgets[1].scopes.amed.ministries.厚', use: 'later' }]));
    expect(errorsOf(report).map((e) => e.path)).toEqual(['restatements[0].use']);
  });
});

describe('a source that is not laid out as an edition (a quotation)', () => {
  const QUOTATION = ['出典: テスト用の引用（令和3年度 医療分野の研究開発関連予算のポイントより）', 'AMEDの予算は1,261億円', 'インハウス研究機関経費は800億円', ''].join('\n');
  const document = (amed: number) => `document:
  id: fy2021-points
  title: 令和3年度 医療分野の研究開発関連予算のポイント
  titleEn: Key points of the FY2021 budget for medical research and development
  editionFiscalYear: 2021
  publisher: 健康・医療戦略推進本部
  publisherEn: Headquarters for Healthcare Policy
  published: unknown
  textFile: fy2021-points.txt
  lead: 引用による。
  notes: []
budgets:
  - fiscalYear: 2021
    type: initial
    label: 3年度予算
    scopes:
      amed: { total: ${amed}, ministries: {} }
      inhouse: { total: 800, ministries: {} }
sourceLines: { "budgets[0].scopes.amed.total": 2, "budgets[0].scopes.inhouse.total": 3 }
`;
  async function withQuotation(amed: number) {
    const dir = await copyData();
    await writeFile(path.join(dir, 'documents', 'fy2021-points.txt'), QUOTATION);
    await writeFile(path.join(dir, 'documents', 'fy2021-points.yaml'), document(amed));
    return validateDataset(dir);
  }

  it('checks each figure on the line sourceLines names, and nothing else', async () => {
    const report = await withQuotation(1261);
    expect(errorsOf(report)).toEqual([]);
    const check = report.checks.find((c) => c.rule === 'source-text' && c.file.endsWith('fy2021-points.yaml'));
    expect(check).toMatchObject({ outcome: 'partial', detail: 'the text is not laid out as an edition; 2 figure(s) checked on the lines sourceLines names' });
  });

  it('reports a figure its line does not print', async () => {
    const report = await withQuotation(1216);
    expect(errorsOf(report).map(where)).toEqual(['documents/fy2021-points.yaml:17 budgets[0].scopes.amed.total']);
    expect(errorsOf(report)[0]?.message).toContain('1,216 is not printed on');
  });
});

describe('the FY2021 partial edition, known only through a quotation', () => {
  const quotationCheck = (report: ValidationReport) => report.checks.find((c) => c.rule === 'source-text' && c.file.endsWith(FY2021));

  it('validates cleanly, with every figure it states found on the line of the quotation that states it', async () => {
    const report = await validateDataset(REAL_DATA);
    expect(errorsOf(report).filter((e) => e.file === FY2021)).toEqual([]);
    // 1,261 and +2; for each of the three projects its name, amount and split (336 and 47 for the first).
    expect(quotationCheck(report)).toMatchObject({ outcome: 'partial', detail: 'the text is not laid out as an edition; 12 figure(s) checked on the lines sourceLines names' });
  });

  it('catches a slip in a quoted figure', async () => {
    const dir = await copyData();
    const report = await validateAfter(dir, FY2021, (doc) => doc.setIn(['projectBudget', 'projects', 0, 'split', 'amed'], 363));
    const slip = errorsOf(report).find((e) => e.path === 'projectBudget.projects[0].split.amed');
    expect(slip?.message).toMatch(/363 is not printed on \S*fy2021-points.txt:3,/);
    // The sums catch it too (363 + 47 is not 383), but only the text says which figure is wrong.
    expect(errorsOf(report).map((e) => e.path)).toEqual(['projectBudget.projects[0].total', 'projectBudget.projects[0].split.amed']);
    expect(quotationCheck(report)?.outcome).toBe('inconsistent');
  });

  it('catches a slip in the printed change and in a project name', async () => {
    const dir = await copyData();
    const report = await validateAfter(dir, FY2021, (doc) => {
      doc.setIn(['changes', 0, 'amount'], 3);
      doc.setIn(['projectBudget', 'projects', 2, 'name'], '再生・細胞医療プロジェクト');
    });
    expect(errorsOf(report).map((e) => e.path)).toEqual(['changes[0].amount', 'projectBudget.projects[2].name']);
  });

  it('a figure added without the line that states it is an error, not left unchecked', async () => {
    const dir = await copyData();
    const report = await validateAfter(dir, FY2021, (doc) => doc.setIn(['budgets', 0, 'scopes', 'inhouse'], { total: 800 }));
    const errors = errorsOf(report).filter((e) => e.file === FY2021);
    expect(errors.map((e) => e.path)).toEqual(['budgets[0].scopes.inhouse.total']);
    expect(errors[0]?.message).toContain('sourceLines names no line for budgets[0].scopes.inhouse.total');
  });
});
