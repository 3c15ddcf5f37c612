import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/validate/validate-dataset.ts';
import type { Dataset } from '../../src/load/merge-documents.ts';
import { formatProblem } from '../../src/problems.ts';
import { loadTemplateSet } from '../../src/render/template-set.ts';
import { DepartmentSettings } from '../../src/schema/department.ts';
import { displayPath } from '../../src/format/display-path.ts';
import { briefingError, copyTemplates, edit, ministrySpec, put, renderHtml, yearComparisonSpec } from '../support/departments-helpers.ts';

let dataset: Dataset;
beforeAll(async () => {
  ({ dataset } = await loadDataset('data'));
});

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A department "demo" in a copy of the templates, with these settings lines. */
function withSettings(yaml: string): { dir: string; settings: string } {
  const dir = copyTemplates();
  return { dir, settings: put(dir, 'departments/demo/department.yaml', yaml) };
}

const VALID = ['name: デモ局', 'shortName: デモ', 'ministry: 経', 'language: ja'];

describe('department.yaml errors name the file, the line and what to fix', () => {
  it.each([
    ['a colour that is not #rrggbb', [...VALID, 'colours:', '  accent: red'], 'colours.accent', 6, 'colours are written #rrggbb; found "red"'],
    ['an unknown section', [...VALID, 'sections: [headline, nonsense]'], 'sections[1]', 5, 'unknown section "nonsense"; expected one of headline, scopes'],
    ['a section listed twice', [...VALID, 'sections: [headline, notes, headline]'], 'sections', 5, 'a section is listed twice'],
    ['a language other than ja or en', ['name: デモ局', 'shortName: デモ', 'language: fr'], 'language', 3, '"fr"'],
    // A ministry's name (MHLW, 厚労省) is read against data/reference.yaml when the editions are listed: see test/unit/ministry.test.ts.
    ['a ministry that is not a name', ['name: デモ局', 'shortName: デモ', 'ministry: [厚]'], 'ministry', 3, 'expected string'],
    ['a misspelt field', [...VALID, 'introducton: はじめに'], 'introducton', 5, 'unknown field "introducton"'],
    ['a fiscal year that is not a whole number', [...VALID, 'fiscalYear: 2025.5'], 'fiscalYear', 5, '2025.5'],
  ] as const)('reports %s', async (_what, lines, field, line, text) => {
    const { dir, settings } = withSettings(`${lines.join('\n')}\n`);
    const error = await briefingError(loadTemplateSet(dir, 'demo'));
    expect(error.code).toBe('template');
    expect(error.message).toBe(`${settings}: the department settings are not valid`);
    const problem = error.problems.find((p) => p.path === field);
    expect(problem, error.problems.map(formatProblem).join('\n')).toBeDefined();
    expect(problem?.file).toBe(settings);
    expect(problem?.line).toBe(line);
    expect(problem?.message).toContain(text);
    expect(formatProblem(problem ?? { severity: 'error', file: '', message: '' })).toMatch(new RegExp(`^${escape(settings)}:${line} ${escape(field)}: `));
  });

  it('reports YAML that does not parse with its line', async () => {
    const { dir, settings } = withSettings('name: デモ局\nshortName: デモ\ncolours:\n  accent: "#123456\n');
    const error = await briefingError(loadTemplateSet(dir, 'demo'));
    expect(error.problems[0]).toMatchObject({ file: settings, severity: 'error' });
    expect(error.problems[0]?.message).toMatch(/^not valid YAML/);
    expect(error.problems[0]?.line).toBeGreaterThanOrEqual(4);
  });

  it('reports a missing department.yaml with the command that creates one', async () => {
    const dir = copyTemplates();
    const error = await briefingError(loadTemplateSet(dir, 'nobody'));
    expect(error.message).toBe(`${path.join(dir, 'departments', 'nobody', 'department.yaml')}: no such department; create it with \`briefings template new nobody\``);
  });

  it('refuses a department id that could leave the departments folder', async () => {
    const error = await briefingError(loadTemplateSet(copyTemplates(), '../mhlw'));
    expect(error.code).toBe('usage');
    expect(error.message).toContain('department ids are lower-case letters, digits and hyphens; found "../mhlw"');
  });
});

