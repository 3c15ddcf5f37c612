import { describe, expect, it } from 'vitest';
import { locateLine, needlePattern, labelWords } from '../../src/outputs/locate-line.ts';
import { resolveSource } from '../../src/outputs/resolve-sources.ts';
import type { DocumentIndex } from '../../src/outputs/document-index.ts';
import { loadDataset } from '../../src/validate/validate-dataset.ts';
import { loadDocumentIndex } from '../../src/outputs/document-index.ts';
import { DATA } from '../support/build-helpers.ts';

const TEXT = [
  'Headline',
  '日本医療研究開発機構 (AMED) 対象経費\t1,238億円 (こ7,文583)\t+6億円\t+0.5%',
  'インハウス研究機関経費\t841億円 (こ0,文251)\t+28億円\t+3.5%',
  '- 次世代がん医療加速化研究事業:',
  '説明',
  '予算額(案) 35億円',
  '- 創薬支援推進事業:',
  '説明',
  '予算額(案) 35億円',
  '1,238億円 とも書かれている別の行',
];

const ref = { document: 'doc' } as const;

describe('locating a figure in the source text', () => {
  it('finds the line that states the figure beside its label', () => {
    const amed = labelWords('日本医療研究開発機構（AMED）対象経費');
    expect(locateLine(TEXT, { pattern: needlePattern({ ...ref, kind: 'budget', fiscalYear: 2026, type: 'initial', scope: 'amed' }, 1238), labels: amed })).toBe(2);
    expect(locateLine(TEXT, { pattern: needlePattern({ ...ref, kind: 'budget', fiscalYear: 2026, type: 'initial', scope: 'amed', ministry: '文' }, 583), labels: amed })).toBe(2);
    expect(locateLine(TEXT, { pattern: needlePattern({ ...ref, kind: 'change', fiscalYear: 2026, baseFiscalYear: 2025, scope: 'inhouse', field: 'percent' }, 3.5), labels: ['インハウス研究機関経費'] })).toBe(3);
  });

  it('tells apart the same amount printed under two labels by the label above it', () => {
    const pattern = needlePattern({ ...ref, kind: 'program', fiscalYear: 2025, project: 'p', name: 'x', field: 'amount' }, 35);
    expect(locateLine(TEXT, { pattern, labels: ['次世代がん医療加速化研究事業'] })).toBe(6);
    expect(locateLine(TEXT, { pattern, labels: ['創薬支援推進事業'] })).toBe(9);
  });

  it('reports no line rather than guess: a figure not printed, a label not near, or two lines equally likely', () => {
    const amount = (v: number) => needlePattern({ ...ref, kind: 'budget', fiscalYear: 2026, type: 'initial', scope: 'amed' }, v);
    expect(locateLine(TEXT, { pattern: amount(999), labels: ['AMED'] })).toBeNull();
    expect(locateLine(TEXT, { pattern: amount(1238), labels: ['どこにもない見出し'] })).toBeNull();
    expect(locateLine(['AMED 35億円', 'AMED 35億円'], { pattern: amount(35), labels: ['AMED'] })).toBeNull();
  });

  it('never takes a longer number for the figure', () => {
    expect(locateLine(['AMED 1,350億円', 'AMED 350億円'], { pattern: needlePattern({ ...ref, kind: 'budget', fiscalYear: 2026, type: 'initial', scope: 'amed' }, 350), labels: ['AMED'] })).toBe(2);
  });
});

describe('the source of a figure', () => {
  it('is the line the document names in sourceLines when it has one, otherwise the line found in its text', async () => {
    const { dataset } = await loadDataset(DATA);
    const index = await loadDocumentIndex(DATA);
    const doc = index.get('fy2026-points');
    if (!doc) throw new Error('fy2026-points is missing');
    const budget = { kind: 'budget', document: 'fy2026-points', fiscalYear: 2026, type: 'initial', scope: 'amed', ministry: '文' } as const;
    const found = resolveSource(dataset, index, budget);
    expect(found).toMatchObject({ document: 'fy2026-points', textFile: 'documents/fy2026-points.txt', path: 'budgets[0].scopes.amed.ministries.文' });
    expect(doc.lines[(found.line ?? 0) - 1]).toContain('文583');
    const stated: DocumentIndex = new Map([[doc.id, { ...doc, value: { ...doc.value, sourceLines: { 'budgets[0].scopes.amed.ministries.文': 41 } } }]]);
    expect(resolveSource(dataset, stated, budget).line).toBe(41);
  });
});
