import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { main } from '../../src/cli.ts';
import { EXIT } from '../../src/cli/exit-codes.ts';
import { SourceDocument } from '../../src/schema/source-document.ts';
import { copyData, removeCopies } from '../support/data-helpers.ts';
import { editionText, fy2027Text, replaceOnce } from '../support/import-helpers.ts';

afterAll(removeCopies);

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) } };
}

async function dataWithText(text: string, name = 'fy2027-points.txt') {
  const dir = await copyData();
  const file = path.join(dir, 'documents', name);
  writeFileSync(file, text);
  return { dir, file, draft: path.join(dir, 'documents', 'fy2027-points.yaml') };
}

describe('briefings import <text-file>', () => {
  it('writes the draft beside the text and prints what to review', async () => {
    const renamed = replaceOnce(fy2027Text(), '7. 橋渡し・臨床加速化プロジェクト 85億円', '7. 橋渡し・臨床研究加速化プロジェクト※ 85億円');
    const { file, draft } = await dataWithText(renamed);
    const { out, io } = capture();
    expect(await main(['import', file], io)).toBe(EXIT.ok);
    const doc = SourceDocument.parse(parse(readFileSync(draft, 'utf8')));
    expect(doc.document).toMatchObject({ id: 'fy2027-points', textFile: 'fy2027-points.txt' });
    expect(doc.sourceLines?.['budgets[0].scopes.amed.total']).toBe(9);
    const text = out.join('\n');
    expect(text).toContain('Against 令和8年度 医療分野の研究開発関連予算のポイント');
    expect(text).toContain('AMED対象経費: 令和8年度 1,238億円 → 令和9年度 1,250億円 (+12億円');
    expect(text).toContain('8年度予算 (当初): the same figures as fy2026-points printed');
    expect(text).toContain('科学技術イノベーション創造推進費: 595億円 → 600億円, of which medical 175億円 → 175億円');
    expect(text).toContain('project 1 医薬品プロジェクト: 355億円 → 360億円 (+5億円)');
    expect(text).toContain('project 7 橋渡し・臨床研究加速化プロジェクト: 85億円 → 85億円 (±0億円), renamed from 橋渡し・臨床加速化プロジェクト');
    expect(text).toContain('record the rename on that project');
    expect(text).toContain('fromFiscalYear: 2027');
  });

  it('never overwrites a draft without --force', async () => {
    const { file, draft } = await dataWithText(fy2027Text());
    writeFileSync(draft, '# my edits\n');
    const { err, io } = capture();
    expect(await main(['import', file], io)).toBe(EXIT.usage);
    expect(err.join('\n')).toContain('fy2027-points.yaml already exists; nothing was written. Use --force');
    expect(readFileSync(draft, 'utf8')).toBe('# my edits\n');
    expect(await main(['import', file, '--force'], capture().io)).toBe(EXIT.ok);
    expect(readFileSync(draft, 'utf8')).toContain('id: fy2027-points');
  });

  it('--out writes elsewhere, with textFile relative to the draft', async () => {
    const { dir, file, draft } = await dataWithText(fy2027Text());
    const out = path.join(dir, 'drafts', 'next.yaml');
    expect(await main(['import', file, '--out', out, '--data', dir], capture().io)).toBe(EXIT.ok);
    expect(existsSync(draft)).toBe(false);
    expect(parse(readFileSync(out, 'utf8')).document.textFile).toBe('../documents/fy2027-points.txt');
  });

  it('exits 1 for a text that is not an edition, and writes nothing', async () => {
    const { file, draft } = await dataWithText('AMEDとは\nAMEDの予算は1,261億円（前年度比+2億円）\n');
    const { err, io } = capture();
    expect(await main(['import', file], io)).toBe(EXIT.data);
    expect(err.join('\n')).toContain('is not the text of an edition');
    expect(existsSync(draft)).toBe(false);
  });

  it('exits 64 for a text file that does not exist', async () => {
    const { err, io } = capture();
    expect(await main(['import', '/nonexistent/fy2027-points.txt'], io)).toBe(EXIT.usage);
    expect(err.join('\n')).toContain('no such file');
  });

  it('lists with its line what it cannot place, and the draft leaves it out', async () => {
    const text = editionText('fy2026-points').replace('(こ7,総3,文583,厚481,経166)\t1,232', '(こ7,デ3,文583,厚481,経166)\t1,232');
    const { dir, file } = await dataWithText(text, 'edited.txt');
    const out = path.join(dir, 'documents', 'edited.yaml');
    const { out: lines, io } = capture();
    expect(await main(['import', file, '--out', out], io)).toBe(EXIT.ok);
    expect(lines.join('\n')).toMatch(/Could not place \(1; left out or written as unknown\):\n {2}.*edited\.txt:9 「デ3」 「デ」 is not a known ministry code/);
    expect(parse(readFileSync(out, 'utf8')).budgets[0].scopes.amed.ministries).toEqual({ こ: 7, 文: 583, 厚: 481, 経: 166 });
  });

  describe('a text that lacks whole sections of the edition (here: only its first page)', () => {
    const firstPage = () => fy2027Text().split('\n').slice(0, 14).join('\n');

    it('is refused as a full edition, naming what is missing, and nothing is written', async () => {
      const { file, draft } = await dataWithText(firstPage());
      const { err, io } = capture();
      expect(await main(['import', file], io)).toBe(EXIT.data);
      const message = err.join('\n');
      expect(message).toContain('whole section(s) of the edition could not be read, so it cannot be a full edition; nothing was written');
      expect(message).toMatch(/fy2027-points\.txt:\d+ projectBudget: no project list/);
      expect(message).toContain('import it with --partial');
      expect(existsSync(draft)).toBe(false);
    });

    it('with --partial, is written as a partial edition that validates, with no project invented', async () => {
      const { dir, file, draft } = await dataWithText(firstPage());
      const { out, io } = capture();
      expect(await main(['import', file, '--partial'], io)).toBe(EXIT.ok);
      expect(out.join('\n')).toContain('A partial edition (coverage: partial): the text lacks 1 whole section(s)');
      const doc = SourceDocument.parse(parse(readFileSync(draft, 'utf8')));
      expect(doc.document.coverage).toBe('partial');
      expect(doc.projectBudget).toBeUndefined();
      expect(doc.budgets[0]?.scopes.amed).toEqual({ total: 1250, ministries: { こ: 7, 総: 3, 文: 590, 厚: 484, 経: 166 } });
      expect(await main(['validate', '--data', dir], capture().io)).toBe(EXIT.ok);
    });

    it('a column that prints one scope only: with --partial the other scope is unknown, not 0', async () => {
      const text = fy2027Text()
        .split('\n')
        .filter((line) => !line.startsWith('インハウス研究機関経費\t'))
        .join('\n');
      const { file, draft } = await dataWithText(text);
      const refused = capture();
      expect(await main(['import', file], refused.io)).toBe(EXIT.data);
      expect(refused.err.join('\n')).toContain('budgets: 9年度予算 インハウス研究機関経費: column 「9年度予算」 prints no インハウス研究機関経費 figure; written as unknown');
      expect(await main(['import', file, '--partial'], capture().io)).toBe(EXIT.ok);
      const doc = SourceDocument.parse(parse(readFileSync(draft, 'utf8')));
      expect(doc.budgets.map((b) => b.scopes.inhouse)).toEqual(['unknown', 'unknown', 'unknown']);
      expect(doc.document.coverage).toBe('partial');
    });
  });
});
