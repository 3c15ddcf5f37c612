import { describe, expect, it } from 'vitest';
import { BriefingError } from '../../src/problems.ts';
import { changesAgainstPrevious, referenceProposals } from '../../src/import/import-summary.ts';
import { committed, editLine, editionText, fy2027Text, importText, insertAfter, known, lineOf, reference, replaceOnce, ministriesOf } from '../support/import-helpers.ts';

const fy2026 = () => editionText('fy2026-points');
const fy2024 = () => editionText('fy2024-points');
const AMED_ROW = '日本医療研究開発機構 (AMED) 対象経費';

describe('a next-year edition in the same layout', () => {
  const text = fy2027Text();
  const draft = importText(text);

  it('places the new figures under the new years', () => {
    const doc = draft.document;
    expect(doc.document).toMatchObject({ id: 'fy2027-points', editionFiscalYear: 2027, title: '令和9年度 医療分野の研究開発関連予算のポイント', titleEn: 'Key points of the FY2027 budget for medical research and development' });
    expect(doc.budgets.map((b) => [b.fiscalYear, b.type, b.label])).toEqual([
      [2027, 'initial', '9年度予算'],
      [2026, 'initial', '8年度予算 (当初)'],
      [2026, 'supplementary', '8年度予算 (補正)'],
    ]);
    expect(doc.budgets[0]?.scopes.amed).toEqual({ total: 1250, ministries: { こ: 7, 総: 3, 文: 590, 厚: 484, 経: 166 } });
    expect(doc.budgets[2]).toMatchObject({ total: 700, scopes: { inhouse: { total: 300, ministries: { 厚: 300 } } } });
    expect(doc.changes).toEqual([
      { scope: 'amed', fiscalYear: 2027, baseFiscalYear: 2026, amount: 12, percent: 1 },
      { scope: 'inhouse', fiscalYear: 2027, baseFiscalYear: 2026, amount: 9, percent: 1.1 },
    ]);
    expect(doc.adjustmentFund).toMatchObject({ fiscalYear: 2027, total: 600, medicalShare: 175, nameEn: 'Science, Technology and Innovation Creation Promotion Funding' });
    expect(doc.projectBudget?.projects[0]).toMatchObject({ project: 'p3-pharmaceuticals', total: 360, split: { amed: 312, inhouse: 48 } });
    expect(doc.projectBudget?.focusText).toMatch(/^令和9年度においては/);
    expect(doc.projectBudget?.remaining).toMatchObject({ amed: 69, inhouse: 779 });
    expect(draft.unplaced).toEqual([]);
    expect(draft.toFill).toEqual([]);
  });
});

