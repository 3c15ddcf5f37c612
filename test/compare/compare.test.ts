/**
 * The comparison is the contract of the views: every fact a view prints, computed once here, on
 * a small dataset written out in full (fixtures.ts).
 */
import { describe, expect, it } from 'vitest';
import { supplementaryTotal } from '../../src/compare/supplementary-total.ts';
import { compareYears, computeChange } from '../../src/compare/year-comparison.ts';
import { buildTrend } from '../../src/compare/trend.ts';
import { breakDownPrograms } from '../../src/compare/program-detail.ts';
import { focusOnMinistry } from '../../src/compare/ministry-focus.ts';
import { smallDataset, supplementary2025 } from './fixtures.ts';

describe('the total of a supplementary budget', () => {
  it('is the printed total where the document prints one', () => {
    expect(supplementaryTotal({ ...supplementary2025, total: 41 })).toEqual({ value: 41, printed: true });
  });

  it('is the sum of both scopes where it prints none', () => {
    expect(supplementaryTotal(supplementary2025)).toEqual({ value: 40, printed: false });
  });

  it('is unknown where a scope is not stated: one scope would pass for the whole budget', () => {
    expect(supplementaryTotal({ ...supplementary2025, scopes: { ...supplementary2025.scopes, inhouse: 'unknown' } })).toEqual({ value: null, printed: false });
  });
});

describe('a year comparison', () => {
  const cmp = compareYears(smallDataset(), 2026, 2025);
  const amed = cmp.scopes.find((s) => s.scope === 'amed');
  const inhouse = cmp.scopes.find((s) => s.scope === 'inhouse');

  it('uses the printed change where the document prints one, and computes the others', () => {
    expect(amed?.change).toEqual({ amount: 10, percent: 10, printed: true });
    expect(inhouse?.change).toEqual(computeChange(55, 50));
  });

  it('gives each ministry its share of the printed scope total, and no change where it was not listed the year before', () => {
    const mext = inhouse?.ministries.find((m) => m.code === '文');
    expect(mext).toMatchObject({ current: 5, base: null, change: null });
    expect(mext?.share).toBeCloseTo((5 / 55) * 100);
  });

  it('names ministries as in force in the year compared', () => {
    expect(amed?.ministries.find((m) => m.code === '厚')?.names.name).toBe('保健省');
  });

  it('states the base year’s supplementary budget with its computed total and each ministry’s part', () => {
    expect(cmp.supplementary?.total).toEqual({ value: 40, printed: false });
    expect(cmp.supplementary?.scopes.map((s) => [s.scope, s.total, s.ministries.map((m) => [m.names.shortName, m.amount])])).toEqual([
      ['amed', 30, [['文科', 30]]],
      ['inhouse', 10, [['保健', 10]]],
    ]);
  });

  it('says that no edition gives the base year’s amounts by project', () => {
    expect(cmp.projects?.baseStated).toBe(false);
    expect(cmp.projects?.periodFacts?.names.name).toBe('第3期');
  });

  it('cites the documents it draws on', () => {
    expect(cmp.documents.map((d) => d.id)).toEqual(['fy2026-points']);
  });
});

describe('a trend', () => {
  const trend = buildTrend(smallDataset(), 2025, 2026);

  it('keeps the supplementary budget apart, with its total computed where none is printed', () => {
    expect(trend.rows.map((r) => r.supplementary && [r.supplementary.total, r.supplementary.totalPrinted])).toEqual([[40, false], null]);
  });

  it('gives each ministry its names year by year, so a rename shows as a former name', () => {
    const mhlw = trend.ministries.find((m) => m.scope === 'amed' && m.code === '厚');
    expect(mhlw?.names.map((n) => n.name)).toEqual(['厚生労働省', '保健省']);
    expect(mhlw?.latest.shortName).toBe('保健');
  });

  it('lists the years for which no edition gives amounts by project', () => {
    expect(trend.yearsWithoutProjects).toEqual([2025]);
  });

  it('has no projects across periods when one period has no project budget', () => {
    expect(trend.projects).toBeNull();
  });
});

describe('a program breakdown', () => {
  const b = breakDownPrograms(smallDataset(), 'p3-alpha', 2025);

  it('orders the programs by amount, ties in the document’s order', () => {
    expect(b.programs.map((p) => p.name)).toEqual(['事業Y', '事業X', '事業Z']);
  });

  it('gives groups and ministries their share of the programs’ total, the unstated ministry last, named as the detail’s edition names them', () => {
    expect(b.total).toBe(20);
    expect(b.groups.map((g) => [g.id, g.amount, g.share])).toEqual([['basic', 10, 50], ['applied', 10, 50]]);
    expect(b.ministries.map((m) => [m.code, m.names?.name ?? null, m.share])).toEqual([['文', '文部科学省', 25], ['厚', '保健省', 50], ['unknown', null, 25]]);
  });

  it('lists the programs of each flag and those without a ministry', () => {
    expect(b.flagged).toEqual([{ flag: '新規', programs: ['事業X'] }, { flag: '拡充', programs: ['事業Z'] }]);
    expect(b.withoutMinistry.map((p) => p.name)).toEqual(['事業Z']);
  });

  it('takes the project’s amount from the latest project budget as context', () => {
    expect(b.context).toEqual({ fiscalYear: 2026, source: 'fy2026-points', total: 100, split: { amed: 80, inhouse: 20 } });
  });

  it('keeps on the key-points page only the programs that have points', () => {
    expect(b.keyPoints.map((g) => [g.id, g.heading, g.programs.map((p) => p.name)])).toEqual([['basic', null, ['事業X']], ['applied', '応用研究', []]]);
  });
});

describe('a ministry’s focus', () => {
  it('sums the ministry’s scopes only where it is listed in both years', () => {
    const mext = focusOnMinistry(smallDataset(), '文', 2026, 2025);
    expect(mext.total).toEqual({ current: 70, base: 60, change: computeChange(70, 60) });
    expect(mext.supplementary).toEqual([{ fiscalYear: 2025, parts: [{ scope: 'amed', amount: 30 }], source: 'fy2026-points' }]);
  });
});
