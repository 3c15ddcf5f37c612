import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { loadDataset } from '../../src/validate/validate-dataset.ts';
import type { Dataset } from '../../src/load/merge-documents.ts';
import { describeResolution, listDepartments, loadTemplateSet } from '../../src/render/template-set.ts';
import { bodyFor, sectionsFor } from '../../src/render/sections.ts';
import { captureIo, copyTemplates, h2s, ministrySpec, put, renderHtml, TEMPLATES, yearComparisonSpec } from '../support/departments-helpers.ts';

let dataset: Dataset;
beforeAll(async () => {
  ({ dataset } = await loadDataset('data'));
});

/** part → origin, for compact assertions. */
async function origins(dir: string, department?: string): Promise<Map<string, { origin: string; file: string }>> {
  const rows = describeResolution(await loadTemplateSet(dir, department));
  return new Map(rows.map((r) => [r.part, { origin: r.origin, file: r.file }]));
}

describe('the resolution chain of the real departments', () => {
  it('lists the department folders that have a department.yaml', async () => {
    expect(await listDepartments(TEMPLATES)).toEqual(['cao', 'cfa', 'english', 'meti', 'mext', 'mhlw', 'mic']);
  });

  it('takes the customised parts of mhlw from its folder and everything else from the base', async () => {
    const parts = await origins(TEMPLATES, 'mhlw');
    const mhlw = path.join(TEMPLATES, 'departments', 'mhlw');
    expect(parts.get('partial ministry-headline')).toEqual({ origin: 'department', file: path.join(mhlw, 'partials', 'ministry-headline.hbs') });
    expect(parts.get('chart ministry-trend')).toEqual({ origin: 'department', file: path.join(mhlw, 'charts', 'ministry-trend.vl.json') });
    expect(parts.get('logo')).toEqual({ origin: 'department', file: path.join(mhlw, 'assets', 'logo.svg') });
    expect(parts.get('layout')).toEqual({ origin: 'base', file: path.join(TEMPLATES, 'layout.hbs') });
    expect(parts.get('stylesheet')).toEqual({ origin: 'base', file: path.join(TEMPLATES, 'styles', 'briefing.css') });
    expect(parts.get('chart theme')?.origin).toBe('base');
    expect(parts.get('partial ministry-scopes')?.origin).toBe('base');
    expect(parts.get('chart programs')?.origin).toBe('base');
    // A ministry edition shares the year comparison's body (sections.ts): there is one file for both.
    expect(parts.get('body ministry-edition')).toBeUndefined();
    expect(parts.get('body year-comparison')?.origin).toBe('base');
  });

  it('merges the strings of mhlw from two files, base first, and keeps English from the base alone', async () => {
    const parts = await origins(TEMPLATES, 'mhlw');
    expect(parts.get('strings ja')).toEqual({
      origin: 'department',
      file: `${path.join(TEMPLATES, 'strings', 'ja.yaml')} + ${path.join(TEMPLATES, 'departments', 'mhlw', 'strings', 'ja.yaml')}`,
    });
    expect(parts.get('strings en')).toEqual({ origin: 'base', file: path.join(TEMPLATES, 'strings', 'en.yaml') });
  });

  it('takes every part of mext from the base: it only has settings', async () => {
    const set = await loadTemplateSet(TEMPLATES, 'mext');
    const rows = describeResolution(set);
    expect(rows.filter((r) => r.origin !== 'base')).toEqual([]);
    expect(rows.some((r) => r.part === 'logo')).toBe(false);
    expect(set.department?.settings).toMatchObject({ name: '文部科学省', ministry: '文', language: 'ja' });
    expect(set.department?.logo).toBeUndefined();
  });

  it('gives the base templates (no department) no department parts at all', async () => {
    const set = await loadTemplateSet(TEMPLATES);
    expect(set.department).toBeUndefined();
    expect(describeResolution(set).every((r) => r.origin === 'base')).toBe(true);
  });

  it('keeps departments apart: loading mhlw does not change what mext gets', async () => {
    await loadTemplateSet(TEMPLATES, 'mhlw');
    const mext = await loadTemplateSet(TEMPLATES, 'mext');
    expect(mext.partials.get('ministry-headline')).toBeUndefined();
    expect(mext.partials.get('headline')?.file).toBe(path.join(TEMPLATES, 'partials', 'headline.hbs'));
    expect(mext.strings.ja.table.heading?.overview).toBe('概要');
  });
});

