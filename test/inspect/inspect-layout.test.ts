import { describe, expect, it } from 'vitest';
import { formatFinding, inspectDocument } from '../../src/inspect/inspect-layout.ts';
import { LayoutFindingSchema } from '../../src/inspect/layout-finding.ts';
import { element, line, printed, SETTINGS } from './fixtures.ts';

describe('all the layout checks of one briefing', () => {
  const threePages = printed([element('P', [line(1, '一頁目', 57, 60)]), element('P', [line(2, '二頁目', 57, 60, 200)]), element('P', [line(3, 'はみ出す', 20, 60)])], {
    bookmarks: [{ title: '概要概要', page: 1, children: [] }],
  });

  it('name the briefing in every finding, budget first, each a valid finding', () => {
    const findings = inspectDocument('fy2026-vs-fy2025', threePages, { ...SETTINGS, maxPages: 2 });
    expect(findings.map((f) => f.check)).toEqual(['page-budget', 'sparse-last-page', 'outside-content-box', 'duplicate-bookmark']);
    for (const f of findings) {
      expect(f.briefing).toBe('fy2026-vs-fy2025');
      expect(LayoutFindingSchema.safeParse(f).success).toBe(true);
    }
  });

  it('are one line each in the build output: briefing, page, element, what, and which check', () => {
    const [budget, , outside] = inspectDocument('mext-fy2026-vs-fy2025', threePages, { ...SETTINGS, maxPages: 2 });
    expect(budget && formatFinding(budget)).toBe(
      'mext-fy2026-vs-fy2025: briefing: 3 pages, over its budget of 2 (maxPages in the config); shorten it or raise the budget [page-budget]',
    );
    expect(outside && formatFinding(outside)).toMatch(/^mext-fy2026-vs-fy2025 p\.3: P 「はみ出す」: 「はみ出す」 overflows into the left margin by 37 pt .* \[outside-content-box\]$/);
  });
});
