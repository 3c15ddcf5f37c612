import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/validate/validate-dataset.ts';
import type { Dataset } from '../../src/load/merge-documents.ts';
import { BASE_BRIEFINGS } from '../../src/schema/base-briefings.ts';
import { createRenderer } from '../../src/render/handlebars-env.ts';
import { renderBriefing } from '../../src/render/render-briefing.ts';
import { loadTemplateSet } from '../../src/render/template-set.ts';
import type { BriefingSpec } from '../../src/schema/briefing.ts';

let dataset: Dataset;
beforeAll(async () => {
  ({ dataset } = await loadDataset('data'));
});

/** A copy of the base templates with one file replaced. */
function templatesWith(file: string, edit: (source: string) => string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'templates-'));
  cpSync('templates', dir, { recursive: true });
  const target = path.join(dir, file);
  writeFileSync(target, edit(readFileSync(target, 'utf8')));
  return dir;
}

const spec = (kind: BriefingSpec['kind']): BriefingSpec => {
  const found = BASE_BRIEFINGS.find((b) => b.kind === kind);
  if (!found) throw new Error(`no default briefing of kind ${kind}`);
  return found;
};

async function render(dir: string, kind: BriefingSpec['kind']): Promise<string> {
  const templates = await loadTemplateSet(dir);
  return (await renderBriefing(dataset, spec(kind), templates, createRenderer(templates))).html;
}

describe('rendering the base templates', () => {
  it('renders every kind of briefing to a complete HTML page', async () => {
    for (const kind of ['year-comparison', 'trend', 'program-detail'] as const) {
      const html = await render('templates', kind);
      expect(html).toMatch(/^<!DOCTYPE html>/);
      expect(html).toContain('<html lang="ja">');
      expect(html).toContain('<svg');
      expect(html).toContain('出典と注記');
    }
  });

  it('gives each chart a text alternative', async () => {
    const html = await render('templates', 'year-comparison');
    const labels = [...html.matchAll(/role="img" aria-label="([^"]+)"/g)].map((m) => m[1]);
    expect(labels).toHaveLength(2);
    expect(labels[0]).toContain('文科省 583億円→583億円');
  });

  it('shows HTML inside data values as text, never as markup', async () => {
    const hostile = structuredClone(dataset);
    const project = hostile.projectBudgets.at(-1)?.projects[0];
    if (!project?.initiatives) throw new Error('fixture has projects with initiatives');
    project.initiatives.text = '<script>alert(1)</script><img src=x>';
    const templates = await loadTemplateSet('templates');
    const { html } = await renderBriefing(hostile, spec('year-comparison'), templates, createRenderer(templates));
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('template errors name the file and line', () => {
  it('reports a syntax error in a body template', async () => {
    const dir = templatesWith('briefings/trend.hbs', (s) => s.replace('{{/each}}', ''));
    await expect(render(dir, 'trend')).rejects.toThrow(/briefings\/trend\.hbs:\d+: template error: Parse error/);
  });

  it('reports a field that does not exist', async () => {
    const dir = templatesWith('briefings/program-detail.hbs', (s) => `\n\n{{noSuchField}}\n${s}`);
    await expect(render(dir, 'program-detail')).rejects.toThrow(/program-detail\.hbs:3: template error: "noSuchField" is neither a field of this briefing's data nor a helper/);
  });

  it('reports an unknown helper and lists the available ones', async () => {
    const dir = templatesWith('partials/notes.hbs', (s) => `{{fmtYen 3}}\n${s}`);
    await expect(render(dir, 'trend')).rejects.toThrow(/partials\/notes\.hbs:1: template error: "fmtYen" is neither a field .* nor a helper.*fmtOku/);
  });

  it('reports a missing partial in the template that uses it', async () => {
    const dir = templatesWith('briefings/year-comparison.hbs', (s) => `{{> no-such-partial}}\n${s}`);
    await expect(render(dir, 'year-comparison')).rejects.toThrow(/year-comparison\.hbs(:\d+)?: template error: The partial no-such-partial could not be found/);
  });

  it('reports a chart spec that Vega-Lite rejects', async () => {
    const dir = templatesWith('charts/programs.vl.json', (s) => s.replace('"type": "bar"', '"type": "no-such-mark"'));
    await expect(render(dir, 'program-detail')).rejects.toThrow(/charts\/programs\.vl\.json: the chart spec does not match Vega-Lite's schema: \S*mark\.type: Vega-Lite expects one of .*"bar".*; found "no-such-mark"/);
  });

  it('reports a chart spec that is not JSON', async () => {
    const dir = templatesWith('charts/trend-totals.vl.json', (s) => s.slice(0, 40));
    await expect(loadTemplateSet(dir)).rejects.toThrow(/trend-totals\.vl\.json: not valid JSON/);
  });

  it('refuses a template that links outside the templates folder', async () => {
    const dir = templatesWith('partials/notes.hbs', (s) => s);
    symlinkSync('/etc/hostname', path.join(dir, 'partials', 'leak.hbs'));
    await expect(loadTemplateSet(dir)).rejects.toThrow(/leak\.hbs: resolves outside the templates folder/);
  });
});
