/**
 * When a later edition restates a figure, the build names the briefings that use the restated
 * figure and says why; briefings of the earlier edition keep the figure as published.
 */
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBriefings } from '../../src/build/build-briefings.ts';
import { BrowserSession } from '../../src/print/browser-session.ts';
import type { BriefingSpec } from '../../src/schema/briefing.ts';
import { copyData, ROOT, tempDir } from './helpers.ts';

const session = new BrowserSession();
afterAll(() => session.close());

const comparison = (fiscalYear: number): BriefingSpec => ({ name: `fy${fiscalYear}-vs-fy${fiscalYear - 1}`, kind: 'year-comparison', fiscalYear, baseFiscalYear: fiscalYear - 1 });

describe('a figure restated by a later edition', () => {
  it('is reported for the briefings that use it, and only for them', async () => {
    const data = copyData();
    for (const ext of ['yaml', 'txt'])
      copyFileSync(path.join(ROOT, 'test', 'fixtures', 'data', `fy2027-edition.${ext}`), path.join(data, 'documents', `fy2027-points.${ext}`));
    const reported: [string, string[]][] = [];
    const results = await buildBriefings({
      dataDir: data,
      templatesDir: path.join(ROOT, 'templates'),
      outDir: tempDir('restated'),
      briefings: [comparison(2027), comparison(2026)],
      departmentEditions: false,
      names: ['fy2027-vs-fy2026', 'fy2026-vs-fy2025'],
      session,
      onRestated: (spec, restatements) => reported.push([spec.name, restatements]),
    });
    expect(results.map((r) => r.status)).toEqual(['built', 'built']);
    expect(reported).toEqual([
      [
        'fy2027-vs-fy2026',
        ['budget FY2026 initial is stated differently by fy2026-points and fy2027-points: scopes.inhouse.total: 841 vs 842; scopes.inhouse.ministries.文: 251 vs 252'],
      ],
    ]);
    // Prints two PDFs: generous on a loaded machine.
  }, 180_000);
});
