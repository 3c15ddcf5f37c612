/**
 * Every kind takes its words from the string tables: a department rewords a sentence of any kind
 * key by key, and any kind can be built in English. HTML only: no browser.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/validate/validate-dataset.ts';
import type { Dataset } from '../../src/load/merge-documents.ts';
import { buildView } from '../../src/render/render-briefing.ts';
import { loadTemplateSet } from '../../src/render/template-set.ts';
import type { BriefingSpec } from '../../src/schema/briefing.ts';
import { copyTemplates, h2s, put, renderHtml } from '../support/departments-helpers.ts';

let dataset: Dataset;
beforeAll(async () => {
  ({ dataset } = await loadDataset('data'));
});

const REWORDED = 'reworded';
const KINDS: { spec: BriefingSpec; key: [group: string, name: string]; sentence: string }[] = [
  { spec: { name: 'y', kind: 'year-comparison', fiscalYear: 2026, baseFiscalYear: 2025, department: REWORDED }, key: ['yoy', 'headlineTotal'], sentence: '合計は{value}です。' },
  { spec: { name: 'm', kind: 'ministry-edition', ministry: '文', fiscalYear: 2026, baseFiscalYear: 2025, department: REWORDED }, key: ['ministry', 'totalSentence'], sentence: '{ministry}は合わせて{value}です。' },
  { spec: { name: 't', kind: 'trend', fromFiscalYear: 2021, toFiscalYear: 2026, department: REWORDED }, key: ['trend', 'spanSentence'], sentence: '{scope}：{first}→{last}。' },
  { spec: { name: 'p', kind: 'program-detail', project: 'p3-pharmaceuticals', fiscalYear: 2025, department: REWORDED }, key: ['program', 'context'], sentence: '参考までに、{year}は{total}です。' },
];

describe('a department string overrides a sentence of every kind', () => {
  let dir: string;
  beforeAll(() => {
    dir = copyTemplates();
    put(dir, `departments/${REWORDED}/department.yaml`, 'name: 言い換え課\nshortName: 言い換え\n');
    const groups = new Map<string, string[]>();
    for (const { key: [group, name], sentence } of KINDS) groups.set(group, [...(groups.get(group) ?? []), `  ${name}: "${sentence}"`]);
    put(dir, `departments/${REWORDED}/strings/ja.yaml`, [...groups].map(([group, lines]) => `${group}:\n${lines.join('\n')}\n`).join(''));
  });

  it.each(KINDS.map((k) => [k.spec.kind, k] as const))('%s', async (_, { spec }) => {
    const html = JSON.stringify(buildView(dataset, spec, await loadTemplateSet(dir, REWORDED)).view);
    const base = JSON.stringify(buildView(dataset, { ...spec, department: undefined }, await loadTemplateSet(dir)).view);
    const expected: Record<BriefingSpec['kind'], string> = {
      'year-comparison': '合計は2,079億円です。',
      'ministry-edition': '文部科学省は合わせて',
      trend: 'AMED対象経費：',
      'program-detail': '参考までに、令和8年度は355億円です。',
    };
    expect(html).toContain(expected[spec.kind]);
    expect(base).not.toContain(expected[spec.kind]);
  });
});

describe('English editions of every kind', () => {
  const trendEn: BriefingSpec = { name: 'trend-en', kind: 'trend', fromFiscalYear: 2023, toFiscalYear: 2026, department: 'english' };
  const programsEn: BriefingSpec = { name: 'programs-en', kind: 'program-detail', project: 'p3-pharmaceuticals', fiscalYear: 2025, department: 'english' };
  const kana = /[\u3040-\u30ff]/;

  it('build a trend in English: headings, sentences and table headers', async () => {
    const html = await renderHtml(dataset, trendEn, 'templates', 'english');
    expect(html).toContain('<html lang="en"');
    expect(h2s(html).slice(0, 4)).toEqual(['Overview', 'Initial and supplementary budgets', 'Initial budget by ministry', 'Integrated projects: FY2024 (2nd Healthcare Policy) and FY2026 (3rd Healthcare Policy)']);
    expect(h2s(html).some((h) => kana.test(h))).toBe(false);
    expect(html).toContain('AMED expenses (initial budget) went from 1,248 (¥100M) in FY2023 to 1,238 (¥100M) in FY2026 (−10, −0.8%).');
    expect(html).not.toContain('▲');
  });

  it('build a program detail in English, with the document’s own program names as printed', async () => {
    const html = await renderHtml(dataset, programsEn, 'templates', 'english');
    expect(h2s(html)).toContain('Amount by program (FY2025 draft budget)');
    expect(h2s(html).some((h) => kana.test(h))).toBe(false);
    expect(html).toContain('For reference: the Pharmaceuticals Project has 355 (¥100M) in FY2026 (AMED 308 (¥100M), in-house 46 (¥100M)).');
    expect(html).toContain('創薬支援推進事業');
  });

  it('write the data files of an English trend in English', async () => {
    const templates = await loadTemplateSet('templates', 'english');
    const { figures } = buildView(dataset, trendEn, templates);
    const texts = [
      ...figures.tables.flatMap((t) => [t.title, ...t.headers, ...t.charts]),
      ...figures.figures.flatMap((f) => [f.label, f.display]),
    ];
    expect(texts.length).toBeGreaterThan(100);
    expect(texts.filter((l) => kana.test(l))).toEqual([]);
  });
});
