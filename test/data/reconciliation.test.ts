import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateDataset, type ValidationReport } from '../../src/validate/validate-dataset.ts';
import { readDataFile, type DataFile } from '../../src/load/read-data-file.ts';
import { SourceDocument } from '../../src/schema/source-document.ts';
import { reconcileDocument, type Rule } from '../../src/validate/reconcile.ts';
import {
  FY2024,
  FY2026,
  REAL_DATA,
  checkAt,
  copyData,
  editText,
  errorsOf,
  removeCopies,
  replaceOnLine,
  warningsOf,
  where,
} from '../support/data-helpers.ts';

afterAll(removeCopies);

/** The error of the source-text check: the YAML's figure is not the one its text prints. */
const differsFromText = (p: { message: string }) => /the YAML has .+, but .+ prints /.test(p.message);

let real: ValidationReport;
beforeAll(async () => {
  real = await validateDataset(REAL_DATA);
});

interface Expected {
  rule: Rule;
  file: string;
  path: string;
  line: number;
  /** A fragment of the message, usually the sum as the report shows it. */
  says: string;
}

interface BrokenFigure {
  what: string;
  file: string;
  edit: (text: string) => string;
  /** The fields the edit mistypes: validate also finds each differs from the source text. */
  mistyped: string[];
  /** Every reconciliation error the edit causes, and nothing else. */
  errors: Expected[];
}

