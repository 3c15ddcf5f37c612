import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset, validateDataset, type ValidationReport } from '../../src/validate/validate-dataset.ts';
import { generateJsonSchemas } from '../../src/schema/json-schema.ts';
import { ALL_RULES, FY2021, FY2024, FY2026, REAL_DATA, checkAt, errorsOf, warningsOf, where } from '../support/data-helpers.ts';

let report: ValidationReport;
beforeAll(async () => {
  report = await validateDataset(REAL_DATA);
});

describe('the committed data', () => {
  it('has no errors and yields a dataset', () => {
    expect(errorsOf(report)).toEqual([]);
    expect(report.dataset).toBeDefined();
  });

  it('reads the reference, the mapping and every source document', () => {
    const files = report.files.map((f) => path.relative(REAL_DATA, f).split(path.sep).join('/'));
    expect(files).toEqual(['reference.yaml', 'project-mapping.yaml', FY2021, FY2024, FY2026]);
  });

  it('is also accepted by validateDataset("data") relative to the project root', async () => {
    const relative = await validateDataset('data');
    expect(errorsOf(relative)).toEqual([]);
  });

  it('runs every reconciliation rule, and none is inconsistent', () => {
    expect(new Set(report.checks.map((c) => c.rule))).toEqual(new Set(ALL_RULES));
    expect(report.checks.filter((c) => c.outcome === 'inconsistent')).toEqual([]);
  });

  it('warns about exactly the figures that only agree within rounding', () => {
    expect(warningsOf(report).map(where).sort()).toEqual(
      [
        `${FY2024}:27 budgets[0].scopes.amed.total`, // 6+5+581+481+171 = 1,244 vs 1,245
        `${FY2024}:37 budgets[1].scopes.amed.total`, // 6+5+581+483+174 = 1,249 vs 1,248
        `${FY2024}:40 budgets[1].scopes.inhouse.total`, // 254+468+73 = 795 vs 796
        `${FY2024}:55 changes[0].percent`, // ▲3 / 1,248 = ▲0.24%, printed ▲0.3%
        `${FY2026}:26 budgets[0].scopes.amed.total`, // 7+3+583+481+166 = 1,240 vs 1,238
        `${FY2026}:39 budgets[1].scopes.inhouse.total`, // 0+251+500+61 = 812 vs 813
        `${FY2026}:47 budgets[2].scopes.amed.total`, // 120+175+110 = 405 vs 404
        `${FY2026}:74 projectBudget.projects[0].total`, // 308+46 = 354 vs 355
        `${FY2026}:55 changes[1].percent`, // 28 / 813 = 3.44%, printed 3.5%
      ].sort(),
    );
    expect(report.checks.filter((c) => c.outcome === 'rounding')).toHaveLength(9);
  });

  it('explains the FY2026 AMED ministry sum 1,240 against the printed 1,238', () => {
    const warning = warningsOf(report).find((w) => w.file === FY2026 && w.path === 'budgets[0].scopes.amed.total');
    expect(warning?.message).toContain('7 + 3 + 583 + 481 + 166 = 1,240; printed 1,238');
    expect(warning?.message).toContain('consistent only within rounding');
  });

  it('explains the FY2026 in-house change printed +3.5%, which is 3.44% on the rounded figures', () => {
    const warning = warningsOf(report).find((w) => w.file === FY2026 && w.path === 'changes[1].percent');
    expect(warning?.line).toBe(55);
    expect(warning?.message).toContain('28 / 813 = +3.44%; printed +3.5%');
  });

  it('checks the FY2024 projects only against an upper bound, as the remaining expenses are not stated', () => {
    const amed = checkAt(report, FY2024, 'projects-scope-total', 'projectBudget.remaining.amed');
    expect(amed?.outcome).toBe('partial');
    expect(amed?.detail).toContain('only the upper bound is checked');
  });

  it('loads through loadDataset without throwing', async () => {
    const { dataset } = await loadDataset(REAL_DATA);
    expect(dataset.documents.map((d) => d.id)).toEqual(['fy2021-points', 'fy2024-points', 'fy2026-points']);
  });
});

describe('a ministry that is not listed is not a ministry listed with 0', () => {
  const column = (fiscalYear: number) => {
    const found = report.dataset?.budgets.find((b) => b.fiscalYear === fiscalYear && b.type === 'initial');
    if (!found || found.scopes.inhouse === 'unknown') throw new Error(`no initial in-house budget for ${fiscalYear}`);
    return { source: found.source, scopes: { inhouse: { ministries: found.scopes.inhouse.ministries ?? {} } } };
  };

  it('keeps the FY2023 in-house breakdown without a こ entry', () => {
    const ministries = column(2023).scopes.inhouse.ministries;
    expect(Object.keys(ministries)).not.toContain('こ');
    expect(ministries.こ).toBeUndefined();
    expect(ministries).toEqual({ 文: 254, 厚: 468, 経: 73 });
  });

  it('keeps the FY2026 in-house こ listed as 0', () => {
    const ministries = column(2026).scopes.inhouse.ministries;
    expect(Object.keys(ministries)).toContain('こ');
    expect(ministries.こ).toBe(0);
  });

  it('names the source document of each figure', () => {
    expect(column(2023).source).toBe('fy2024-points');
    expect(column(2026).source).toBe('fy2026-points');
  });
});

describe('the JSON Schemas in data/schema', () => {
  const generated = generateJsonSchemas();
  const schemaDir = path.join(REAL_DATA, 'schema');

  it('are exactly the generated ones (run `briefings schema` after changing src/schema)', async () => {
    const onDisk = (await readdir(schemaDir)).filter((n) => n.endsWith('.json')).sort();
    expect(onDisk).toEqual(Object.keys(generated).sort());
    for (const [name, schema] of Object.entries(generated)) {
      const text = await readFile(path.join(schemaDir, name), 'utf8');
      expect(text, name).toBe(`${JSON.stringify(schema, null, 2)}\n`);
    }
  });

  it('are the ones each data file names for editors', async () => {
    for (const file of ['reference.yaml', 'project-mapping.yaml', FY2024, FY2026]) {
      const firstLine = (await readFile(path.join(REAL_DATA, file), 'utf8')).split('\n')[0] ?? '';
      const match = /^# yaml-language-server: \$schema=(\S+)$/.exec(firstLine);
      expect(match, file).not.toBeNull();
      const schemaFile = path.resolve(path.dirname(path.join(REAL_DATA, file)), match?.[1] ?? '');
      expect(Object.keys(generated), file).toContain(path.basename(schemaFile));
      expect(path.dirname(schemaFile)).toBe(schemaDir);
    }
  });
});
