/**
 * Trends of any length: years in numeric order on every axis, unstated budgets labelled without
 * overlapping, every year's project figures within a strategy period, renames shown as 旧称.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/validate/validate-dataset.ts';
import type { Dataset } from '../../src/load/merge-documents.ts';
import { buildTrend } from '../../src/compare/trend.ts';
import { namesAsOf } from '../../src/compare/names.ts';
import { reiwaLabel } from '../../src/format/fiscal-year.ts';
import type { BriefingSpec } from '../../src/schema/briefing.ts';
import { renderHtml } from '../support/departments-helpers.ts';

let dataset: Dataset;
beforeAll(async () => {
  ({ dataset } = await loadDataset('data'));
});

const trendSpec = (from: number, to: number): BriefingSpec => ({ name: `trend-fy${from}-fy${to}`, kind: 'trend', fromFiscalYear: from, toFiscalYear: to });

/** The x-axis labels of each chart that has years on it, in the order they are drawn (left to right). */
function yearAxes(html: string): string[][] {
  return [...html.matchAll(/role-axis-label"[^>]*>(.*?)<\/g>/g)]
    .map((m) => [...(m[1] ?? '').matchAll(/translate\(([-\d.]+),[^)]*\)[^>]*>([^<]*)<\/text>/g)].map((t) => ({ x: Number(t[1]), text: t[2] ?? '' })))
    .filter((labels) => labels.length > 0 && labels.every((l) => l.text.startsWith('令和')))
    .map((labels) => [...labels].sort((a, b) => a.x - b.x).map((l) => l.text));
}

const shortYear = (fy: number) => reiwaLabel(fy).replace('年度', '');

describe('a trend’s years', () => {
  it.each([
    [2025, 2026],
    [2023, 2026],
    [2021, 2026],
    [2019, 2028],
  ])('run in numeric order on every chart axis, FY%i–FY%i', async (from, to) => {
    const html = await renderHtml(dataset, trendSpec(from, to));
    const expected = Array.from({ length: to - from + 1 }, (_, i) => shortYear(from + i));
    const axes = yearAxes(html);
    // The totals chart and each panel of the ministry chart.
    expect(axes.length).toBeGreaterThanOrEqual(2);
    for (const axis of axes.slice(0, 2)) expect(axis).toEqual(expected);
  });

  it('keep 令和10年度 after 令和9年度 in the tables as well', async () => {
    const html = await renderHtml(dataset, trendSpec(2019, 2028));
    const header = /<th scope="col">省庁<\/th>(.*?)<\/tr>/.exec(html)?.[1] ?? '';
    expect([...header.matchAll(/<th scope="col">([^<]*)<\/th>/g)].map((m) => m[1])).toEqual(
      Array.from({ length: 10 }, (_, i) => reiwaLabel(2019 + i)),
    );
  });

  it('label each unstated budget upright in its own column, so that neighbouring labels never overlap', async () => {
    const html = await renderHtml(dataset, trendSpec(2021, 2026));
    const totalsChart = html.split('<svg')[1] ?? '';
    const unstated = [...totalsChart.matchAll(/<text[^>]*transform="([^"]*)"[^>]*>([^<]*記載なし[^<]*)<\/text>/g)];
    // 令和3年度 (in-house part), 令和4年度 (both), and the supplementary budgets of 令和3・6・8年度.
    expect(unstated.map((m) => m[2])).toHaveLength(6);
    for (const [, transform] of unstated) expect(transform).toContain('rotate(270)');
  });
});

describe('the projects of a strategy period', () => {
  it('have a figure for every year of the period within the span, with the change from the last stated year', () => {
    const trend = buildTrend(dataset, 2021, 2026);
    const second = trend.periods.find((p) => p.period.period === 2);
    expect(second?.years).toEqual([2021, 2022, 2023, 2024]);
    const pharma = second?.projects.find((p) => p.project === 'p2-pharmaceuticals');
    expect(pharma?.years.map((y) => [y.fiscalYear, y.total, y.amed, y.inhouse])).toEqual([
      [2021, 383, 336, 47],
      [2022, null, null, null],
      [2023, null, null, null],
      [2024, 366, 325, 41],
    ]);
    expect(pharma?.years[3]).toMatchObject({ change: { amount: -17 }, changeFrom: 2021 });
    const genome = second?.projects.find((p) => p.project === 'p2-genome-data');
    expect(genome?.years.map((y) => y.stated)).toEqual([false, false, false, true]);
    expect(genome?.years[3]?.change).toBeNull();
    expect(trend.periods.map((p) => p.period.period)).toEqual([2, 3]);
  });

  it('are shown as a table per period, 記載なし where the year is not stated', async () => {
    const html = await renderHtml(dataset, trendSpec(2021, 2026));
    const table = html.split('第2期健康・医療戦略のプロジェクト別予算')[1] ?? '';
    expect(table).toContain('383億円');
    expect(table).toContain('AMED 336億円・インハウス 47億円');
    expect(table).toContain('▲17億円（▲4.4%）（令和3年度比）');
    expect(html).toContain('令和3年度のゲノム・データ基盤プロジェクト・疾患基礎研究プロジェクト・シーズ開発・研究基盤プロジェクトの金額');
  });
});

describe('names by fiscal year', () => {
  const entity = {
    name: 'A',
    nameEn: 'A-en',
    shortName: 'a',
    shortNameEn: 'a-en',
    renamed: [
      { fromFiscalYear: 2027, name: 'B', nameEn: 'B-en' },
      { fromFiscalYear: 2029, name: 'C', nameEn: 'C-en', shortName: 'c' },
    ],
  };

  it('keep the original name until the first rename, then each rename from its year on', () => {
    expect(namesAsOf(entity, 2026)).toEqual({ name: 'A', nameEn: 'A-en', shortName: 'a', shortNameEn: 'a-en' });
    expect(namesAsOf(entity, 2027)).toEqual({ name: 'B', nameEn: 'B-en', shortName: 'a', shortNameEn: 'a-en' });
    expect(namesAsOf(entity, 2030)).toEqual({ name: 'C', nameEn: 'C-en', shortName: 'c', shortNameEn: 'a-en' });
  });

  it('show a renamed ministry under its latest name with 旧称 in a trend across the rename', async () => {
    const renamed = structuredClone(dataset);
    const mhlw = renamed.reference.ministries.find((m) => m.code === '厚');
    if (!mhlw) throw new Error('厚 is in reference.yaml');
    mhlw.renamed = [{ fromFiscalYear: 2026, name: '保健福祉省', nameEn: 'Ministry of Health and Welfare', shortName: '保健省' }];
    const html = await renderHtml(renamed, trendSpec(2023, 2026));
    expect(html).toContain('保健福祉省（旧称 厚生労働省）');
    const lastYear = await renderHtml(renamed, { name: 'x', kind: 'year-comparison', fiscalYear: 2024, baseFiscalYear: 2023 });
    expect(lastYear).toContain('厚生労働省');
    expect(lastYear).not.toContain('保健福祉省');
  });
});
