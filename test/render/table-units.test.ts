/**
 * Where a table says its unit: English editions name ¥100M once in each amount column's header and
 * print plain numbers in the cells; Japanese editions print 億円 in every cell, as the source does,
 * and add nothing to the headers. HTML only: no browser.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/validate/validate-dataset.ts';
import type { Dataset } from '../../src/load/merge-documents.ts';
import type { BriefingSpec } from '../../src/schema/briefing.ts';
import { copyTemplates, edit, renderHtml } from '../support/departments-helpers.ts';

let dataset: Dataset;
beforeAll(async () => {
  ({ dataset } = await loadDataset('data'));
});

interface FigureTable {
  headers: string[];
  cells: string[];
}

const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

/** The tables of figures in a page: their column headers and their data cells, as text. */
function figureTables(html: string): FigureTable[] {
  return [...html.matchAll(/<table class="figures[^"]*">([\s\S]*?)<\/table>/g)].map(([, table = '']) => ({
    headers: [...table.matchAll(/<th scope="col(?:group)?"[^>]*>([\s\S]*?)<\/th>/g)].map(([, h = '']) => textOf(h)),
    cells: [...table.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map(([, c = '']) => textOf(c)),
  }));
}

const KINDS: BriefingSpec[] = [
  { name: 'y', kind: 'year-comparison', fiscalYear: 2026, baseFiscalYear: 2025 },
  { name: 'm', kind: 'ministry-edition', ministry: '文', fiscalYear: 2026, baseFiscalYear: 2025 },
  { name: 't', kind: 'trend', fromFiscalYear: 2023, toFiscalYear: 2026 },
  { name: 'p', kind: 'program-detail', project: 'p3-pharmaceuticals', fiscalYear: 2025 },
];

describe('an English table names its unit in the header, not in the cells', () => {
  it.each(KINDS.map((spec) => [spec.kind, spec] as const))('%s', async (_, spec) => {
    const tables = figureTables(await renderHtml(dataset, { ...spec, department: 'english' }, undefined, 'english'));
    expect(tables.length).toBeGreaterThan(0);
    for (const table of tables) {
      expect(table.headers.filter((h) => h.endsWith('(¥100M)')), `headers: ${table.headers.join(' | ')}`).not.toEqual([]);
      expect(table.cells.filter((c) => c.includes('¥100M'))).toEqual([]);
    }
  });

  it('prints the amounts as plain numbers, and a change with its sign', async () => {
    const [ministries] = figureTables(await renderHtml(dataset, { ...KINDS[0]!, department: 'english' }, undefined, 'english'));
    expect(ministries?.headers).toEqual(['Ministry', 'FY2026 (¥100M)', 'FY2025 (¥100M)', 'Change (¥100M)', 'Change %', 'Share']);
    expect(ministries?.cells).toContain('1,238');
    expect(ministries?.cells).toContain('+6');
  });
});

describe('a Japanese table keeps 億円 in each cell, as the source prints it', () => {
  it.each(KINDS.map((spec) => [spec.kind, spec] as const))('%s', async (_, spec) => {
    const tables = figureTables(await renderHtml(dataset, spec));
    expect(tables.flatMap((t) => t.headers).filter((h) => h.includes('¥100M') || h.includes('億円'))).toEqual([]);
    expect(tables.flatMap((t) => t.cells).filter((c) => c.endsWith('億円'))).not.toEqual([]);
  });
});

describe('the helpers for a template of its own', () => {
  it('format a cell and an amount column\'s header as the views do', async () => {
    const dir = copyTemplates();
    edit(dir, 'partials/yoy-supplementary.hbs', (source) => `<p class="own">{{fmtColumn t.table.amount}}: {{fmtCell 1238}}</p>\n${source}`);
    const english = await renderHtml(dataset, { ...KINDS[0]!, department: 'english' }, dir, 'english');
    const japanese = await renderHtml(dataset, KINDS[0]!, dir);
    expect(english).toContain('<p class="own">Amount (¥100M): 1,238</p>');
    expect(japanese).toContain('<p class="own">金額: 1,238億円</p>');
  });
});
