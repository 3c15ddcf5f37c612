import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { main } from '../../src/cli.ts';
import { describeResolution, loadTemplateSet } from '../../src/render/template-set.ts';
import { captureIo, copyTemplates } from '../support/departments-helpers.ts';

async function eject(templates: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const captured = captureIo();
  const code = await main(['template', 'eject', ...args, '--templates', templates], captured.io);
  return { code, out: captured.out.join('\n'), err: captured.err.join('\n') };
}

const originOf = async (templates: string, department: string, part: string) =>
  describeResolution(await loadTemplateSet(templates, department)).find((r) => r.part === part)?.origin;

describe('`briefings template eject <department> <part>`', () => {
  it('copies a base partial into the department folder at the same path, which then resolves to it', async () => {
    const templates = copyTemplates();
    const { code, out } = await eject(templates, 'cfa', 'partials/notes');
    expect(code).toBe(0);
    const copy = path.join(templates, 'departments/cfa/partials/notes.hbs');
    expect(readFileSync(copy, 'utf8')).toBe(readFileSync(path.join(templates, 'partials/notes.hbs'), 'utf8'));
    expect(out).toContain(`wrote ${copy} (a copy of ${path.join(templates, 'partials/notes.hbs')})`);
    expect(out).toContain('`briefings template resolve cfa` shows that partials/notes now comes from the department');
    expect(await originOf(templates, 'cfa', 'partial notes')).toBe('department');
  });

  it.each([
    ['layout', 'layout.hbs', 'layout'],
    ['body trend', 'briefings/trend.hbs', 'body trend'],
    ['stylesheet', 'styles/briefing.css', 'stylesheet'],
    ['styles/briefing.css', 'styles/briefing.css', 'stylesheet'],
    ['chart programs', 'charts/programs.vl.json', 'chart programs'],
    ['charts/theme', 'charts/theme.json', 'chart theme'],
  ])('takes the part "%s" (as template resolve names it) and copies %s byte for byte', async (part, relative, resolved) => {
    const templates = copyTemplates();
    expect((await eject(templates, 'cfa', part)).code).toBe(0);
    expect(readFileSync(path.join(templates, 'departments/cfa', relative))).toEqual(readFileSync(path.join(templates, relative)));
    expect(await originOf(templates, 'cfa', resolved)).toBe('department');
  });

  it("refuses to replace the department's own copy without --force, and replaces it with --force", async () => {
    const templates = copyTemplates();
    const own = path.join(templates, 'departments/mhlw/charts/ministry-trend.vl.json');
    const before = readFileSync(own, 'utf8');
    const refused = await eject(templates, 'mhlw', 'charts/ministry-trend');
    expect(refused.code).toBe(64);
    expect(refused.err).toContain(`${own} exists (the department's own charts/ministry-trend); add --force to replace it with the base one`);
    expect(readFileSync(own, 'utf8')).toBe(before);
    const forced = await eject(templates, 'mhlw', 'charts/ministry-trend', '--force');
    expect(forced.code).toBe(0);
    expect(readFileSync(own, 'utf8')).toBe(readFileSync(path.join(templates, 'charts/ministry-trend.vl.json'), 'utf8'));
  });

  it('ejects a string table as a commented copy that changes nothing until a key is uncommented', async () => {
    const templates = copyTemplates();
    const before = (await loadTemplateSet(templates, 'cfa')).strings.ja.table;
    const { code } = await eject(templates, 'cfa', 'strings/ja');
    expect(code).toBe(0);
    const text = readFileSync(path.join(templates, 'departments/cfa/strings/ja.yaml'), 'utf8');
    expect(text.split('\n')[1]).toBe('# This file is merged with the base table key by key: a key written here replaces the base text of');
    expect(text).toContain('# heading:');
    expect(parse(text)).toBeNull();
    expect((await loadTemplateSet(templates, 'cfa')).strings.ja.table).toEqual(before);
  });

  it('replaces the comment-only strings file `template new` writes without --force', async () => {
    const templates = copyTemplates();
    const captured = captureIo();
    expect(await main(['template', 'new', 'fresh', '--templates', templates], captured.io)).toBe(0);
    expect((await eject(templates, 'fresh', 'strings ja')).code).toBe(0);
    expect(readFileSync(path.join(templates, 'departments/fresh/strings/ja.yaml'), 'utf8')).toContain('a commented copy of templates/strings/ja.yaml');
  });

  it('lists the parts for an unknown part, and says how to create an unknown department (exit 64)', async () => {
    const templates = copyTemplates();
    const part = await eject(templates, 'cfa', 'partials/no-such');
    expect(part.code).toBe(64);
    expect(part.err).toMatch(/no template part "partials\/no-such"; the parts are: layout, briefings\/.*partials\/notes.*styles\/briefing\.css.*charts\/theme, strings\/ja, strings\/en/);
    const department = await eject(templates, 'nobody', 'layout');
    expect(department.code).toBe(64);
    expect(department.err).toContain('no such department; create it with `briefings template new nobody`, then eject parts into it');
  });

  it('refuses a department sub-folder that is a link out of the department, writing nothing there', async () => {
    const templates = copyTemplates();
    const outside = mkdtempSync(path.join(os.tmpdir(), 'outside-'));
    symlinkSync(outside, path.join(templates, 'departments/cfa/partials'));
    const { code, err } = await eject(templates, 'cfa', 'partials/notes');
    expect(code).not.toBe(0);
    expect(err).toMatch(/leads outside the department folder|outside/);
    expect(existsSync(path.join(outside, 'notes.hbs'))).toBe(false);
  });

  it('refuses to write through a file that is a link', async () => {
    const templates = copyTemplates();
    const outside = path.join(mkdtempSync(path.join(os.tmpdir(), 'outside-')), 'target.hbs');
    writeFileSync(outside, 'kept');
    mkdirSync(path.join(templates, 'departments/cfa/partials'), { recursive: true });
    symlinkSync(outside, path.join(templates, 'departments/cfa/partials/notes.hbs'));
    const { code, err } = await eject(templates, 'cfa', 'partials/notes', '--force');
    expect(code).toBe(64);
    expect(err).toContain('is not an ordinary file');
    expect(readFileSync(outside, 'utf8')).toBe('kept');
  });
});
