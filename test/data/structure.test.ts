import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isMap } from 'yaml';
import { loadDataset, validateDataset } from '../../src/validate/validate-dataset.ts';
import { BriefingError, type Problem } from '../../src/problems.ts';
import {
  FY2021,
  FY2024,
  FY2026,
  MAPPING,
  REFERENCE,
  copyData,
  editText,
  editYaml,
  errorsOf,
  lineOf,
  readData,
  removeCopies,
  replaceOnLine,
  where,
} from '../support/data-helpers.ts';

afterAll(removeCopies);

interface Expected {
  file: string;
  path?: string;
  /** A number, or a function of the broken file's text where the edit moves lines. */
  line?: number | ((text: string) => number);
  says: string[];
}

interface BrokenStructure {
  what: string;
  breakIt: (dir: string) => Promise<void>;
  expected: Expected;
}

const cases: BrokenStructure[] = [
  {
    what: 'an amount given as the string "1,238"',
    breakIt: (dir) => editYaml(dir, FY2026, (doc) => doc.setIn(['budgets', 0, 'scopes', 'amed', 'total'], '1,238')),
    expected: {
      file: FY2026,
      path: 'budgets[0].scopes.amed.total',
      line: 26,
      says: ['expected an amount in 億円 (a whole number)', 'found "1,238"'],
    },
  },
  {
    what: 'an amount typed with a thousands separator (unquoted 1,238 is YAML text)',
    breakIt: (dir) => editText(dir, FY2026, (t) => replaceOnLine(t, 26, 'total: 1238', 'total: 1,238')),
    expected: { file: FY2026, path: 'budgets[0].scopes.amed.total', line: 26, says: ['expected an amount', 'found "1,238"'] },
  },
  {
    what: 'an amount with a fraction',
    breakIt: (dir) => editYaml(dir, FY2026, (doc) => doc.setIn(['budgets', 1, 'scopes', 'inhouse', 'total'], 812.5)),
    expected: { file: FY2026, path: 'budgets[1].scopes.inhouse.total', line: 39, says: ['whole 億円', 'found 812.5'] },
  },
  {
    what: 'a negative amount',
    breakIt: (dir) => editText(dir, FY2026, (t) => replaceOnLine(t, 129, 'amed: 69', 'amed: -69')),
    expected: { file: FY2026, path: 'projectBudget.remaining.amed', line: 129, says: ['amounts cannot be negative', 'found -69'] },
  },
  {
    what: "an unknown ministry code 'X' in a ministry breakdown",
    breakIt: (dir) => editText(dir, FY2026, (t) => replaceOnLine(t, 27, '総: 3', 'X: 3')),
    expected: { file: FY2026, path: 'budgets[0].scopes.amed.ministries.X', line: 27, says: ['"X"'] },
  },
  {
    what: "an unknown ministry code 'X' for the adjustment fund",
    breakIt: (dir) => editYaml(dir, FY2026, (doc) => doc.setIn(['adjustmentFund', 'ministry'], 'X')),
    expected: {
      file: FY2026,
      path: 'adjustmentFund.ministry',
      line: 61,
      says: ['unknown ministry code "X"', 'expected one of こ 総 文 厚 経 内'],
    },
  },
  {
    what: 'two initial budgets for 2026 in one document',
    breakIt: (dir) =>
      editYaml(dir, FY2026, (doc) => {
        const column = doc.getIn(['budgets', 0], true);
        if (!isMap(column)) throw new Error('budgets[0] is not a mapping');
        doc.addIn(['budgets'], column.clone());
      }),
    expected: {
      file: FY2026,
      path: 'budgets[3].fiscalYear',
      line: (text) => lineOf(text, '- fiscalYear: 2026', 2),
      says: ['duplicate year', 'budget for 2026 is already listed'],
    },
  },
  {
    what: 'missing provenance: textFile names a file that is not there',
    breakIt: (dir) => editYaml(dir, FY2026, (doc) => doc.setIn(['document', 'textFile'], 'fy2026-points-missing.txt')),
    expected: {
      file: FY2026,
      path: 'document.textFile',
      line: 12,
      says: ['missing provenance', 'fy2026-points-missing.txt cannot be read'],
    },
  },
  {
    what: 'missing provenance: the source text was deleted',
    breakIt: (dir) => rm(path.join(dir, 'documents', 'fy2024-points.txt')),
    expected: { file: FY2024, path: 'document.textFile', line: 13, says: ['missing provenance', 'fy2024-points.txt'] },
  },
  {
    what: 'a misspelt field name',
    breakIt: (dir) => editText(dir, FY2026, (t) => replaceOnLine(t, 23, 'label:', 'lable:')),
    expected: { file: FY2026, path: 'budgets[0].lable', line: 23, says: ['unknown field "lable"'] },
  },
  {
    what: 'a misspelt field name in the reference',
    breakIt: (dir) => editText(dir, REFERENCE, (t) => replaceOnLine(t, 7, 'shortName:', 'shortNam:')),
    expected: { file: REFERENCE, path: 'ministries[0].shortNam', line: 7, says: ['unknown field "shortNam"'] },
  },
  {
    what: 'an unknown project id in the project budget',
    breakIt: (dir) => editYaml(dir, FY2026, (doc) => doc.setIn(['projectBudget', 'projects', 0, 'project'], 'p3-pharmaceutical')),
    expected: { file: FY2026, path: 'projectBudget.projects[0].project', line: 72, says: ['unknown project "p3-pharmaceutical"'] },
  },
  {
    what: 'an unknown project id on a program detail page',
    breakIt: (dir) => editText(dir, FY2026, (t) => replaceOnLine(t, 134, 'p3-pharmaceuticals', 'p3-drugs')),
    expected: { file: FY2026, path: 'programDetails[0].project', line: 134, says: ['unknown project "p3-drugs"'] },
  },
  {
    what: 'an unknown project id in the project mapping',
    breakIt: (dir) => editText(dir, MAPPING, (t) => replaceOnLine(t, 11, 'p3-pharmaceuticals', 'p3-pharmaceutical')),
    expected: { file: MAPPING, path: 'links[0].to[0]', line: 11, says: ['unknown project "p3-pharmaceutical"'] },
  },
  {
    what: 'malformed YAML: a line indented too far',
    breakIt: (dir) => editText(dir, FY2026, (t) => replaceOnLine(t, 27, '        ministries:', '         ministries:')),
    expected: { file: FY2026, says: ['not valid YAML'] },
  },
  {
    what: 'malformed YAML: a line indented too little',
    breakIt: (dir) => editText(dir, FY2024, (t) => replaceOnLine(t, 24, '    label:', '  label:')),
    expected: { file: FY2024, says: ['not valid YAML'] },
  },
  {
    what: 'a duplicate YAML key',
    breakIt: (dir) => editText(dir, FY2026, (t) => replaceOnLine(t, 23, 'label: 8年度予算', 'label: 8年度予算\n    type: supplementary')),
    expected: { file: FY2026, says: ['not valid YAML', 'Map keys must be unique'] },
  },
  {
    what: 'an empty file',
    breakIt: (dir) => writeFile(path.join(dir, FY2026), ''),
    expected: { file: FY2026, says: ['the file is empty'] },
  },
  {
    what: 'a file with nothing but a comment',
    breakIt: (dir) => writeFile(path.join(dir, MAPPING), '# to do\n'),
    expected: { file: MAPPING, says: ['the file is empty'] },
  },
  {
    what: 'a file holding a single word instead of a mapping',
    breakIt: (dir) => writeFile(path.join(dir, REFERENCE), 'ministries\n'),
    expected: { file: REFERENCE, path: '(top level)', line: 1, says: ['expected object', 'found "ministries"'] },
  },
  {
    what: 'a deleted reference.yaml',
    breakIt: (dir) => rm(path.join(dir, REFERENCE)),
    expected: { file: REFERENCE, says: ['the file does not exist'] },
  },
  {
    what: 'a folder where reference.yaml should be (an unreadable file)',
    breakIt: async (dir) => {
      await rm(path.join(dir, REFERENCE));
      await mkdir(path.join(dir, REFERENCE));
    },
    expected: { file: REFERENCE, says: ['a folder stands where a file was expected'] },
  },
  {
    what: 'a missing documents folder',
    breakIt: (dir) => rm(path.join(dir, 'documents'), { recursive: true }),
    expected: { file: 'documents', says: ['the documents folder cannot be read'] },
  },
  {
    what: 'a documents folder without YAML files',
    breakIt: async (dir) => {
      await rm(path.join(dir, FY2021));
      await rm(path.join(dir, FY2024));
      await rm(path.join(dir, FY2026));
    },
    expected: { file: 'documents', says: ['no document files (*.yaml) found'] },
  },
  {
    what: 'binary junk in a document file',
    breakIt: (dir) =>
      writeFile(path.join(dir, FY2026), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d])),
    expected: { file: FY2026, says: ['the file holds binary data, not YAML text'] },
  },
  {
    what: 'binary junk without NUL bytes in the mapping file',
    breakIt: (dir) => writeFile(path.join(dir, MAPPING), Buffer.from([0xff, 0xfe, 0x89, 0x50, 0x0d, 0x0a, 0x1a, 0x0a, 0xc3, 0x28, 0x7b, 0x3a])),
    expected: { file: MAPPING, says: ['not valid UTF-8 text'] },
  },
];

