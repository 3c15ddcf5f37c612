import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { EXIT } from '../../src/cli/exit-codes.ts';
import { MANIFEST_FILE, readManifest, type Manifest } from '../../src/build/manifest.ts';
import { orphans } from '../../src/build/prune.ts';
import { captureIo, DATA, TEMPLATES, tempDir } from '../support/build-helpers.ts';

const entry = (file: string) => ({ inputHash: 'x', sha256: 'y', pages: 1, bytes: 1, file });
const manifestOf = (...names: string[]): Manifest => ({ version: 1, briefings: Object.fromEntries(names.map((n) => [n, entry(`${n}.pdf`)])) });

describe('which outputs a build prunes', () => {
  it('the briefings the manifest has and the config no longer has', () => {
    expect(orphans(manifestOf('a', 'gone', 'b', 'old'), ['a', 'b', 'c'])).toEqual(['gone', 'old']);
  });

  it('with shards, each orphan belongs to exactly one shard', () => {
    const manifest = manifestOf('a', 'b', 'c', 'd', 'x1', 'x2', 'x3', 'x4', 'x5');
    const configured = ['a', 'b', 'c', 'd'];
    const shares = [1, 2, 3].map((index) => orphans(manifest, configured, { index, count: 3 }));
    expect(shares.flat().sort()).toEqual(['x1', 'x2', 'x3', 'x4', 'x5']);
    expect(new Set(shares.flat()).size).toBe(5);
  });
});

describe('pruning in `briefings build`', () => {
  const root = tempDir('prune');
  const out = path.join(root, 'out');
  const config = path.join(root, 'briefings.config.yaml');
  writeFileSync(config, `data: ${DATA}\ntemplates: ${TEMPLATES}\nout: out\ndepartmentEditions: false\nlatestComparison: false\nbriefings:\n  - { name: fy2024-vs-fy2023, kind: year-comparison, fiscalYear: 2024, baseFiscalYear: 2023 }\n`);

  /** Leaves the outputs of a briefing the config does not have, as an older config would have. */
  function leaveRetiredBriefing(): void {
    const manifestFile = path.join(out, MANIFEST_FILE);
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
    manifest.briefings['retired-briefing'] = entry('retired-briefing.pdf');
    writeFileSync(manifestFile, JSON.stringify(manifest));
    for (const f of ['retired-briefing.pdf', 'retired-briefing.xlsx', 'retired-briefing.json']) writeFileSync(path.join(out, f), 'old');
    mkdirSync(path.join(out, 'html', 'retired-briefing'), { recursive: true });
    writeFileSync(path.join(out, 'html', 'retired-briefing', 'index.html'), '<p>old</p>');
  }

  async function build(...extra: string[]) {
    const { out: lines, err, io } = captureIo();
    const code = await main(['build', '-c', config, ...extra], io);
    return { code, text: [...lines, ...err].join('\n') };
  }

  it('removes, and lists, the PDF, companion files and HTML folder of a briefing no longer in the config', async () => {
    const first = await build();
    expect(first.code, first.text).toBe(EXIT.ok);
    leaveRetiredBriefing();
    const second = await build();
    expect(second.code, second.text).toBe(EXIT.ok);
    expect(second.text).toContain('retired-briefing.pdf (removed: no longer in the config)');
    expect(second.text).toContain('0 built, 1 up to date');
    for (const f of ['retired-briefing.pdf', 'retired-briefing.xlsx', 'retired-briefing.json', 'html/retired-briefing']) expect(existsSync(path.join(out, f)), f).toBe(false);
    expect(existsSync(path.join(out, 'fy2024-vs-fy2023.pdf'))).toBe(true);
    expect(Object.keys((await readManifest(out)).briefings)).toEqual(['fy2024-vs-fy2023']);
  });

  it('keeps them with --no-prune', async () => {
    leaveRetiredBriefing();
    const run = await build('--no-prune');
    expect(run.code, run.text).toBe(EXIT.ok);
    expect(run.text).not.toContain('removed');
    expect(existsSync(path.join(out, 'retired-briefing.pdf'))).toBe(true);
    expect(Object.keys((await readManifest(out)).briefings)).toContain('retired-briefing');
  });

  it('never removes a file outside the output folder, whatever the manifest says', async () => {
    const outside = path.join(root, 'precious.pdf');
    writeFileSync(outside, 'keep me');
    const manifestFile = path.join(out, MANIFEST_FILE);
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
    manifest.briefings['escape'] = entry('../precious.pdf');
    writeFileSync(manifestFile, JSON.stringify(manifest));
    const run = await build();
    expect(run.code, run.text).toBe(EXIT.ok);
    expect(readFileSync(outside, 'utf8')).toBe('keep me');
  });
});
