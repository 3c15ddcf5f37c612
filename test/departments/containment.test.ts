import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { loadTemplateSet } from '../../src/render/template-set.ts';
import { captureIo, copyTemplates } from '../support/departments-helpers.ts';

describe('a department cannot reach outside the templates folder', () => {
  it('refuses a department folder that is a link to somewhere else', async () => {
    const dir = copyTemplates();
    const outside = mkdtempSync(path.join(os.tmpdir(), 'outside-dept-'));
    writeFileSync(path.join(outside, 'department.yaml'), 'name: x\nshortName: x\n');
    symlinkSync(outside, path.join(dir, 'departments', 'escape'));
    await expect(loadTemplateSet(dir, 'escape')).rejects.toThrow(/resolve outside .*departments; departments must live inside the templates folder/);
  });

  it('refuses a department.yaml that links to a file outside, without reading it', async () => {
    const dir = copyTemplates();
    const settings = path.join(dir, 'departments', 'mext', 'department.yaml');
    const outside = path.join(mkdtempSync(path.join(os.tmpdir(), 'outside-settings-')), 'secret.yaml');
    writeFileSync(outside, 'name: TOP-SECRET-VALUE\n');
    writeFileSync(settings, '');
    symlinkSync(outside, `${settings}.link`);
    rmSync(settings);
    renameSync(`${settings}.link`, settings);
    const error = await loadTemplateSet(dir, 'mext').then(() => undefined, (e: unknown) => e as Error);
    expect(error?.message).toMatch(/resolve outside/);
    expect(error?.message).not.toContain('TOP-SECRET-VALUE');
  });

  it('accepts a department partial that links to a base partial', async () => {
    const dir = copyTemplates();
    mkdirSync(path.join(dir, 'departments', 'mext', 'partials'), { recursive: true });
    symlinkSync(path.join(dir, 'partials', 'notes.hbs'), path.join(dir, 'departments', 'mext', 'partials', 'notes.hbs'));
    const set = await loadTemplateSet(dir, 'mext');
    expect(set.partials.get('notes')?.origin).toBe('department');
  });
});

describe('template new', () => {
  it('writes any department name safely into the settings', async () => {
    const dir = copyTemplates();
    const { io } = captureIo();
    expect(await main(['template', 'new', 'quoted', '--templates', dir, '--name', '厚労省: 研究 #1'], io)).toBe(0);
    const settings = readFileSync(path.join(dir, 'departments', 'quoted', 'department.yaml'), 'utf8');
    expect(settings).toContain('name: "厚労省: 研究 #1"');
    expect((await loadTemplateSet(dir, 'quoted')).department?.settings.name).toBe('厚労省: 研究 #1');
  });
});
