import { describe, expect, it } from 'vitest';
import { committed, editionText, figuresOf, importText, known, lineOf } from '../support/import-helpers.ts';

describe('importing the two existing editions', () => {
  for (const id of ['fy2026-points', 'fy2024-points'] as const) {
    it(`reproduces every figure and text block of ${id}.yaml`, () => {
      const draft = importText(editionText(id));
      expect(figuresOf(draft.document)).toEqual(figuresOf(committed(id)));
      expect(draft.unplaced).toEqual([]);
      expect(draft.toFill).toEqual([]);
    });

    it(`${id}.yaml records the source lines the importer finds`, () => {
      expect(committed(id).sourceLines).toEqual(importText(editionText(id)).sourceLines);
    });
  }

  it('takes from an earlier edition only what the text cannot give: English names and group names', () => {
    // Without the FY2026 file itself, the FY2026 text still gives every figure; the program groups'
    // short names and English names are left to fill in, and nothing else differs.
    const draft = importText(editionText('fy2026-points'), known('fy2024-points'));
    const expected = figuresOf(committed('fy2026-points'));
    const actual = figuresOf(draft.document);
    const withoutGroups = (d: typeof actual) => ({ ...d, programDetails: d.programDetails.map(({ groups: _g, programs, ...rest }) => ({ ...rest, programs: programs.map(({ group: _p, ...p }) => p) })) });
    expect(withoutGroups(actual)).toEqual(withoutGroups(expected));
    expect(actual.programDetails[0]?.groups.map((g) => g.heading)).toEqual(expected.programDetails[0]?.groups.map((g) => g.heading));
    expect(draft.toFill.map((f) => f.path)).toEqual([
      'programDetails[0].groups[0].name', 'programDetails[0].groups[0].nameEn',
      'programDetails[0].groups[1].name', 'programDetails[0].groups[1].nameEn',
      'programDetails[0].groups[2].name', 'programDetails[0].groups[2].nameEn',
    ]);
    // The English title follows the earlier edition's pattern with the year moved on.
    expect(draft.document.document.titleEn).toBe('Key points of the FY2026 budget for medical research and development');
  });

  it('records the line of the text each value came from', () => {
    const text = editionText('fy2026-points');
    const { sourceLines } = importText(text);
    const amedRow = lineOf(text, '日本医療研究開発機構 (AMED) 対象経費');
    expect(sourceLines['budgets[0].scopes.amed.ministries.総']).toBe(amedRow);
    expect(sourceLines['budgets[1].scopes.amed.ministries.厚']).toBe(amedRow);
    expect(sourceLines['changes[1].percent']).toBe(lineOf(text, 'インハウス研究機関経費\t'));
    expect(sourceLines['budgets[2].total']).toBe(lineOf(text, '令和7年度補正予算（738億円）'));
    expect(sourceLines['projectBudget.projects[4].split.inhouse']).toBe(lineOf(text, '5. データ利活用'));
    expect(sourceLines['projectBudget.remaining.inhouse']).toBe(lineOf(text, '※ 上記に加え'));
    expect(sourceLines['programDetails[0].programs[8].inhouseAmount']).toBe(lineOf(text, 'インハウス予算額(案) 38億円'));
    expect(sourceLines['programDetails[0].programs[8].ministry']).toBe(lineOf(text, '◆ 創薬支援推進事業(厚)'));
  });

  it('says which value it placed by the layout rather than by a statement', () => {
    const draft = importText(editionText('fy2026-points'), known('fy2024-points'));
    // 医薬品等規制調和・評価研究事業 is not among the ◆ programs: its group follows the page order.
    expect(draft.inferred).toEqual([
      expect.objectContaining({ path: 'programDetails[0].programs[9].group', line: lineOf(editionText('fy2026-points'), '- 医薬品等規制調和') }),
    ]);
    expect(draft.document.programDetails[0]?.programs[9]?.ministry).toBe('unknown');
  });
});
