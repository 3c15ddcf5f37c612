import { describe, expect, it } from 'vitest';
import { checkHeadingsAtPageEnd } from '../../src/inspect/checks/heading-at-page-end.ts';
import { checkPageBudget } from '../../src/inspect/checks/page-budget.ts';
import { checkSparseLastPage } from '../../src/inspect/checks/sparse-last-page.ts';
import { element, line, printed, SETTINGS } from './fixtures.ts';

const paragraph = (page: number, top: number, lines = 1) => element('P', Array.from({ length: lines }, (_, i) => line(page, `本文${i}`, 57, top + i * 16, 400)));

describe('a heading at the end of a page', () => {
  it('is flagged when it is the last text of a page and its content starts on the next', () => {
    const doc = printed([paragraph(1, 60, 40), element('H2', [line(1, '出典と注記', 57, 760, 60, 14)]), paragraph(2, 60, 5)]);
    expect(checkHeadingsAtPageEnd(doc, SETTINGS)).toEqual([expect.objectContaining({ check: 'heading-at-page-end', page: 1, element: 'H2 「出典と注記」' })]);
  });

  it('is quiet when the heading has its content below it on the same page', () => {
    const doc = printed([paragraph(1, 60, 30), element('H2', [line(1, '出典と注記', 57, 600, 60, 14)]), paragraph(1, 620, 5), paragraph(2, 60)]);
    expect(checkHeadingsAtPageEnd(doc, SETTINGS)).toEqual([]);
  });
});

describe('a sparse last page', () => {
  it('is flagged when the last page is filled less than a fifth and would fit at the foot of the page before', () => {
    // Page 1 ends at 300 pt: 485 pt free. Page 2 holds 3 lines (42 pt).
    const doc = printed([paragraph(1, 60, 15), paragraph(2, 60, 3)]);
    const findings = checkSparseLastPage(doc, SETTINGS);
    expect(findings).toEqual([expect.objectContaining({ check: 'sparse-last-page', page: 2 })]);
    expect(findings[0]?.message).toMatch(/last page is 6 % filled/);
  });

  it('is quiet when the page before has no room for it', () => {
    expect(checkSparseLastPage(printed([paragraph(1, 60, 45), paragraph(2, 60, 3)]), SETTINGS)).toEqual([]);
  });

  it('is quiet when the last page is filled a fifth or more', () => {
    expect(checkSparseLastPage(printed([paragraph(1, 60, 5), paragraph(2, 60, 12)]), SETTINGS)).toEqual([]);
  });

  it('is quiet for a briefing of one page', () => {
    expect(checkSparseLastPage(printed([paragraph(1, 60, 2)]), SETTINGS)).toEqual([]);
  });
});

describe('the page budget', () => {
  const threePages = printed([paragraph(1, 60), paragraph(2, 60), paragraph(3, 60)]);

  it('is exceeded by a briefing with more pages than its maxPages', () => {
    expect(checkPageBudget(threePages, { ...SETTINGS, maxPages: 2 })).toEqual([
      expect.objectContaining({ check: 'page-budget', page: null, message: expect.stringContaining('3 pages, over its budget of 2') }),
    ]);
  });

  it('holds at exactly maxPages, and without a budget', () => {
    expect(checkPageBudget(threePages, { ...SETTINGS, maxPages: 3 })).toEqual([]);
    expect(checkPageBudget(threePages, SETTINGS)).toEqual([]);
  });
});