describe('what changes from year to year', () => {
  it('a figure changed in the text is the figure placed', () => {
    const text = editLine(fy2026(), AMED_ROW, (l) => l.replace('総3,文583,厚481', '総2,文583,厚482'));
    expect(ministriesOf(importText(text).document.budgets[0], 'amed')).toEqual({ こ: 7, 総: 2, 文: 583, 厚: 482, 経: 166 });
  });

  it('a ministry missing from a column is left out of that breakdown, not written as 0', () => {
    const text = editLine(fy2026(), AMED_ROW, (l) => l.replace('1,238億円 (こ7,総3,', '1,238億円 (こ7,'));
    const budgets = importText(text).document.budgets;
    expect(ministriesOf(budgets[0], 'amed')).toEqual({ こ: 7, 文: 583, 厚: 481, 経: 166 });
    expect(ministriesOf(budgets[1], 'amed')).toEqual({ こ: 6, 総: 3, 文: 583, 厚: 479, 経: 161 });
  });

  it('a ministry added to a column is placed with its code', () => {
    const text = editLine(fy2026(), 'インハウス研究機関経費\t', (l) => l.replace('841億円 (こ0,文251,厚504,経86)', '841億円 (こ0,総2,文251,厚502,経86)'));
    expect(ministriesOf(importText(text).document.budgets[0], 'inhouse')).toEqual({ こ: 0, 総: 2, 文: 251, 厚: 502, 経: 86 });
  });

  it('different ministries in the supplementary column', () => {
    let text = editLine(fy2026(), AMED_ROW, (l) => l.replace('404億円 (内120,文175,厚110)', '404億円 (文200,厚150,経54)'));
    text = editLine(text, 'インハウス研究機関経費\t', (l) => l.replace('334億円 (厚334)', '334億円 (文34,厚300)'));
    const supplementary = importText(text).document.budgets[2];
    expect(ministriesOf(supplementary, 'amed')).toEqual({ 文: 200, 厚: 150, 経: 54 });
    expect(ministriesOf(supplementary, 'inhouse')).toEqual({ 文: 34, 厚: 300 });
  });

  it('a ministry code the data does not know is listed with its line, never placed', () => {
    const text = editLine(fy2026(), AMED_ROW, (l) => l.replace('1,238億円 (こ7,総3,', '1,238億円 (こ7,デ3,'));
    const draft = importText(text);
    expect(ministriesOf(draft.document.budgets[0], 'amed')).toEqual({ こ: 7, 文: 583, 厚: 481, 経: 166 });
    expect(draft.unplaced).toEqual([expect.objectContaining({ line: lineOf(text, AMED_ROW), text: 'デ3' })]);
  });

  it('a project gaining an in-house part, and one losing it', () => {
    let text = replaceOnce(fy2026(), '2. 医療機器・ヘルスケアプロジェクト 88億円 <AMED >', '2. 医療機器・ヘルスケアプロジェクト 96億円 <AMED 88億円、インハウス 8億円>');
    text = replaceOnce(text, '1. 医薬品プロジェクト 355億円 <AMED 308億円、インハウス 46億円>', '1. 医薬品プロジェクト 308億円 <AMED>');
    const projects = importText(text).document.projectBudget?.projects;
    expect(projects?.[1]).toMatchObject({ total: 96, split: { amed: 88, inhouse: 8 } });
    expect(projects?.[0]).toMatchObject({ total: 308, split: 'amed-only' });
  });

  it('a renamed project keeps its id, carries its printed name, and the ※ note is kept', () => {
    const note = '※ 7. 橋渡し・臨床研究加速化プロジェクトは、令和9年度より「橋渡し・臨床加速化プロジェクト」から名称を変更した。';
    let text = replaceOnce(fy2027Text(), '7. 橋渡し・臨床加速化プロジェクト 85億円 <AMED >', '7. 橋渡し・臨床研究加速化プロジェクト※ 85億円 <AMED >');
    text = insertAfter(text, '※ 上記に加え', '', note);
    const draft = importText(text);
    expect(draft.document.projectBudget?.projects[6]).toMatchObject({ project: 'p3-translational-clinical', number: 7, name: '橋渡し・臨床研究加速化プロジェクト', total: 85 });
    expect(draft.document.document.notes).toContainEqual({ kind: 'other', text: note });
    const proposals = referenceProposals(draft, reference());
    expect(proposals).toHaveLength(1);
    expect(proposals[0]?.why).toContain('p3-translational-clinical');
    expect(proposals[0]?.yaml).toContain('fromFiscalYear: 2027');
    expect(proposals[0]?.yaml).toContain('name: 橋渡し・臨床研究加速化プロジェクト');
    expect(proposals[0]?.yaml).toContain('shortName: 橋渡し・臨床研究加速化');
  });

  it('a rename marked (※1) after the name, with its note under the project', () => {
    const note = '※1 令和9年度より「橋渡し・臨床加速化プロジェクト」から名称を変更。';
    let text = replaceOnce(fy2027Text(), '7. 橋渡し・臨床加速化プロジェクト 85億円 <AMED >', '7. 橋渡し・臨床研究加速化プロジェクト(※1) 85億円 <AMED >');
    text = insertAfter(text, '7. 橋渡し・臨床研究加速化プロジェクト', '', note);
    const draft = importText(text);
    expect(draft.document.projectBudget?.projects[6]).toMatchObject({ project: 'p3-translational-clinical', name: '橋渡し・臨床研究加速化プロジェクト', total: 85, fundBased: 'part' });
    expect(draft.document.projectBudget?.projects[6]?.initiatives?.text).toMatch(/^橋渡し研究支援機関を核とした/);
    expect(draft.document.document.notes?.at(-1)).toEqual({ kind: 'other', text: note });
    expect(draft.unplaced).toEqual([]);
  });

  it('an unchanged figure printed without a sign, and remaining expenses without ※', () => {
    let text = editLine(fy2026(), 'インハウス研究機関経費\t', (l) => l.replace('841億円 (こ0,文251,厚504,経86)', '813億円 (こ0,文251,厚500,経62)').replace('+28億円\t+3.5%', '0億円\t0.0%'));
    text = replaceOnce(text, '※ 上記に加え、AMED運営費交付金等', '上記に加え、AMED運営費交付金等');
    const draft = importText(text);
    expect(draft.document.changes[1]).toMatchObject({ scope: 'inhouse', amount: 0, percent: 0 });
    expect(draft.document.projectBudget?.remaining).toMatchObject({ amed: 69, inhouse: 777 });
    expect(draft.unplaced).toEqual([]);
  });

  it('a new note on the first page becomes a note of the document', () => {
    const text = insertAfter(fy2026(), '四捨五入', '- 令和8年度予算には、デジタル庁計上分は含まない。');
    expect(importText(text).document.document.notes).toEqual([
      { kind: 'rounding', text: '上記における計数は、それぞれ四捨五入しているため、端数において合計とは合致しないものがある。' },
      { kind: 'other', text: '令和8年度予算には、デジタル庁計上分は含まない。' },
      { kind: 'subject-to-revision', text: '※ 精査により計数等に異動が生じる場合がある。' },
    ]);
  });

  it('a new strategy period with another number of projects: proposed ids, and the reference entries to add', () => {
    let text = fy2027Text();
    text = replaceOnce(text, '第3期健康・医療戦略(令和7年度～11年度)等に基づき、8つの統合プロジェクト', '第4期健康・医療戦略(令和9年度～13年度)等に基づき、2つの統合プロジェクト');
    const start = text.indexOf('1. 医薬品プロジェクト 360億円');
    const end = text.indexOf('※ 上記に加え');
    text = `${text.slice(0, start)}1. 創薬・医療技術プロジェクト 700億円 <AMED 652億円、インハウス 48億円>\n\n- 創薬と医療技術の研究開発 等\n\n2. 基盤プロジェクト 481億円 <AMED 458億円、インハウス 23億円>\n\n- 研究基盤の整備 等(一部基金事業を含む)\n\n${text.slice(end)}`;
    const draft = importText(text);
    const budget = draft.document.projectBudget;
    expect(budget?.period).toBe(4);
    expect(budget?.projects).toEqual([
      expect.objectContaining({ project: 'p4-project-1', name: '創薬・医療技術プロジェクト', total: 700, split: { amed: 652, inhouse: 48 }, fundBased: 'none' }),
      expect.objectContaining({ project: 'p4-project-2', name: '基盤プロジェクト', total: 481, fundBased: 'part' }),
    ]);
    expect(draft.period).toEqual({ period: 4, from: 2027, to: 2031, projectCount: 2, known: false });
    const proposals = referenceProposals(draft, reference());
    expect(proposals.map((p) => p.why)).toEqual([expect.stringContaining('第4期健康・医療戦略'), expect.stringContaining('2 project(s)')]);
    expect(proposals[0]?.yaml).toContain('from: 2027');
    expect(proposals[0]?.yaml).toContain('nameEn: 4th Healthcare Policy');
    expect(proposals[1]?.yaml).toContain('id: p4-project-1');
  });

  it('a project the period did not have: a proposed id, and the reference entries to add', () => {
    const text = insertAfter(fy2027Text(), '※ 上記に加え', '', '9. 医療DXプロジェクト 20億円 <AMED>', '', '- 医療情報の利活用 等');
    const draft = importText(text);
    expect(draft.document.projectBudget?.projects[8]).toMatchObject({ project: 'p3-project-9', number: 9, name: '医療DXプロジェクト', total: 20, split: 'amed-only' });
    const proposals = referenceProposals(draft, reference());
    expect(proposals.map((p) => p.why)).toEqual([expect.stringContaining('projectCount 8 in reference.yaml, but this edition lists 9'), expect.stringContaining('1 project(s) not in reference.yaml')]);
    expect(proposals[1]?.yaml).toContain('name: 医療DXプロジェクト');
  });

  it('a fund-based project with an amount, and a program with an unknown ministry mark', () => {
    let text = replaceOnce(fy2026(), '8. イノベーション・エコシステムプロジェクト【基金事業】<AMED >', '8. イノベーション・エコシステムプロジェクト 50億円【基金事業】<AMED >');
    text = replaceOnce(text, '◆ 創薬基盤推進研究事業(厚)', '◆ 創薬基盤推進研究事業(厚・経)');
    const draft = importText(text);
    expect(draft.document.projectBudget?.projects[7]).toMatchObject({ total: 50, fundBased: 'whole' });
    expect(draft.document.programDetails[0]?.programs[5]).toMatchObject({ name: '創薬基盤推進研究事業', ministry: 'unknown' });
    expect(draft.unplaced).toEqual([expect.objectContaining({ line: lineOf(text, '◆ 創薬基盤推進研究事業'), text: '厚・経' })]);
  });

  it('the table read with spaces instead of tabs (another PDF extraction)', () => {
    const text = fy2024().split('\n').map((l, i) => (i >= 6 && i <= 9 ? l.replace(/\t/g, '   ') : l)).join('\n');
    const draft = importText(text);
    expect(draft.document.budgets[1]?.scopes.inhouse).toEqual({ total: 796, ministries: { 文: 254, 厚: 468, 経: 73 } });
    expect(draft.document.changes[0]).toMatchObject({ amount: -3, percent: -0.3 });
  });

  it('a text that is not an edition is refused as data, not guessed at', () => {
    expect(() => importText('AMEDとは\n予算は1,261億円')).toThrow(BriefingError);
    try {
      importText('AMEDとは');
    } catch (error) {
      expect((error as BriefingError).code).toBe('data');
      expect((error as BriefingError).message).toContain('令和8年度 医療分野の研究開発関連予算のポイント');
    }
  });
});

describe('the import summary against the previous edition', () => {
  it('compares with a partial previous edition only what both state', () => {
    const draft = importText(fy2024(), known('fy2021-points'));
    const lines = changesAgainstPrevious(draft, { file: 'fy2021-points.yaml', value: committed('fy2021-points') }, reference());
    expect(lines).toContain('  AMED対象経費: 令和3年度 1,261億円 → 令和6年度 1,245億円 (▲16億円 between the two editions\' own years)');
    expect(lines).toContain('  インハウス研究機関経費: 令和3年度 記載なし → 令和6年度 805億円');
    expect(lines.some((l) => l.includes('ministries'))).toBe(false);
    expect(lines).toContain('  project 1 医薬品プロジェクト: 383億円 → 366億円 (▲17億円), split <AMED 336, インハウス 47> → <AMED 325, インハウス 41>');
    expect(lines).toContain('  project 4 ゲノム・データ基盤プロジェクト: not stated in fy2021-points (a partial edition)');
  });
});