describe('sections must belong to the kind of edition', () => {
  it('names department.yaml when a ministry edition lists a section of the whole-budget edition', async () => {
    const { dir, settings } = withSettings(`${[...VALID, 'sections: [headline, projects, notes]'].join('\n')}\n`);
    const error = await briefingError(renderHtml(dataset, ministrySpec('demo', '経'), dir, 'demo'));
    expect(error.message).toBe(`${settings}: section "projects" is not part of a ministry-edition edition; its sections are headline, scopes, supplementary, trend, programs, notes`);
  });

  it('names department.yaml when a whole-budget edition lists a section of the ministry edition', async () => {
    const { dir, settings } = withSettings('name: Demo\nshortName: Demo\nlanguage: en\nsections: [headline, trend]\n');
    const error = await briefingError(renderHtml(dataset, yearComparisonSpec('demo'), dir, 'demo'));
    expect(error.message).toMatch(new RegExp(`^${escape(settings)}: section "trend" is not part of a year-comparison edition`));
  });

  it('shows only the listed sections, in the listed order', async () => {
    const { dir } = withSettings(`${[...VALID, 'sections: [supplementary, headline]'].join('\n')}\n`);
    const html = await renderHtml(dataset, ministrySpec('demo', '経'), dir, 'demo');
    expect([...html.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1])).toEqual(['補正予算', '概要', '用語集']);
  });
});

describe('errors in a department’s override files name the override file', () => {
  const OWN_PARTIAL = 'departments/mext/partials/ministry-scopes.hbs';

  it('reports an override partial that uses a partial that does not exist', async () => {
    const dir = copyTemplates();
    const own = put(dir, OWN_PARTIAL, '<section>\n  {{> nope}}\n</section>\n');
    const error = await briefingError(renderHtml(dataset, ministrySpec('mext', '文'), dir, 'mext'));
    expect(error.message).toMatch(new RegExp(`${escape(displayPath(own))}(:\\d+)?: template error: The partial nope could not be found; available partials are the files in `));
  });

  it('reports an override partial that uses an unknown helper, at its line, with the helpers there are', async () => {
    const dir = copyTemplates();
    const own = put(dir, OWN_PARTIAL, '<section>\n\n  {{fmtYen 3}}\n</section>\n');
    const error = await briefingError(renderHtml(dataset, ministrySpec('mext', '文'), dir, 'mext'));
    expect(error.message).toMatch(new RegExp(`^${escape(displayPath(own))}:3: template error: "fmtYen" is neither a field of this briefing's data nor a helper; .*fmtOku`));
  });

  it('reports a syntax error in an override partial, naming it', async () => {
    const dir = copyTemplates();
    const own = put(dir, OWN_PARTIAL, '<section>\n{{#if scopesListed}}\n</section>\n');
    const error = await briefingError(renderHtml(dataset, ministrySpec('mext', '文'), dir, 'mext'));
    expect(error.message).toMatch(new RegExp(`^${escape(displayPath(own))}:\\d+: template error: Parse error`));
  });

  it('reports an override chart spec that Vega-Lite rejects: the property, what Vega-Lite expects and what was found', async () => {
    const dir = copyTemplates();
    const own = edit(dir, 'departments/mhlw/charts/ministry-trend.vl.json', (s) => s.replace('"type": "line"', '"type": "nope"'));
    const error = await briefingError(renderHtml(dataset, ministrySpec('mhlw', '厚'), dir, 'mhlw'));
    expect(error.message).toMatch(new RegExp(`^${escape(own)}: the chart spec does not match Vega-Lite's schema: \\S*mark\\.type: Vega-Lite expects one of .*"line".*; found "nope"$`));
  });

  it('reports an override chart spec that is not JSON when the templates load', async () => {
    const dir = copyTemplates();
    const own = edit(dir, 'departments/mhlw/charts/ministry-trend.vl.json', (s) => s.slice(0, 30));
    const error = await briefingError(loadTemplateSet(dir, 'mhlw'));
    expect(error.message.startsWith(`${own}: not valid JSON`)).toBe(true);
    expect(error.message).toContain('fix the chart spec');
  });
});

