import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { describeResolution, listDepartments, loadTemplateSet } from '../../src/render/template-set.ts';
import { captureIo, copyTemplates } from '../support/departments-helpers.ts';

const newDepartment = (templates: string, id: string, ...options: string[]) => {
  const captured = captureIo();
  return main(['template', 'new', id, '--templates', templates, ...options], captured.io).then((code) => ({ code, ...captured }));
};

describe('`briefings template new`', () => {
  it('creates a department folder with settings, a README and a strings file, which loads as a department', async () => {
    const templates = copyTemplates();
    const { code, out, err } = await newDepartment(templates, 'demo', '--ministry', '経');
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const dir = path.join(templates, 'departments', 'demo');
    expect(readdirSync(dir).sort()).toEqual(['README.md', 'department.yaml', 'strings']);
    expect(readdirSync(path.join(dir, 'strings'))).toEqual(['ja.yaml']);
    expect(out.join('\n')).toContain('department.yaml, README.md, strings/ja.yaml');
    expect(out.join('\n')).toContain('briefings template resolve demo');

    const set = await loadTemplateSet(templates, 'demo');
    expect(set.department?.settings).toMatchObject({ name: 'demo', shortName: 'demo', ministry: '経', language: 'ja' });
    expect(set.department?.dir).toBe(dir);
    // The starting strings file holds only comments: nothing is overridden yet.
    expect(set.strings.ja.files).toEqual([path.join(templates, 'strings', 'ja.yaml'), path.join(dir, 'strings', 'ja.yaml')]);
    expect(set.strings.ja.table.heading?.overview).toBe('概要');
    expect(describeResolution(set).filter((r) => r.origin === 'department').map((r) => r.part)).toEqual(['strings ja']);
    expect(await listDepartments(templates)).toContain('demo');
    expect(readFileSync(path.join(dir, 'README.md'), 'utf8')).toContain('briefings template resolve demo');
  });

  it('takes --ministry as a name or an English id and writes its code', async () => {
    const templates = copyTemplates();
    for (const [id, given, code] of [['by-name', '文部科学省', '文'], ['by-short-name', '厚労省', '厚'], ['by-id', 'meti', '経']] as const) {
      const { code: exit } = await newDepartment(templates, id, '--ministry', given);
      expect(exit).toBe(0);
      const set = await loadTemplateSet(templates, id);
      expect(set.department?.settings.ministry).toBe(code);
    }
  });

  it('writes the title-page name, and an English strings file for --language en, and leaves ministry out when not given', async () => {
    const templates = copyTemplates();
    const { code } = await newDepartment(templates, 'health-policy-en', '--language', 'en', '--name', 'Health policy unit');
    expect(code).toBe(0);
    const dir = path.join(templates, 'departments', 'health-policy-en');
    expect(existsSync(path.join(dir, 'strings', 'en.yaml'))).toBe(true);
    expect(existsSync(path.join(dir, 'strings', 'ja.yaml'))).toBe(false);
    const settings = (await loadTemplateSet(templates, 'health-policy-en')).department?.settings;
    expect(settings).toMatchObject({ name: 'Health policy unit', language: 'en' });
    expect(settings?.ministry).toBeUndefined();
  });

  it('refuses a folder that already exists (exit 64) and leaves it as it was', async () => {
    const templates = copyTemplates();
    const before = readFileSync(path.join(templates, 'departments', 'mhlw', 'department.yaml'), 'utf8');
    const { code, err } = await newDepartment(templates, 'mhlw', '--ministry', '厚');
    expect(code).toBe(64);
    expect(err.join('\n')).toContain(`${path.join(templates, 'departments', 'mhlw')} already exists; choose another id or edit it`);
    expect(readFileSync(path.join(templates, 'departments', 'mhlw', 'department.yaml'), 'utf8')).toBe(before);
  });

  it.each([['Demo'], ['../escape'], ['health.policy'], ['demo_x']])('refuses the id %j (exit 64) and creates nothing', async (id) => {
    const templates = copyTemplates();
    const before = readdirSync(path.join(templates, 'departments')).sort();
    const { code, err } = await newDepartment(templates, id);
    expect(code).toBe(64);
    expect(err.join('\n')).toContain('department ids are lower-case letters, digits and hyphens');
    expect(readdirSync(path.join(templates, 'departments')).sort()).toEqual(before);
    expect(existsSync(path.join(templates, 'escape'))).toBe(false);
  });

  it('refuses an unknown --ministry and an unknown --language (exit 64), creating nothing', async () => {
    const templates = copyTemplates();
    const ministry = await newDepartment(templates, 'demo', '--ministry', '厚生省');
    expect(ministry.code).toBe(64);
    expect(ministry.err.join('\n')).toContain('--ministry: no ministry is called "厚生省"; write its code, Japanese name or English id: こ / cfa / こども家庭庁;');
    const language = await newDepartment(templates, 'demo', '--language', 'fr');
    expect(language.code).toBe(64);
    expect(language.err.join('\n')).toContain('--language takes ja or en; found "fr"');
    expect(existsSync(path.join(templates, 'departments', 'demo'))).toBe(false);
  });

  it('creates nothing when there are no base templates to extend', async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'no-templates-'));
    const { code, err } = await newDepartment(empty, 'demo', '--ministry', '経');
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/charts\/theme\.json: the template file is missing/);
    expect(readdirSync(empty)).toEqual([]);
  });

  it('creates nothing when the base templates are incomplete, naming the missing file', async () => {
    const templates = copyTemplates();
    rmSync(path.join(templates, 'layout.hbs'));
    const { code, err } = await newDepartment(templates, 'demo');
    expect(code).toBe(2);
    expect(err.join('\n')).toContain(`${path.join(templates, 'layout.hbs')}: the template file is missing`);
    expect(existsSync(path.join(templates, 'departments', 'demo'))).toBe(false);
  });
});