/** Each case puts one printed figure off by 10 (or past its bound) and names every error that follows. */
const cases: BrokenFigure[] = [
  {
    what: 'a ministry part: FY2026 AMED 文 583 → 593',
    file: FY2026,
    edit: (t) => replaceOnLine(t, 27, '文: 583', '文: 593'),
    mistyped: ['budgets[0].scopes.amed.ministries.文'],
    errors: [
      { rule: 'ministries-sum', file: FY2026, path: 'budgets[0].scopes.amed.total', line: 26, says: '7 + 3 + 593 + 481 + 166 = 1,250; printed 1,238; off by 12' },
    ],
  },
  {
    what: 'a scope total: FY2023 in-house 796 → 806 (also breaks the printed FY2024 change)',
    file: FY2024,
    edit: (t) => replaceOnLine(t, 40, 'total: 796', 'total: 806'),
    mistyped: ['budgets[1].scopes.inhouse.total'],
    errors: [
      { rule: 'ministries-sum', file: FY2024, path: 'budgets[1].scopes.inhouse.total', line: 40, says: '254 + 468 + 73 = 795; printed 806' },
      { rule: 'change-amount', file: FY2024, path: 'changes[1].amount', line: 56, says: '805 − 806 = -1; printed 9' },
      { rule: 'change-percent', file: FY2024, path: 'changes[1].percent', line: 56, says: 'printed +1.1%' },
    ],
  },
  {
    what: 'a supplementary part: FY2025 補正 in-house 334 → 344 against the stated 738',
    file: FY2026,
    edit: (t) => replaceOnLine(replaceOnLine(t, 50, 'total: 334', 'total: 344'), 51, '厚: 334', '厚: 344'),
    mistyped: ['budgets[2].scopes.inhouse.total', 'budgets[2].scopes.inhouse.ministries.厚'],
    errors: [
      { rule: 'supplementary-total', file: FY2026, path: 'budgets[2].total', line: 44, says: '404 + 344 = 748; printed 738' },
    ],
  },
  {
    what: 'a project split: project 5 total 218 → 228 against AMED 200 + in-house 18',
    file: FY2026,
    edit: (t) => replaceOnLine(t, 102, 'total: 218', 'total: 228'),
    mistyped: ['projectBudget.projects[4].total'],
    errors: [
      { rule: 'project-split', file: FY2026, path: 'projectBudget.projects[4].total', line: 102, says: '200 + 18 = 218; printed 228' },
    ],
  },
  {
    what: 'a project AMED amount: project 1 AMED 308 → 318 (split and scope total both break)',
    file: FY2026,
    edit: (t) => replaceOnLine(t, 75, 'amed: 308', 'amed: 318'),
    mistyped: ['projectBudget.projects[0].split.amed'],
    errors: [
      { rule: 'project-split', file: FY2026, path: 'projectBudget.projects[0].total', line: 74, says: '318 + 46 = 364; printed 355' },
      { rule: 'projects-scope-total', file: FY2026, path: 'projectBudget.remaining.amed', line: 129, says: '318 + 88 + 196 + 78 + 200 + 214 + 85 + 69 = 1,248; printed 1,238' },
    ],
  },
  {
    what: 'an AMED-only project total: project 2 88 → 98 against the AMED total',
    file: FY2026,
    edit: (t) => replaceOnLine(t, 81, 'total: 88', 'total: 98'),
    mistyped: ['projectBudget.projects[1].total'],
    errors: [
      { rule: 'projects-scope-total', file: FY2026, path: 'projectBudget.remaining.amed', line: 129, says: '308 + 98 + 196 + 78 + 200 + 214 + 85 + 69 = 1,248; printed 1,238' },
    ],
  },
  {
    what: 'the remaining expenses: AMED 69 → 79',
    file: FY2026,
    edit: (t) => replaceOnLine(t, 129, 'amed: 69', 'amed: 79'),
    mistyped: ['projectBudget.remaining.amed'],
    errors: [
      { rule: 'projects-scope-total', file: FY2026, path: 'projectBudget.remaining.amed', line: 129, says: '+ 79 = 1,248; printed 1,238; off by 10' },
    ],
  },
  {
    what: 'the remaining in-house expenses: 777 → 787',
    file: FY2026,
    edit: (t) => replaceOnLine(t, 130, 'inhouse: 777', 'inhouse: 787'),
    mistyped: ['projectBudget.remaining.inhouse'],
    errors: [
      { rule: 'projects-scope-total', file: FY2026, path: 'projectBudget.remaining.inhouse', line: 130, says: '= 851; printed 841' },
    ],
  },
  {
    what: 'FY2024 projects exceeding the AMED total where the remaining expenses are not stated: project 6 236 → 336',
    file: FY2024,
    edit: (t) => replaceOnLine(t, 124, 'total: 236', 'total: 336'),
    mistyped: ['projectBudget.projects[5].total'],
    errors: [
      { rule: 'projects-scope-total', file: FY2024, path: 'projectBudget.remaining.amed', line: 131, says: '= 1,271 ≤ printed 1,245' },
    ],
  },
  {
    what: 'a program amount: the first of the 10 programs 35 → 45 against the printed 306',
    file: FY2026,
    edit: (t) => replaceOnLine(t, 158, 'amount: 35', 'amount: 45'),
    mistyped: ['programDetails[0].programs[0].amount'],
    errors: [
      { rule: 'programs-sum', file: FY2026, path: 'programDetails[0].amed', line: 139, says: '45 + 26 + 28 + 32 + 15 + 30 + 58 + 36 + 35 + 11 = 316; printed 306' },
    ],
  },
  {
    what: "a program's in-house amount: 38 → 48 against the printed 38",
    file: FY2026,
    edit: (t) => replaceOnLine(t, 219, 'inhouseAmount: 38', 'inhouseAmount: 48'),
    mistyped: ['programDetails[0].programs[8].inhouseAmount'],
    errors: [
      { rule: 'programs-sum', file: FY2026, path: 'programDetails[0].inhouse', line: 140, says: '48 = 48; printed 38' },
    ],
  },
  {
    what: 'a printed change amount: FY2026 AMED +6 → +16',
    file: FY2026,
    edit: (t) => replaceOnLine(t, 54, 'amount: 6,', 'amount: 16,'),
    mistyped: ['changes[0].amount'],
    errors: [
      { rule: 'change-amount', file: FY2026, path: 'changes[0].amount', line: 54, says: '1,238 − 1,232 = 6; printed 16' },
    ],
  },
  {
    what: 'a printed change rate: FY2026 in-house +3.5% → +3.9%',
    file: FY2026,
    edit: (t) => replaceOnLine(t, 55, 'percent: 3.5', 'percent: 3.9'),
    mistyped: ['changes[1].percent'],
    errors: [
      { rule: 'change-percent', file: FY2026, path: 'changes[1].percent', line: 55, says: '28 / 813 = +3.44%; printed +3.9%' },
    ],
  },
  {
    what: 'the medical share of the adjustment fund: 175 → 605, above the fund of 595',
    file: FY2026,
    edit: (t) => replaceOnLine(t, 63, 'medicalShare: 175', 'medicalShare: 605'),
    mistyped: ['adjustmentFund.medicalShare'],
    errors: [
      { rule: 'adjustment-share', file: FY2026, path: 'adjustmentFund.medicalShare', line: 63, says: '605 of 595' },
    ],
  },
];