describe('nothing outside the folders can be read', () => {
  it('rejects a logo path that climbs out of the department folder, in the schema', () => {
    const parsed = DepartmentSettings.safeParse({ name: 'x', shortName: 'x', logo: '../../../etc/hostname' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['logo'], message: 'must be a path inside the department folder (no leading / and no ..)' });
    expect(DepartmentSettings.safeParse({ name: 'x', shortName: 'x', logo: '/etc/hostname.svg' }).success).toBe(false);
    expect(DepartmentSettings.safeParse({ name: 'x', shortName: 'x', logo: 'assets/logo.svg' }).success).toBe(true);
  });

  it('rejects a climbing logo path in department.yaml with its line', async () => {
    const { dir, settings } = withSettings(`${[...VALID, 'logo: ../../../etc/hostname'].join('\n')}\n`);
    const error = await briefingError(loadTemplateSet(dir, 'demo'));
    expect(error.problems).toEqual([expect.objectContaining({ file: settings, line: 5, path: 'logo' })]);
  });

  it('rejects a logo that is a symlink pointing outside the department folder', async () => {
    const { dir, settings } = withSettings(`${[...VALID, 'logo: assets/logo.svg'].join('\n')}\n`);
    put(dir, 'departments/demo/assets/.keep', '');
    symlinkSync('/etc/hostname', path.join(dir, 'departments', 'demo', 'assets', 'logo.svg'));
    const error = await briefingError(loadTemplateSet(dir, 'demo'));
    expect(error.message).toBe(`${settings}:5: logo assets/logo.svg resolves outside the department folder`);
  });

  it('rejects a logo that is not an image file or does not exist', async () => {
    const a = withSettings(`${[...VALID, 'logo: assets/logo.gif'].join('\n')}\n`);
    expect((await briefingError(loadTemplateSet(a.dir, 'demo'))).message).toBe(`${a.settings}:5: logo must be an .svg or .png file; found assets/logo.gif`);
    const b = withSettings(`${[...VALID, 'logo: assets/missing.svg'].join('\n')}\n`);
    expect((await briefingError(loadTemplateSet(b.dir, 'demo'))).message).toBe(`${b.settings}:5: logo assets/missing.svg does not exist in ${path.join(b.dir, 'departments', 'demo')}`);
  });

  it('rejects a department partial that is a symlink pointing outside the templates folder', async () => {
    const dir = copyTemplates();
    put(dir, 'departments/mext/partials/.keep', '');
    const link = path.join(dir, 'departments', 'mext', 'partials', 'ministry-scopes.hbs');
    symlinkSync('/etc/hostname', link);
    const error = await briefingError(loadTemplateSet(dir, 'mext'));
    expect(error.message).toMatch(new RegExp(`^${escape(link)}: resolves outside the templates folder`));
    // The base templates of the same copy are unaffected.
    await expect(loadTemplateSet(dir)).resolves.toBeDefined();
  });

  it('rejects a department strings file that is a symlink pointing outside', async () => {
    const dir = copyTemplates();
    put(dir, 'departments/mext/strings/.keep', '');
    const link = path.join(dir, 'departments', 'mext', 'strings', 'ja.yaml');
    symlinkSync('/etc/hostname', link);
    const error = await briefingError(loadTemplateSet(dir, 'mext'));
    expect(error.message).toMatch(new RegExp(`^${escape(link)}: resolves outside the templates folder`));
  });
});
