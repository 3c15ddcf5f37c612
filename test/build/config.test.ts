import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASE_BRIEFINGS } from '../../src/schema/base-briefings.ts';
import { main } from '../../src/cli.ts';
import { EXIT } from '../../src/cli/exit-codes.ts';
import { CONFIG_FILE, loadConfig, resolveFrom } from '../../src/load/load-config.ts';
import { BuildConfig } from '../../src/schema/config.ts';
import { briefingError, captureIo, filesIn, ROOT, tempDir } from '../support/build-helpers.ts';

/** Writes a config file into a fresh folder; returns its path. */
function configFile(text: string, name = 'briefings.config.yaml'): string {
  const file = path.join(tempDir('config'), name);
  writeFileSync(file, text);
  return file;
}

const DEFAULTS = { data: 'data', templates: 'templates', out: 'out', departmentEditions: true, latestComparison: true, concurrency: 3, timeoutSeconds: 60, strictLayout: false, browserWs: [], outputs: ['pdf', 'xlsx', 'json'] };

describe('the build config', () => {
  it('defaults, without a config file, to the built-in briefings and the usual folders', async () => {
    const cwd = tempDir('no-config');
    const loaded = await loadConfig(undefined, cwd);
    expect(loaded.file).toBeUndefined();
    expect(loaded.root).toBe(cwd);
    expect(loaded.config.briefings).toEqual(BASE_BRIEFINGS);
    expect(loaded.config).toEqual({ ...DEFAULTS, briefings: BASE_BRIEFINGS });
    expect(resolveFrom(loaded, loaded.config.data)).toBe(path.join(cwd, 'data'));
  });

  it('does not hand out the built-in list itself (changing the config leaves BASE_BRIEFINGS alone)', async () => {
    const loaded = await loadConfig(undefined, tempDir('no-config'));
    expect(loaded.config.briefings).not.toBe(BASE_BRIEFINGS);
  });

  it('committed as briefings.config.yaml, equals the defaults (the two lists cannot drift apart)', async () => {
    const loaded = await loadConfig(undefined, ROOT);
    expect(loaded.file).toBe(path.join(ROOT, CONFIG_FILE));
    expect(loaded.config.briefings).toEqual(BASE_BRIEFINGS);
    expect(loaded.config).toEqual((await loadConfig(undefined, tempDir('no-config'))).config);
  });

  it('fills in the defaults for what a config leaves out, with paths relative to the config file', async () => {
    const file = configFile('briefings:\n  - { name: only-trend, kind: trend, fromFiscalYear: 2023, toFiscalYear: 2026 }\n');
    const loaded = await loadConfig(file, '/');
    expect(loaded.file).toBe(file);
    expect(loaded.config).toEqual({ ...DEFAULTS, briefings: [{ name: 'only-trend', kind: 'trend', fromFiscalYear: 2023, toFiscalYear: 2026 }] });
    expect(resolveFrom(loaded, loaded.config.out)).toBe(path.join(path.dirname(file), 'out'));
  });

  it('finds a relative --config from the working folder', async () => {
    const file = configFile('concurrency: 3\n');
    const loaded = await loadConfig(path.basename(file), path.dirname(file));
    expect(loaded.config.concurrency).toBe(3);
  });

  it('rejects a config file that does not exist with a usage error naming it', async () => {
    const cwd = tempDir('no-config');
    const error = await briefingError(() => loadConfig('missing.yaml', cwd));
    expect(error.code).toBe('usage');
    expect(error.message).toContain(path.join(cwd, 'missing.yaml'));
  });

  it('rejects a value of the wrong type, naming the file, the field and its line', async () => {
    const file = configFile('data: data\nout: out\nconcurrency: two\n');
    const error = await briefingError(() => loadConfig(file));
    expect(error.code).toBe('usage');
    expect(error.message).toContain(file);
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatchObject({ severity: 'error', file, path: 'concurrency', line: 3 });
    expect(error.problems[0]?.message).toContain('"two"');
  });

  it('rejects two briefings of the same name, naming the file and the line of the list', async () => {
    const file = configFile(
      [
        '# two briefings write the same PDF',
        'briefings:',
        '  - { name: fy2026-vs-fy2025, kind: year-comparison, fiscalYear: 2026, baseFiscalYear: 2025 }',
        '  - { name: fy2026-vs-fy2025, kind: trend, fromFiscalYear: 2023, toFiscalYear: 2026 }',
        '',
      ].join('\n'),
    );
    const error = await briefingError(() => loadConfig(file));
    expect(error.code).toBe('usage');
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatchObject({ file, path: 'briefings', line: 2 });
    expect(error.problems[0]?.message).toContain('same name');
  });

  it('rejects a wrong field inside a briefing at the line of that briefing', async () => {
    const file = configFile(['briefings:', '  - { name: a, kind: trend, fromFiscalYear: 2023, toFiscalYear: 2026 }', '  - { name: b, kind: trend, fromFiscalYear: "2023", toFiscalYear: 2026 }', ''].join('\n'));
    const error = await briefingError(() => loadConfig(file));
    expect(error.code).toBe('usage');
    expect(error.problems.length).toBeGreaterThan(0);
    for (const p of error.problems) {
      expect(p.file).toBe(file);
      expect(p.line).toBe(3);
      expect(p.path).toMatch(/^briefings\[1\]/);
    }
  });

  it('rejects an unknown setting (a misspelt key is not silently ignored)', async () => {
    const file = configFile('data: data\nconcurency: 4\n');
    const error = await briefingError(() => loadConfig(file));
    expect(error.problems[0]).toMatchObject({ file, line: 2, path: 'concurency' });
  });

  it('chooses what each briefing is written as: pdf, xlsx and json by default, any of them, nothing else', async () => {
    expect((await loadConfig(configFile('outputs: [json, pdf]\n'))).config.outputs).toEqual(['json', 'pdf']);
    const unknown = await briefingError(() => loadConfig(configFile('outputs: [pdf, docx]\n')));
    expect(unknown.problems[0]).toMatchObject({ path: 'outputs[1]', line: 1 });
    expect(BuildConfig.safeParse({ outputs: [] }).success).toBe(false);
    expect(BuildConfig.safeParse({ outputs: ['pdf', 'pdf'] }).success).toBe(false);
  });

  it('holds layout findings to errors with strictLayout, and gives a briefing a page budget with maxPages', async () => {
    const loaded = await loadConfig(configFile('strictLayout: true\nbriefings:\n  - { name: short, kind: trend, fromFiscalYear: 2021, toFiscalYear: 2026, maxPages: 4 }\n'));
    expect(loaded.config.strictLayout).toBe(true);
    expect(loaded.config.briefings[0]).toMatchObject({ name: 'short', maxPages: 4 });
    const zero = await briefingError(() => loadConfig(configFile('briefings:\n  - { name: none, kind: trend, fromFiscalYear: 2021, toFiscalYear: 2026, maxPages: 0 }\n')));
    expect(zero.problems[0]).toMatchObject({ path: 'briefings[0].maxPages', line: 2 });
  });

  it('rejects YAML that does not parse, with its line', async () => {
    const file = configFile('data: data\nbriefings: [\n  { name: a\n');
    const error = await briefingError(() => loadConfig(file));
    expect(error.code).toBe('usage');
    expect(error.problems[0]?.file).toBe(file);
    expect(error.problems[0]?.line).toBeGreaterThanOrEqual(2);
  });

  it('is what the JSON Schema for editors is made from (the committed file points at it)', () => {
    expect(BuildConfig.safeParse({ concurrency: 0 }).success).toBe(false);
    expect(BuildConfig.safeParse({ concurrency: 17 }).success).toBe(false);
    expect(BuildConfig.safeParse({ timeoutSeconds: 0 }).success).toBe(false);
    expect(BuildConfig.safeParse({}).success).toBe(true);
  });
});

describe('`briefings build --config` with a bad config', () => {
  it('exits 64 and names the file and line on stderr, building nothing', async () => {
    const file = configFile('out: out\nconcurrency: two\n');
    const { out, err, io } = captureIo();
    expect(await main(['build', '--config', file], io)).toBe(EXIT.usage);
    expect(out).toEqual([]);
    expect(err.join('\n')).toContain(`${file}:2 concurrency`);
    expect(filesIn(path.join(path.dirname(file), 'out'))).toEqual([]);
  });

  it('exits 64 for a config file that does not exist', async () => {
    const { err, io } = captureIo();
    const missing = path.join(tempDir('no-config'), 'nope.yaml');
    expect(await main(['build', '--config', missing], io)).toBe(EXIT.usage);
    expect(err.join('\n')).toContain(missing);
  });
});