describe('structural problems are reported with file, field path and line, never thrown', () => {
  it.each(cases)('$what', async ({ breakIt, expected }) => {
    const dir = await copyData();
    await breakIt(dir);

    const report = await validateDataset(dir);
    const errors = errorsOf(report);
    const line =
      typeof expected.line === 'function' ? expected.line(await readData(dir, expected.file)) : expected.line;
    const matches = (p: Problem) =>
      p.file === expected.file &&
      (expected.path === undefined || p.path === expected.path) &&
      expected.says.every((s) => p.message.includes(s));
    const error = errors.find(matches);

    expect(error, `no error ${expected.says.join(' … ')} in ${errors.map((e) => `\n  ${where(e)}: ${e.message}`).join('')}`).toBeDefined();
    if (line !== undefined) expect(error?.line).toBe(line);
    expect(error?.hint).toBeTruthy();
    expect(report.dataset).toBeUndefined();

    await expect(loadDataset(dir)).rejects.toSatisfy(
      (e: unknown) => e instanceof BriefingError && e.code === 'data' && e.problems.some((p) => p.message === error?.message),
    );
  });

  it('never throws, whatever the data folder holds', async () => {
    await expect(validateDataset(path.join(await copyData(), 'no-such-folder'))).resolves.toMatchObject({
      problems: expect.arrayContaining([expect.objectContaining({ severity: 'error' })]),
    });
  });
});

