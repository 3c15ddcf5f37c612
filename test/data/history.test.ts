/**
 * History as published: adding next year's edition (test/fixtures/data/fy2027-edition.yaml, a
 * synthetic 令和9年度 edition with new figures, a restated FY2026 in-house column, the FY2026
 * supplementary budget, a renamed project and a new note) leaves every existing briefing as it was.
 */
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allBriefings } from '../../src/build/build-briefings.ts';
import { loadDataset } from '../../src/validate/validate-dataset.ts';
import type { Dataset } from '../../src/load/merge-documents.ts';
import { editionFor, selectDocuments } from '../../src/load/select-documents.ts';
import type { BriefingSpec } from '../../src/schema/briefing.ts';
import { renderHtml, TEMPLATES } from '../support/departments-helpers.ts';
import { FIXTURES, copyData, editYaml, errorsOf, removeCopies } from '../support/data-helpers.ts';

afterAll(removeCopies);

const RENAMED = '橋渡し・臨床研究加速化プロジェクト';
const FORMER = '橋渡し・臨床加速化プロジェクト';
const RENAMED_EN = 'Bridging and Clinical Research Acceleration Project';

/** The words of a page as a reader sees them: markup, styles and white space left out. */
function pageText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

async function withNextEdition(rename: boolean): Promise<string> {
  const dir = await copyData();
  await copyFile(path.join(FIXTURES, 'fy2027-edition.yaml'), path.join(dir, 'documents', 'fy2027-points.yaml'));
  await copyFile(path.join(FIXTURES, 'fy2027-edition.txt'), path.join(dir, 'documents', 'fy2027-points.txt'));
  if (rename)
    await editYaml(dir, 'reference.yaml', (doc) => {
      const projects = doc.get('projects') as { items: { get: (k: string) => unknown }[] };
      const index = projects.items.findIndex((p) => p.get('id') === 'p3-translational-clinical');
      doc.setIn(['projects', index, 'renamed'], [
        { fromFiscalYear: 2027, name: RENAMED, nameEn: RENAMED_EN, shortName: '橋渡し・臨床研究加速化' },
      ]);
    });
  return dir;
}

const yearComparison = (fiscalYear: number, department?: string): BriefingSpec => ({
  name: `fy${fiscalYear}-vs-fy${fiscalYear - 1}`,
  kind: 'year-comparison',
  fiscalYear,
  baseFiscalYear: fiscalYear - 1,
  ...(department ? { department } : {}),
});

let before: Dataset;
let after: Dataset;
let specs: BriefingSpec[];

beforeAll(async () => {
  ({ dataset: before } = await loadDataset(await copyData()));
  ({ dataset: after } = await loadDataset(await withNextEdition(true)));
  // Every briefing of today's build: the defaults and one edition per department folder.
  specs = await allBriefings(before, TEMPLATES);
});

describe('adding next year’s edition', () => {
  it('validates with the synthetic edition in place', async () => {
    const { report } = await loadDataset(await withNextEdition(true));
    expect(errorsOf(report)).toEqual([]);
  });

  it('leaves the text of every existing briefing unchanged', async () => {
    expect(specs.length).toBeGreaterThan(8);
    for (const spec of specs) {
      const department = 'department' in spec ? spec.department : undefined;
      const was = pageText(await renderHtml(before, spec, TEMPLATES, department));
      const is = pageText(await renderHtml(after, spec, TEMPLATES, department));
      expect(is, spec.name).toBe(was);
    }
    // Two renders of every briefing: generous on a loaded machine.
  }, 300_000);

  it('keeps citing only the editions a briefing draws on', async () => {
    const html = await renderHtml(after, yearComparison(2026));
    expect(html).toContain('令和8年度 医療分野の研究開発関連予算のポイント');
    expect(html).not.toContain('令和9年度');
    expect(html).not.toContain(RENAMED);
    // As the 令和8年度 edition published it: its supplementary budget is not yet known.
    expect(pageText(html)).toContain('令和8年度補正予算');
    expect(selectDocuments(after, yearComparison(2026)).dataset.documents.map((d) => d.id)).toEqual(['fy2021-points', 'fy2024-points', 'fy2026-points']);
  });

  it('builds the new year’s comparison from the new edition, with the name it printed', async () => {
    const html = pageText(await renderHtml(after, yearComparison(2027)));
    expect(html).toContain('令和9年度 医療分野の研究開発関連予算のポイント');
    expect(html).toContain(`7. ${RENAMED} 87億円`);
    // In the projects table beside last year's name, and in the edition's own note announcing the rename.
    expect(html).toContain(`7 ${RENAMED}（旧称 ${FORMER}） 87億円`);
    expect(html.split(FORMER)).toHaveLength(3);
    expect(html).toContain(`7.${FORMER}は、令和9年度より${RENAMED}に名称を変更した。`);
  });

  it('uses the English name in force that year in the English edition', async () => {
    const html = pageText(await renderHtml(after, yearComparison(2027, 'english'), TEMPLATES, 'english'));
    expect(html).toContain(`${RENAMED_EN} (formerly Translational and Clinical Research Acceleration Project)`);
    const lastYear = pageText(await renderHtml(after, yearComparison(2026, 'english'), TEMPLATES, 'english'));
    expect(lastYear).toContain('Translational and Clinical Research Acceleration Project');
    expect(lastYear).not.toContain(RENAMED_EN);
  });

  it('shows the rename in a trend across it as 旧称', async () => {
    const spec: BriefingSpec = { name: 'trend', kind: 'trend', fromFiscalYear: 2025, toFiscalYear: 2027 };
    const html = pageText(await renderHtml(after, spec));
    expect(html).toContain(`7. ${RENAMED}（旧称 ${FORMER}）`);
  });

  it('reports the restated figure only for the briefings that use it', () => {
    expect(selectDocuments(after, yearComparison(2026)).restated).toEqual([]);
    const restated = selectDocuments(after, yearComparison(2027)).restated.map((p) => p.message);
    // One message per restated figure, each saying which value is used and why.
    expect(restated).toEqual([
      expect.stringMatching(/^budget FY2026 initial is restated: fy2026-points \(fy2026-points\.yaml[:\d]*\) has 841, fy2027-points \(fy2027-points\.yaml[:\d]*\) has 842; using 842 from fy2027-points, because by default the later edition restates the earlier one$/),
      expect.stringMatching(/^budget FY2026 initial is restated: fy2026-points \(fy2026-points\.yaml[:\d]*\) has 251, fy2027-points \(fy2027-points\.yaml[:\d]*\) has 252; using 252 from fy2027-points/),
    ]);
  });

  it('takes each briefing’s edition from the first edition that states its year', () => {
    expect(editionFor(after, yearComparison(2026))).toBe(2026);
    expect(editionFor(after, yearComparison(2025))).toBe(2026);
    expect(editionFor(after, yearComparison(2027))).toBe(2027);
    expect(editionFor(after, { name: 't', kind: 'trend', fromFiscalYear: 2021, toFiscalYear: 2026 })).toBe(2026);
  });
});

describe('a renamed project without the rename in reference.yaml', () => {
  it('is still printed under the name its own edition printed', async () => {
    const { dataset } = await loadDataset(await withNextEdition(false));
    expect(pageText(await renderHtml(dataset, yearComparison(2027)))).toContain(`7. ${RENAMED}`);
    expect(pageText(await renderHtml(dataset, yearComparison(2026)))).toContain(`7. ${FORMER}`);
  });
});
