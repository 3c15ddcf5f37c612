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
import { copyData, ROOT, tempDir } from '../support/build-helpers.ts';

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
        [
          'budget FY2026 initial is restated: fy2026-points (fy2026-points.yaml) has 841, fy2027-points (fy2027-points.yaml) has 842; using 842 from fy2027-points, because by default the later edition restates the earlier one',
          'budget FY2026 initial is restated: fy2026-points (fy2026-points.yaml) has 251, fy2027-points (fy2027-points.yaml) has 252; using 252 from fy2027-points, because by default the later edition restates the earlier one',
        ],
      ],
    ]);
    // Prints two PDFs: generous on a loaded machine.
  }, 180_000);
});
