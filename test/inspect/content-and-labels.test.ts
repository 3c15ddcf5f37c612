import { describe, expect, it } from 'vitest';
import { checkOutsideContentBox } from '../../src/inspect/checks/outside-content-box.ts';
import { checkOverlappingLabels, labelsOverlap } from '../../src/inspect/checks/overlapping-labels.ts';
import { placeRun } from '../../src/inspect/read-printed-pdf.ts';
import { element, line, printed, SETTINGS } from './fixtures.ts';

describe('content outside the content box', () => {
  it('is flagged in the margin, naming the table rather than its cell', () => {
    const wide = element('Table', [], [element('TR', [], [element('TD', [line(1, '非常に長いセルの文字列', 400, 100, 160)])])]);
    const [finding] = checkOutsideContentBox(printed([wide]), SETTINGS);
    expect(finding).toMatchObject({ check: 'outside-content-box', page: 1, element: 'table' });
    expect(finding?.message).toContain('overflows into the right margin');
  });

  it('is flagged as cut off past the edge of the page', () => {
    const [finding] = checkOutsideContentBox(printed([element('P', [line(1, 'はみ出す段落', 300, 100, 400)])]), SETTINGS);
    expect(finding?.message).toContain('runs past the right edge of the page and is cut off');
  });

  it('is reported once per element and page, however many of its runs stray', () => {
    const p = element('P', [line(1, 'ひとつめ', 20, 100), line(1, 'ふたつめ', 20, 120)]);
    expect(checkOutsideContentBox(printed([p]), SETTINGS)).toHaveLength(1);
  });

  it('allows a line ending in a full-width closing bracket or stop the half em Chrome trims from it, and no more', () => {
    // Content box right edge: 595 - 57 = 538. A 10 pt line whose last glyph is 「）」 drawn to 543.
    expect(checkOutsideContentBox(printed([element('P', [line(1, '予後QOL）', 343, 100, 200)])]), SETTINGS)).toEqual([]);
    expect(checkOutsideContentBox(printed([element('P', [line(1, '予後QOL）', 349, 100, 200)])]), SETTINGS)).toHaveLength(1);
    expect(checkOutsideContentBox(printed([element('P', [line(1, '予後QOL', 343, 100, 200)])]), SETTINGS)).toHaveLength(1);
  });

  it('is quiet for text inside the box, and for text that touches its edge within half a point', () => {
    expect(checkOutsideContentBox(printed([element('P', [line(1, '本文', 57, 57, 481), line(1, '端', 56.6, 775, 10)])]), SETTINGS)).toEqual([]);
  });
});

describe('overlapping chart labels', () => {
  const figure = (...labels: ReturnType<typeof line>[]) => element('Figure', [], [element('Figure', labels)]);

  it('are flagged when two value labels are drawn over each other, once per chart', () => {
    const findings = checkOverlappingLabels(printed([figure(line(2, '483億円', 300, 400, 30, 9), line(2, '468億円', 310, 403, 30, 9), line(2, '令和8年度', 100, 500, 40, 9))]), SETTINGS);
    expect(findings).toEqual([expect.objectContaining({ check: 'overlapping-labels', page: 2, message: expect.stringContaining('「483億円」/「468億円」') })]);
  });

  it('are quiet when labels only touch, or sit on separate lines', () => {
    const axis = [line(1, '0', 100, 500, 10, 9), line(1, '100', 110, 500, 15, 9), line(1, '200', 100, 512, 15, 9)];
    expect(checkOverlappingLabels(printed([figure(...axis)]), SETTINGS)).toEqual([]);
  });

  it('compares labels turned alike in their own frame, so neighbouring slanted labels do not collide by their upright boxes', () => {
    // Two labels turned 45°, side by side along the axis: their upright boxes overlap, the labels do not.
    const a = placeRun(1, 842, '令和5年度', 40, [6.4, 6.4, -6.4, 6.4, 100, 100]);
    const b = placeRun(1, 842, '令和6年度', 40, [6.4, 6.4, -6.4, 6.4, 115, 100]);
    expect(a.box.right).toBeGreaterThan(b.box.left);
    expect(labelsOverlap(a, b)).toBe(false);
    const c = placeRun(1, 842, '令和6年度', 40, [6.4, 6.4, -6.4, 6.4, 103, 103]);
    expect(labelsOverlap(a, c)).toBe(true);
  });
});