describe('overriding files in a department folder (temporary copy of templates/)', () => {
  it('uses a department file over the base one, and the base for every part it does not override', async () => {
    const dir = copyTemplates();
    put(dir, 'departments/mext/partials/notes.hbs', '<section class="notes"><h2>MEXT-OWN-NOTES</h2></section>\n');
    put(dir, 'departments/mext/styles/briefing.css', 'body { color: #123456; }\n');
    put(dir, 'departments/mext/partials/mext-extra.hbs', '<p>extra</p>\n');

    const parts = await origins(dir, 'mext');
    expect(parts.get('partial notes')).toEqual({ origin: 'department', file: path.join(dir, 'departments', 'mext', 'partials', 'notes.hbs') });
    expect(parts.get('stylesheet')).toEqual({ origin: 'department', file: path.join(dir, 'departments', 'mext', 'styles', 'briefing.css') });
    // A new part only the department has joins the set.
    expect(parts.get('partial mext-extra')?.origin).toBe('department');
    // Parts it does not override still come from the base copy.
    expect(parts.get('layout')).toEqual({ origin: 'base', file: path.join(dir, 'layout.hbs') });
    expect(parts.get('partial ministry-scopes')).toEqual({ origin: 'base', file: path.join(dir, 'partials', 'ministry-scopes.hbs') });

    const html = await renderHtml(dataset, ministrySpec('mext', '文'), dir, 'mext');
    expect(html).toContain('MEXT-OWN-NOTES');
    expect(html).not.toContain('出典と注記');
    // The base sections around the overridden one are still there.
    expect(html).toContain('<h2>文部科学省の当初予算</h2>');
    // Another department of the same copy keeps the base part.
    const meti = await renderHtml(dataset, ministrySpec('meti', '経'), dir, 'meti');
    expect(meti).toContain('出典と注記');
    expect(meti).not.toContain('MEXT-OWN-NOTES');
  });

  it('uses a department chart theme and body template over the base ones', async () => {
    const dir = copyTemplates();
    put(dir, 'departments/meti/charts/theme.json', '{"font": "serif"}');
    put(dir, 'departments/meti/briefings/ministry-edition.hbs', '<p>METI-BODY</p>{{#each sections}}{{> (lookup this "partial") @root}}{{/each}}\n');
    const set = await loadTemplateSet(dir, 'meti');
    expect(set.theme).toMatchObject({ origin: 'department', spec: { font: 'serif' } });
    expect(set.bodies.get('ministry-edition')?.origin).toBe('department');
    expect(set.bodies.get('year-comparison')?.origin).toBe('base');
    const html = await renderHtml(dataset, ministrySpec('meti', '経'), dir, 'meti');
    expect(html).toContain('<p>METI-BODY</p>');
  });

  it('does not list a folder without department.yaml as a department', async () => {
    const dir = copyTemplates();
    mkdirSync(path.join(dir, 'departments', 'half-made'));
    expect(await listDepartments(dir)).not.toContain('half-made');
  });
});

describe('`briefings template resolve`', () => {
  it('prints, for mhlw, "department" on the lines of the overridden parts and "base" on the rest', async () => {
    const { out, err, io } = captureIo();
    expect(await main(['template', 'resolve', 'mhlw', '--templates', TEMPLATES], io)).toBe(0);
    expect(err).toEqual([]);
    expect(out[0]).toBe('Templates of department "mhlw" (department parts override the base):');
    const line = (part: string) => {
      const found = out.find((l) => l.trimStart().startsWith(`${part} `));
      if (!found) throw new Error(`no line for ${part}:\n${out.join('\n')}`);
      return found;
    };
    expect(line('partial ministry-headline')).toMatch(/\sdepartment\s+.*departments\/mhlw\/partials\/ministry-headline\.hbs$/);
    expect(line('chart ministry-trend')).toMatch(/\sdepartment\s+.*departments\/mhlw\/charts\/ministry-trend\.vl\.json$/);
    expect(line('logo')).toMatch(/\sdepartment\s+.*departments\/mhlw\/assets\/logo\.svg$/);
    expect(line('strings ja')).toMatch(/\sdepartment\s+.*strings\/ja\.yaml \+ .*departments\/mhlw\/strings\/ja\.yaml$/);
    expect(line('layout')).toMatch(/\sbase\s+.*layout\.hbs$/);
    expect(line('stylesheet')).toMatch(/\sbase\s+.*styles\/briefing\.css$/);
    expect(out.slice(1).filter((l) => /\sdepartment\s/.test(l))).toHaveLength(4);
  });

  it('prints the base templates when no department is given', async () => {
    const { out, io } = captureIo();
    expect(await main(['template', 'resolve', '--templates', TEMPLATES], io)).toBe(0);
    expect(out[0]).toBe('Base templates:');
    expect(out.slice(1).every((l) => /\sbase\s/.test(l))).toBe(true);
  });

  it('fails with a hint for a department that does not exist', async () => {
    const { err, io } = captureIo();
    expect(await main(['template', 'resolve', 'nobody', '--templates', TEMPLATES], io)).toBe(2);
    expect(err.join('\n')).toMatch(/departments\/nobody\/department\.yaml: no such department; create it with `briefings template new nobody`/);
  });
});

describe('one body and one overview for both kinds of edition', () => {
  it('lays out a ministry edition with the year comparison’s body and the shared overview, unless the department replaces one', async () => {
    const mext = await loadTemplateSet(TEMPLATES, 'mext');
    expect(mext.bodies.has('ministry-edition')).toBe(false);
    expect(sectionsFor('ministry-edition', mext)[0]).toEqual({ id: 'headline', partial: 'headline' });
    expect(bodyFor('ministry-edition', mext)).toBe('year-comparison');
    const mhlw = await loadTemplateSet(TEMPLATES, 'mhlw');
    expect(sectionsFor('ministry-edition', mhlw)[0]).toEqual({ id: 'headline', partial: 'ministry-headline' });
  });

  it('lets a department replace the overview of both kinds with partials/headline.hbs', async () => {
    const dir = copyTemplates();
    put(dir, 'departments/english/partials/headline.hbs', '<section class="headline"><h2>OWN-OVERVIEW</h2></section>\n');
    const html = await renderHtml(dataset, yearComparisonSpec('english'), dir, 'english');
    expect(h2s(html)[0]).toBe('OWN-OVERVIEW');
  });
});
