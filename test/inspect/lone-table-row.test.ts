import { describe, expect, it } from 'vitest';
import { checkLoneTableRows } from '../../src/inspect/checks/lone-table-row.ts';
import { element, line, printed, SETTINGS, table } from './fixtures.ts';

const heading = element('H3', [line(1, 'インハウス研究機関経費', 57, 600)]);
const rows = (names: string[], page: number, top: number) => names.map((name, i) => ({ name, page, top: top + i * 20 }));

describe('a table split over pages', () => {
  it('is flagged when it leaves a single body row at the foot of a page, named by the heading above it', () => {
    const split = table({ page: 1, top: 740 }, [...rows(['こども家庭庁'], 1, 760), ...rows(['文科省', '厚労省', '経産省'], 2, 80)]);
    const findings = checkLoneTableRows(printed([heading, split]), SETTINGS);
    expect(findings).toEqual([expect.objectContaining({ check: 'lone-table-row', page: 1, element: 'table under 「インハウス研究機関経費」' })]);
    expect(findings[0]?.message).toContain('こども家庭庁');
    expect(findings[0]?.message).toContain('foot of the page');
  });

  it('is flagged when one row and the total stand alone at the top of the next page', () => {
    const split = table({ page: 1, top: 600 }, [...rows(['文科省', '厚労省', '総務省'], 1, 620), ...rows(['経産省', '合計'], 2, 60)]);
    const [finding] = checkLoneTableRows(printed([heading, split]), SETTINGS);
    expect(finding).toMatchObject({ page: 2 });
    expect(finding?.message).toMatch(/^one row and the total .*top of the page/);
  });

  it('is flagged when the total row alone goes over', () => {
    const split = table({ page: 1, top: 600 }, [...rows(['文科省', '厚労省', '経産省'], 1, 620), ...rows(['Total (as printed)'], 2, 60)]);
    expect(checkLoneTableRows(printed([split]), SETTINGS).map((f) => [f.page, f.message.startsWith('the total row')])).toEqual([[2, true]]);
  });

  it('is quiet when each side of the break keeps two rows or more (repeated header rows do not count)', () => {
    const split = table({ page: 1, top: 700 }, [...rows(['文科省', '厚労省'], 1, 720), ...rows(['経産省', '総務省'], 2, 80)]);
    expect(checkLoneTableRows(printed([split]), SETTINGS)).toEqual([]);
  });

  it('is quiet for a table on one page, however short', () => {
    expect(checkLoneTableRows(printed([table({ page: 1, top: 100 }, rows(['文科省'], 1, 120))]), SETTINGS)).toEqual([]);
  });
});
