import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { EXIT } from '../../src/cli/exit-codes.ts';
import { CONFIG_ENV, loadConfig } from '../../src/load/load-config.ts';
import { captureIo, copyData, DATA, ROOT, TEMPLATES, tempDir } from '../support/build-helpers.ts';

const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const BIN = path.join(ROOT, 'bin', 'briefings.js');

async function run(...argv: string[]) {
  const { out, err, io } = captureIo();
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The real command in its own process, from a chosen folder (the working folder matters here). */
async function spawnCli(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, ...env }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** A project folder holding only its config file. */
function project(config = 'data: data\ntemplates: templates\nout: out\n'): string {
  const dir = tempDir('project');
  writeFileSync(path.join(dir, 'briefings.config.yaml'), config);
  return dir;
}

describe('command-line conventions', () => {
  it('prints the version with --version and -V, and exits 0', async () => {
    for (const flag of ['--version', '-V']) {
      const { code, out } = await run(flag);
      expect(code, flag).toBe(EXIT.ok);
      expect(out.trim()).toBe(VERSION);
    }
  });

  it('lists short flags in the help of build', async () => {
    const { code, out } = await run('build', '--help');
    expect(code).toBe(EXIT.ok);
    for (const flag of ['-c, --config', '-o, --out', '-f, --force', '-q, --quiet', '--verbose', '--browser <path>', '--no-prune', '-j, --concurrency'])
      expect(out).toContain(flag);
  });

  it('refuses --quiet with --verbose as a usage error', async () => {
    const { code, err } = await run('validate', '--quiet', '--verbose', '--data', DATA);
    expect(code).toBe(EXIT.usage);
    expect(err).toContain('--quiet and --verbose cannot be used together');
  });
});

describe('validate: quiet, normal and verbose', () => {
  it('prints nothing with --quiet when the data is valid', async () => {
    const { code, out, err } = await run('validate', '-q', '--data', DATA);
    expect(code).toBe(EXIT.ok);
    expect(out + err).toBe('');
  });

  it('prints a short report by default: counts of the checks, warnings, the verdict; no list of every check', async () => {
    const { code, out } = await run('validate', '--data', DATA);
    expect(code).toBe(EXIT.ok);
    expect(out).toMatch(/Consistency checks \(\d+: \d+ ✓ exact, \d+ ≈ within rounding, \d+ · partial, 0 ✗ inconsistent\); --verbose lists them/);
    expect(out).toContain('OK: the data is valid');
    expect(out).not.toMatch(/^ {4}✓ /m);
    expect(out.split('\n').length).toBeLessThan(30);
  });

  it('lists every check with --verbose', async () => {
    const { out } = await run('validate', '--verbose', '--data', DATA);
    expect(out).toMatch(/^ {4}✓ /m);
    expect(out).toMatch(/^ {4}≈ /m);
  });

  it('prints only the errors and the verdict with --quiet when the data is wrong', async () => {
    const dir = copyData();
    const file = path.join(dir, 'documents', 'fy2026-points.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('文: 583, 厚: 481', '文: 593, 厚: 481'));
    const { code, out } = await run('validate', '--quiet', '--data', dir);
    expect(code).toBe(EXIT.data);
    expect(out).toContain('budgets[0].scopes.amed.total');
    expect(out).toContain('FAILED');
    expect(out).not.toContain('Warnings (');
  });
});

describe('every command reads the config', () => {
  it('finds briefings.config.yaml in a folder above the working folder', async () => {
    const dir = project();
    const below = path.join(dir, 'templates', 'partials');
    mkdirSync(below, { recursive: true });
    const loaded = await loadConfig(undefined, below, {});
    expect(loaded.file).toBe(path.join(dir, 'briefings.config.yaml'));
    expect(loaded.root).toBe(dir);
  });

  it(`takes the config named by $${CONFIG_ENV}, and says so when it does not exist`, async () => {
    const dir = project('out: elsewhere\n');
    const loaded = await loadConfig(undefined, tempDir('cwd'), { [CONFIG_ENV]: path.join(dir, 'briefings.config.yaml') });
    expect(loaded.config.out).toBe('elsewhere');
    await expect(loadConfig(undefined, tempDir('cwd'), { [CONFIG_ENV]: '/nowhere/config.yaml' })).rejects.toThrow(/no such config file \(named by \$BRIEFINGS_CONFIG\)/);
  });

  it('validate uses the data folder the config names (-c)', async () => {
    const dir = tempDir('renamed-data');
    cpSync(DATA, path.join(dir, 'dataset'), { recursive: true });
    writeFileSync(path.join(dir, 'my.config.yaml'), 'data: dataset\n');
    const { code, out } = await run('validate', '-c', path.join(dir, 'my.config.yaml'));
    expect(code, out).toBe(EXIT.ok);
    expect(out).toContain(path.join(dir, 'dataset'));
  });

  it('template resolve uses the templates folder the config names', async () => {
    const dir = tempDir('renamed-templates');
    cpSync(TEMPLATES, path.join(dir, 'looks'), { recursive: true });
    writeFileSync(path.join(dir, 'briefings.config.yaml'), 'templates: looks\n');
    const { code, out } = await run('template', 'resolve', 'mhlw', '-c', path.join(dir, 'briefings.config.yaml'));
    expect(code, out).toBe(EXIT.ok);
    expect(out).toContain(path.join('looks', 'departments', 'mhlw'));
  });

  it('run from inside templates/, validate and build use the project (not templates/data)', async () => {
    const validate = await spawnCli(path.join(ROOT, 'templates'), ['validate', '-q']);
    expect(validate.code, validate.stderr + validate.stdout).toBe(0);
    const out = tempDir('from-templates');
    // A browser that does not exist: the build gets past the data and stops at printing.
    const build = await spawnCli(path.join(ROOT, 'templates'), ['build', '-o', out, '--json', 'fy2026-vs-fy2025', '--browser', '/nowhere/chrome']);
    expect(build.stderr).not.toContain('the data has errors');
    expect(build.stderr).toContain('--browser /nowhere/chrome');
  });
});

