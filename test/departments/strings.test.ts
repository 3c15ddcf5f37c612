import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/validate/validate-dataset.ts';
import type { Dataset } from '../../src/load/merge-documents.ts';
import { mergeStrings, Strings } from '../../src/render/strings.ts';
import { loadTemplateSet } from '../../src/render/template-set.ts';
import { briefingError, copyTemplates, edit, h2s, ministrySpec, put, renderHtml, TEMPLATES } from '../support/departments-helpers.ts';

let dataset: Dataset;
beforeAll(async () => {
  ({ dataset } = await loadDataset('data'));
});

describe('department strings override single keys', () => {
  it('merges key by key: an overridden key changes, its neighbours in the same group stay', () => {
    const merged = mergeStrings({ heading: { overview: '概要', notes: '出典と注記' }, table: { share: '構成比' } }, { heading: { overview: '要点' }, extra: { a: 'b' } });
    expect(merged).toEqual({ heading: { overview: '要点', notes: '出典と注記' }, table: { share: '構成比' }, extra: { a: 'b' } });
  });

  it('gives mhlw the heading 要点 from its strings while its other headings keep the base text', async () => {
    const html = await renderHtml(dataset, ministrySpec('mhlw', '厚'), TEMPLATES, 'mhlw');
    const headings = h2s(html);
    expect(headings).toContain('要点');
    expect(headings).not.toContain('概要');
    // Keys mhlw does not override: base wording.
    expect(headings).toContain('出典と注記');
    expect(headings).toContain('補正予算');
    expect(html).toContain('<h3>端数処理</h3>');
  });

  it('leaves the base wording in an edition without its own strings', async () => {
    const html = await renderHtml(dataset, ministrySpec('mext', '文'), TEMPLATES, 'mext');
    expect(h2s(html)[0]).toBe('概要');
    expect(h2s(html)).not.toContain('要点');
  });

  it('uses a key added by a department strings file in a copy of the templates', async () => {
    const dir = copyTemplates();
    put(dir, 'departments/meti/strings/ja.yaml', 'table:\n  supplementary: 補正予算（経産省分）\n');
    const html = await renderHtml(dataset, ministrySpec('meti', '経'), dir, 'meti');
    expect(h2s(html)).toContain('補正予算（経産省分）');
    expect(h2s(html)).toContain('概要');
  });
});

describe('string errors name the strings files', () => {
  it('reports a missing key with the files it was looked up in', () => {
    const strings = new Strings({ heading: { overview: '概要' } }, ['/t/strings/ja.yaml', '/t/departments/x/strings/ja.yaml']);
    expect(() => strings.get('heading.nope')).toThrow(
      'the string "heading.nope" is missing from /t/strings/ja.yaml and /t/departments/x/strings/ja.yaml; add it (group "heading", key "nope")',
    );
  });

  it('reports a key missing from the base strings when an mhlw edition needs it, naming both strings files', async () => {
    const dir = copyTemplates();
    const base = edit(dir, 'strings/ja.yaml', (s) => s.replace(/^ {2}totalSentence: .*\n/m, ''));
    const own = path.join(dir, 'departments', 'mhlw', 'strings', 'ja.yaml');
    const error = await briefingError(renderHtml(dataset, ministrySpec('mhlw', '厚'), dir, 'mhlw'));
    expect(error.code).toBe('template');
    expect(error.message).toBe(`the string "ministry.totalSentence" is missing from ${base} and ${own}; add it (group "ministry", key "totalSentence")`);
  });

  it('reports a placeholder the sentence does not provide, listing the ones it does', async () => {
    const dir = copyTemplates();
    const own = put(dir, 'departments/mext/strings/ja.yaml', 'ministry:\n  totalSentence: "{ministry}の合計は{value}（{nope}）"\n');
    const error = await briefingError(renderHtml(dataset, ministrySpec('mext', '文'), dir, 'mext'));
    expect(error.message).toContain(`the string "ministry.totalSentence" in ${path.join(dir, 'strings', 'ja.yaml')} or ${own} uses {nope}, which this sentence does not provide`);
    expect(error.message).toMatch(/available: \{ministry\} \{value\} \{change\} \{percent\}$/);
  });

  it('rejects a department strings file that is not groups of keys', async () => {
    const dir = copyTemplates();
    const own = put(dir, 'departments/mext/strings/ja.yaml', 'heading: 要点\n');
    const error = await briefingError(loadTemplateSet(dir, 'mext'));
    expect(error.message).toMatch(new RegExp(`^${own.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: a string table is groups of keys with text values`));
  });

  it('rejects a department strings file that is not YAML, naming it', async () => {
    const dir = copyTemplates();
    const own = put(dir, 'departments/mext/strings/ja.yaml', 'heading:\n  overview: "要点\n');
    const error = await briefingError(loadTemplateSet(dir, 'mext'));
    expect(error.message.startsWith(`${own}: not valid YAML`)).toBe(true);
  });
});
