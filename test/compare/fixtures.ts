/**
 * A small dataset, written out in full, for the unit tests of compare/: two ministries (one
 * renamed in FY2026), two years of initial budgets, a supplementary budget without a printed
 * total, two projects (one fund-based without an amount) and one program detail.
 */
import type { Dataset } from '../../src/load/merge-documents.ts';
import type { BudgetColumn, DocumentInfo } from '../../src/schema/source-document.ts';

export const EDITION: DocumentInfo = {
  id: 'fy2026-points',
  title: '令和8年度 医療分野の研究開発関連予算のポイント',
  titleEn: 'Key points FY2026',
  editionFiscalYear: 2026,
  publisher: '健康・医療戦略推進事務局',
  publisherEn: 'Headquarters for Healthcare Policy',
  published: 'unknown',
  textFile: 'fy2026-points.txt',
  coverage: 'full',
};

const initial2025: BudgetColumn = {
  fiscalYear: 2025,
  type: 'initial',
  scopes: { amed: { total: 100, ministries: { 文: 60, 厚: 40 } }, inhouse: { total: 50, ministries: { 厚: 50 } } },
};
const initial2026: BudgetColumn = {
  fiscalYear: 2026,
  type: 'initial',
  scopes: { amed: { total: 110, ministries: { 文: 70, 厚: 40 } }, inhouse: { total: 55, ministries: { 文: 5, 厚: 50 } } },
};
/** No printed total: the briefings show the sum of both scopes. */
export const supplementary2025: BudgetColumn = {
  fiscalYear: 2025,
  type: 'supplementary',
  scopes: { amed: { total: 30, ministries: { 文: 30 } }, inhouse: { total: 10, ministries: { 厚: 10 } } },
};

export function smallDataset(): Dataset {
  const sourced = <T extends object>(value: T) => ({ ...value, source: EDITION.id });
  return {
    reference: {
      ministries: [
        { code: '文', name: '文部科学省', nameEn: 'MEXT', shortName: '文科', shortNameEn: 'MEXT' },
        {
          code: '厚',
          name: '厚生労働省',
          nameEn: 'MHLW',
          shortName: '厚労',
          shortNameEn: 'MHLW',
          renamed: [{ fromFiscalYear: 2026, name: '保健省', nameEn: 'Ministry of Health', shortName: '保健' }],
        },
      ],
      scopes: [
        { id: 'amed', name: 'AMED対象経費', nameEn: 'AMED expenses', shortName: 'AMED', shortNameEn: 'AMED' },
        { id: 'inhouse', name: 'インハウス研究機関経費', nameEn: 'In-house expenses', shortName: 'インハウス', shortNameEn: 'In-house' },
      ],
      periods: [{ period: 3, name: '第3期', nameEn: '3rd period', from: 2025, to: 2029, projectCount: 2, statedIn: EDITION.id }],
      projects: [
        { id: 'p3-alpha', period: 3, number: 1, name: 'アルファ', nameEn: 'Alpha', shortName: 'ア', shortNameEn: 'A', nameEnSource: 'translation' },
        { id: 'p3-beta', period: 3, number: 2, name: 'ベータ', nameEn: 'Beta', shortName: 'ベ', shortNameEn: 'B', nameEnSource: 'translation' },
      ],
    },
    mapping: { fromPeriod: 2, toPeriod: 3, links: [], new: [], ended: [] },
    documents: [EDITION],
    editions: [],
    budgets: [initial2025, initial2026, supplementary2025].map(sourced),
    changes: [sourced({ scope: 'amed', fiscalYear: 2026, baseFiscalYear: 2025, amount: 10, percent: 10 })],
    adjustmentFunds: [],
    projectBudgets: [
      sourced({
        fiscalYear: 2026,
        period: 3,
        projects: [
          { project: 'p3-alpha', number: 1, total: 100, split: { amed: 80, inhouse: 20 }, fundBased: 'none' },
          { project: 'p3-beta', number: 2, total: 'unknown', split: 'unknown', fundBased: 'whole' },
        ],
      }),
    ],
    programDetails: [
      sourced({
        project: 'p3-alpha',
        fiscalYear: 2025,
        label: '令和7年度予算額(案)',
        draft: true,
        amed: 20,
        inhouse: 2,
        description: '説明',
        groups: [
          { id: 'basic', name: '基礎', nameEn: 'Basic' },
          { id: 'applied', name: '応用', nameEn: 'Applied', heading: '応用研究' },
        ],
        programs: [
          { name: '事業X', summary: 'x', amount: 5, ministry: '文', group: 'basic', flags: ['新規'], points: ['要点'] },
          { name: '事業Y', summary: 'y', amount: 10, ministry: '厚', group: 'applied', flags: [], points: [] },
          { name: '事業Z', summary: 'z', amount: 5, ministry: 'unknown', group: 'basic', flags: ['拡充'], points: [] },
        ],
        notes: [],
      }),
    ],
  };
}