describe('all problems are collected, not just the first', () => {
  it('reports independent errors in several files together', async () => {
    const dir = await copyData();
    await editText(dir, REFERENCE, (t) => replaceOnLine(t, 7, 'shortName:', 'shortNam:'));
    await editText(dir, FY2024, (t) => replaceOnLine(t, 55, 'amount: -3,', 'amount: -13,'));
    await editText(dir, FY2026, (t) => replaceOnLine(t, 129, 'amed: 69', 'amed: -69'));

    const locations = errorsOf(await validateDataset(dir)).map(where);
    expect(locations).toEqual(
      expect.arrayContaining([
        `${REFERENCE}:7 ministries[0].shortNam`,
        `${FY2024}:55 changes[0].amount`,
        `${FY2026}:129 projectBudget.remaining.amed`,
      ]),
    );
  });

  it('reports several errors in one file, each at its own line', async () => {
    const dir = await copyData();
    await editText(dir, FY2026, (t) =>
      replaceOnLine(replaceOnLine(t, 54, 'amount: 6,', 'amount: 16,'), 158, 'amount: 35', 'amount: 45'),
    );
    const errors = errorsOf(await validateDataset(dir));
    // Each mistyped figure breaks a sum and differs from the source text.
    expect(errors.map(where).sort()).toEqual(
      [`${FY2026}:139 programDetails[0].amed`, `${FY2026}:54 changes[0].amount`, `${FY2026}:54 changes[0].amount`, `${FY2026}:158 programDetails[0].programs[0].amount`].sort(),
    );
  });

  it('reports a structural error in one document and a reconciliation error in the other', async () => {
    const dir = await copyData();
    await editText(dir, FY2024, (t) => replaceOnLine(t, 13, 'fy2024-points.txt', 'fy2024.txt'));
    await editText(dir, FY2026, (t) => replaceOnLine(t, 27, '文: 583', '文: 593'));
    const errors = errorsOf(await validateDataset(dir));
    expect(errors.map(where).sort()).toEqual([
      `${FY2024}:13 document.textFile`,
      `${FY2026}:26 budgets[0].scopes.amed.total`,
      `${FY2026}:27 budgets[0].scopes.amed.ministries.文`,
    ]);
  });
});
