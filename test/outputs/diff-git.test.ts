import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBriefings } from '../../src/build/build-briefings.ts';
import { runDiff } from '../../src/cli/diff-command.ts';
import { main } from '../../src/cli.ts';
import { EXIT } from '../../src/cli/exit-codes.ts';
import { captureIo, DATA, edit, TEMPLATES, tempDir } from '../support/build-helpers.ts';

const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], { cwd, encoding: 'utf8' });

/** A repository holding the data, the templates and a config that builds one briefing, committed once. */
function repository(): string {
  const repo = tempDir('repo');
  cpSync(DATA, path.join(repo, 'data'), { recursive: true });
  cpSync(TEMPLATES, path.join(repo, 'templates'), { recursive: true });
  writeFileSync(
    path.join(repo, 'briefings.config.yaml'),
    'departmentEditions: false\nbriefings:\n  - { name: fy2026-vs-fy2025, kind: year-comparison, fiscalYear: 2026, baseFiscalYear: 2025 }\n',
  );
  git(repo, 'init', '-q');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'data');
  return repo;
}

describe('briefings diff --git', () => {
  it("builds the revision's data and templates with the current tool and compares the current build with it", async () => {
    const repo = repository();
    edit(repo, 'data/documents/fy2026-points.yaml', (s) => s.replace('total: 595', 'total: 612'));
    edit(repo, 'data/documents/fy2026-points.txt', (s) => s.replace('推進費(595億円)', '推進費(612億円)'));
    const out = path.join(repo, 'out');
    await buildBriefings({ dataDir: path.join(repo, 'data'), templatesDir: path.join(repo, 'templates'), outDir: out, names: ['fy2026-vs-fy2025'], departmentEditions: false, force: true });
    const report = tempDir('git-report');
    const { io, out: printed } = captureIo();
    const code = await runDiff({ folders: [out], git: 'HEAD', report, config: path.join(repo, 'briefings.config.yaml'), pages: false }, io);
    expect(code).toBe(EXIT.ok);
    const markdown = readFileSync(path.join(report, 'report.md'), 'utf8');
    expect(printed.join('')).toBe(markdown);
    expect(markdown).toContain('| 科学技術イノベーション創造推進費 令和8年度 | 595億円 | 612億円 |');
    expect(markdown).toContain('1 figure changed');
    // The working tree is left as it was.
    expect(git(repo, 'status', '--porcelain').split('\n').filter(Boolean).sort()).toEqual([' M data/documents/fy2026-points.txt', ' M data/documents/fy2026-points.yaml', '?? out/']);
  }, 300_000);

  it('names a revision that does not exist, and exits 64', async () => {
    const repo = repository();
    const { io, err } = captureIo();
    expect(await main(['diff', '--git', 'no-such-rev', path.join(repo, 'out'), '--config', path.join(repo, 'briefings.config.yaml'), '--report', tempDir('r')], io)).toBe(EXIT.usage);
    expect(err.join('\n')).toContain('git revision no-such-rev');
  }, 60_000);

  it('asks for two folders without --git', async () => {
    const { io, err } = captureIo();
    expect(await main(['diff', tempDir('only-one')], io)).toBe(EXIT.usage);
    expect(err.join('\n')).toContain('give two output folders');
  });
});