describe('every consistency check passes on the real data and fails on a mistyped figure', () => {
  describe.each(cases)('$what', ({ file, edit, mistyped, errors: expected }) => {
    it('passes on the real data', () => {
      for (const e of expected) {
        const check = checkAt(real, e.file, e.rule, e.path);
        expect(check, `${e.rule} at ${e.path}`).toBeDefined();
        expect(check?.outcome).not.toBe('inconsistent');
      }
    });

    it('is reported as an error naming the file, the field and the line', async () => {
      const dir = await copyData();
      await editText(dir, file, edit);
      const report = await validateDataset(dir);
      const all = errorsOf(report);
      const fromText = all.filter(differsFromText);
      const errors = all.filter((p) => !differsFromText(p));

      expect(fromText.map((p) => `${p.file} ${p.path}`).sort()).toEqual(mistyped.map((p) => `${file} ${p}`).sort());
      expect(errors.map(where).sort()).toEqual(expected.map((e) => where(e)).sort());
      for (const e of expected) {
        const error = errors.find((p) => p.file === e.file && p.path === e.path && p.message.includes(e.says));
        expect(error, `${e.rule}: ${e.says}`).toMatchObject({ severity: 'error', line: e.line });
        expect(error?.hint).toContain('compare these figures with the source text');
        expect(checkAt(report, e.file, e.rule, e.path)?.outcome).toBe('inconsistent');
      }
      expect(report.dataset).toBeUndefined();
    });
  });

  it('covers every rule', () => {
    const rules = new Set(cases.flatMap((c) => c.errors.map((e) => e.rule)));
    // Every case also mistypes a figure against its source text.
    expect([...rules, 'source-text'].sort()).toEqual([...new Set(real.checks.map((c) => c.rule))].sort());
  });
});

describe('a printed change rate is read as the interval it was rounded from', () => {
  let fy2026: DataFile<SourceDocument>;
  let fy2024: DataFile<SourceDocument>;
  beforeAll(async () => {
    fy2026 = await readDataFile(path.join(REAL_DATA, FY2026), SourceDocument);
    fy2024 = await readDataFile(path.join(REAL_DATA, FY2024), SourceDocument);
  });

  /** The change-percent outcome of a document's change i with its printed percent replaced. */
  function percentOutcome(file: DataFile<SourceDocument>, i: number, percent: number) {
    if (!file.value) throw new Error(`${file.file} did not load`);
    const doc = structuredClone(file.value);
    const change = doc.changes[i];
    if (!change) throw new Error(`no change ${i}`);
    change.percent = percent;
    const check = reconcileDocument(file.file, doc, file.locate).find(
      (c) => c.rule === 'change-percent' && c.path === `changes[${i}].percent`,
    );
    return check?.outcome;
  }

  it('accepts the printed FY2026 in-house +3.5% as a rounding warning (3.44% on the rounded figures)', () => {
    expect(percentOutcome(fy2026, 1, 3.5)).toBe('rounding');
    const warning = warningsOf(real).find((w) => w.file === FY2026 && w.path === 'changes[1].percent');
    expect(warning?.severity).toBe('warning');
  });

  it('takes +3.4% as exact', () => {
    expect(percentOutcome(fy2026, 1, 3.4)).toBe('exact');
  });

  it('rejects +3.9% and a reversed sign', () => {
    expect(percentOutcome(fy2026, 1, 3.9)).toBe('inconsistent');
    expect(percentOutcome(fy2026, 1, -3.5)).toBe('inconsistent');
  });

  it('accepts the printed FY2024 AMED ▲0.3% (▲0.24% on the rounded figures) as a rounding warning', () => {
    expect(percentOutcome(fy2024, 0, -0.3)).toBe('rounding');
    expect(errorsOf(real).filter((e) => e.file === FY2024)).toEqual([]);
    expect(warningsOf(real).map(where)).toContain(`${FY2024}:55 changes[0].percent`);
  });

  it('rejects ▲0.5% and +0.3% for the FY2024 AMED change', () => {
    expect(percentOutcome(fy2024, 0, -0.5)).toBe('inconsistent');
    expect(percentOutcome(fy2024, 0, 0.3)).toBe('inconsistent');
  });
});

describe('reconcileDocument', () => {
  it('returns each check with its rule, outcome, field path and line', async () => {
    const file = await readDataFile(path.join(REAL_DATA, FY2026), SourceDocument);
    if (!file.value) throw new Error('the FY2026 document did not load');
    const checks = reconcileDocument(file.file, file.value, file.locate);
    expect(checks).toContainEqual(
      expect.objectContaining({
        rule: 'ministries-sum',
        outcome: 'rounding',
        path: 'budgets[0].scopes.amed.total',
        line: 26,
        file: file.file,
      }),
    );
    expect(checks).toContainEqual(
      expect.objectContaining({ rule: 'supplementary-total', outcome: 'exact', path: 'budgets[2].total', line: 44 }),
    );
    expect(checks).toContainEqual(
      expect.objectContaining({ rule: 'change-amount', outcome: 'exact', path: 'changes[0].amount', line: 54 }),
    );
  });

  it('notes that a fund-based project without an amount counts as 0', async () => {
    const file = await readDataFile(path.join(REAL_DATA, FY2026), SourceDocument);
    if (!file.value) throw new Error('the FY2026 document did not load');
    const amed = reconcileDocument(file.file, file.value, file.locate).find(
      (c) => c.rule === 'projects-scope-total' && c.path === 'projectBudget.remaining.amed',
    );
    expect(amed?.outcome).toBe('exact');
    expect(amed?.detail).toContain('project 8 has no amount printed and counts as 0');
  });
});
