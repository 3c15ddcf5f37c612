import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset, validateDataset } from '../../src/validate/validate-dataset.ts';
import { makeColophon } from '../../src/outputs/colophon.ts';
import { loadDocumentIndex } from '../../src/outputs/document-index.ts';
import { createRenderer } from '../../src/render/handlebars-env.ts';
import { renderBriefing, type RenderedBriefing } from '../../src/render/render-briefing.ts';
import { loadTemplateSet } from '../../src/render/template-set.ts';
import type { BriefingSpec } from '../../src/schema/briefing.ts';
import { copyData, copyTemplates, DATA, edit, TEMPLATES } from '../support/build-helpers.ts';

const FY2026: BriefingSpec = { name: 'fy2026-vs-fy2025', kind: 'year-comparison', fiscalYear: 2026, baseFiscalYear: 2025 };
const MHLW: BriefingSpec = { name: 'mhlw-fy2026-vs-fy2025', kind: 'ministry-edition', ministry: '厚', department: 'mhlw', fiscalYear: 2026, baseFiscalYear: 2025 };

async function render(spec: BriefingSpec, opts: { data?: string; templates?: string; date?: Date } = {}): Promise<RenderedBriefing> {
  const data = opts.data ?? DATA;
  const { dataset } = await loadDataset(data);
  const templates = await loadTemplateSet(opts.templates ?? TEMPLATES, 'department' in spec ? spec.department : undefined);
  const extras = { documents: await loadDocumentIndex(data), colophon: await makeColophon(data, opts.date), attached: true };
  return renderBriefing(dataset, spec, templates, createRenderer(templates), extras);
}

const titleBlock = (html: string) => /<header class="title-block">[\s\S]*?<\/header>/.exec(html)?.[0] ?? '';

describe('where a briefing comes from', () => {
  it("prints a document's address and publication date in the title block when the data gives them", async () => {
    const data = copyData();
    edit(data, 'documents/fy2026-points.yaml', (s) =>
      s.replace('  published: unknown\n', '  published: 2025-12-26\n  url: https://www.kantei.go.jp/jp/singi/kenkouiryou/suisin/budget.html\n'),
    );
    const { html, data: json } = await render(FY2026, { data });
    expect(titleBlock(html)).toContain('https://www.kantei.go.jp/jp/singi/kenkouiryou/suisin/budget.html');
    expect(titleBlock(html)).toContain('2025-12-26');
    expect(json?.documents.find((d) => d.id === 'fy2026-points')).toMatchObject({ url: 'https://www.kantei.go.jp/jp/singi/kenkouiryou/suisin/budget.html', published: '2025-12-26' });
    // Without them the title block says the date is not stated and shows no address.
    expect(titleBlock((await render(FY2026)).html)).not.toContain('http');
  });

  it('refuses an address that is not http(s), naming the file and line', async () => {
    const data = copyData();
    edit(data, 'documents/fy2026-points.yaml', (s) => s.replace('  published: unknown\n', '  published: unknown\n  url: file:///etc/passwd\n'));
    const problem = (await validateDataset(data)).problems.find((p) => p.path === 'document.url');
    expect(problem).toMatchObject({ severity: 'error', file: path.join(data, 'documents', 'fy2026-points.yaml'), line: 12 });
    expect(problem?.message).toContain('http');
  });

  it('gives the data version, the tool version, and the build date only when SOURCE_DATE_EPOCH sets one', async () => {
    const undated = await render(FY2026);
    expect(undated.data?.colophon.buildDate).toBeNull();
    expect(undated.html).toContain('作成日は記録していません');
    expect(undated.html).toContain(`データ版：${undated.data?.colophon.dataVersion}`);
    const dated = await render(FY2026, { date: new Date(Date.UTC(2026, 2, 31)) });
    expect(dated.html).toContain('作成日：2026-03-31');
    // The data version follows the data files.
    const data = copyData();
    edit(data, 'documents/fy2026-points.txt', (s) => `${s}\n`);
    expect((await render(FY2026, { data })).data?.colophon.dataVersion).not.toBe(undated.data?.colophon.dataVersion);
  });

  it('lists in the appendix every table, the charts drawn from it and the lines of its figures', async () => {
    const { html, data } = await render(FY2026);
    const appendix = /<section class="appendix">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    for (const table of data?.tables ?? []) expect(appendix).toContain(table.title);
    expect(appendix).toContain('省庁別の当初予算（令和7年度・令和8年度）');
    expect(appendix).toMatch(/fy2026-points\.txt [\d, –]+行目/);
  });

  it('explains the terms in the glossary, in the edition’s language and with a department’s own wording', async () => {
    const templates = copyTemplates();
    edit(templates, 'departments/mhlw/strings/ja.yaml', (s) => `${s}\nglossaryText:\n  adjustment: 厚生労働省版の説明。\n`);
    const { html } = await render(MHLW, { templates });
    const glossary = /<section class="glossary">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    expect(glossary).toContain('インハウス研究機関経費');
    expect(glossary).toContain('厚生労働省版の説明。');
    expect(glossary).toContain('基金事業');
  });

  it('leaves out of the data the figures of a section the department does not show', async () => {
    const all = await render(MHLW);
    expect(all.data?.tables.map((t) => t.section)).toContain('programs');
    const templates = copyTemplates();
    edit(templates, 'departments/mhlw/department.yaml', (s) => s.replace(/^sections: .*$/m, 'sections: [headline, scopes, notes]'));
    const fewer = await render(MHLW, { templates });
    expect(new Set(fewer.data?.tables.map((t) => t.section))).toEqual(new Set(['headline', 'scopes']));
    expect(fewer.data?.figures.every((f) => fewer.data?.tables.some((t) => t.id === f.table))).toBe(true);
  });
});
