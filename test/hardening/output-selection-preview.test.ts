import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBriefings } from '../../src/build/select.ts';
import { BASE_BRIEFINGS } from '../../src/schema/base-briefings.ts';
import { startPreview, type PreviewServer } from '../../src/preview/preview-server.ts';
import { BriefingError } from '../../src/problems.ts';
import type { BriefingSpec } from '../../src/schema/briefing.ts';
import { DATA, filesIn, removeTempDirs, runCli, STACK_LINE, TEMPLATES, tempDir } from '../support/hardening-helpers.ts';

afterAll(removeTempDirs);

/** A config in a fresh folder with copies of data/ and templates/ beside it (nothing real is at risk). */
function project(out: string): { root: string; config: string } {
  const root = tempDir('out-inside');
  cpSync(DATA, path.join(root, 'data'), { recursive: true });
  cpSync(TEMPLATES, path.join(root, 'templates'), { recursive: true });
  const config = path.join(root, 'briefings.config.yaml');
  writeFileSync(config, `# a comment first, so that the line matters\ndata: data\ntemplates: templates\nout: ${out}\n`);
  return { root, config };
}

describe('an output folder inside data/ or templates/', () => {
  it.each([
    ['data itself', 'data', 'data'],
    ['a folder inside data', 'data/pdfs', 'data'],
    ['a folder inside templates', 'templates/departments/out', 'templates'],
  ])('is refused when the config sets it to %s: exit 64, naming the config line, nothing written', { timeout: 60_000 }, async (_what, out, folder) => {
    const { root, config } = project(out);
    const before = filesIn(path.join(root, folder));
    const run = await runCli(['build', '--config', config]);
    expect(run.code).toBe(64);
    expect(run.stderr).toContain(`${config}:4 out:`);
    expect(run.stderr).toMatch(new RegExp(`inside the ${folder} folder`));
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(filesIn(path.join(root, folder))).toEqual(before);
  });

  it('is refused when --out leads there through a symbolic link', { timeout: 60_000 }, async () => {
    const { root, config } = project('out');
    const link = path.join(root, 'pdfs');
    symlinkSync(path.join(root, 'templates'), link);
    const run = await runCli(['build', '--config', config, '--out', path.join(link, 'x')]);
    expect(run.code).toBe(64);
    expect(run.stderr).toMatch(/^briefings: --out: the output folder .* is inside the templates folder/m);
  });

  it('a folder beside them is fine (the check does not refuse a name that merely starts the same)', { timeout: 60_000 }, async () => {
    const { root, config } = project('data-out');
    mkdirSync(path.join(root, 'data-out'));
    const run = await runCli(['build', '--config', config, '--department', 'nobody']);
    // It gets as far as the selection (which is refused for its own reason).
    expect(run.code).toBe(64);
    expect(run.stderr).toMatch(/no department edition for "nobody"/);
  });
});

describe('a selection that matches nothing', () => {
  const CATALOGUE: BriefingSpec[] = [
    ...BASE_BRIEFINGS,
    { name: 'cfa-fy2026-vs-fy2025', kind: 'ministry-edition', ministry: 'こ', department: 'cfa', fiscalYear: 2026, baseFiscalYear: 2025 },
  ];
  const refusal = (selection: Parameters<typeof selectBriefings>[1]) => {
    try {
      selectBriefings(CATALOGUE, selection);
    } catch (error) {
      if (error instanceof BriefingError) return error;
      throw error;
    }
    return undefined;
  };

  it('a name with another department says which edition the department has', () => {
    const error = refusal({ names: ['fy2026-vs-fy2025'], department: 'cfa' });
    expect(error?.code).toBe('usage');
    expect(error?.message).toBe('fy2026-vs-fy2025 is not an edition of department "cfa" (its edition: cfa-fy2026-vs-fy2025); leave out --department or the names');
  });

  it('a year no briefing covers names the years they cover', () => {
    expect(refusal({ year: 2030 })?.message).toBe('no briefing covers FY2030; the briefings cover FY2021–FY2026');
    expect(refusal({ names: ['fy2024-vs-fy2023'], year: 2026 })?.message).toMatch(/^no selected briefing covers FY2026/);
  });

  it('an empty shard is not refused (CI may run more shards than there are briefings)', () => {
    expect(selectBriefings(CATALOGUE.slice(0, 2), { shard: { index: 3, count: 3 } })).toEqual([]);
  });

  it.each([
    [['build', 'fy2026-vs-fy2025', '--department', 'cfa'], /fy2026-vs-fy2025 is not an edition of department "cfa"/],
    [['build', '--year', '1e3'], /--year takes a fiscal year .* found "1e3"/],
    [['build', '--year', '2030'], /no briefing covers FY2030/],
  ])('the CLI (%j) says why and exits 64', { timeout: 60_000 }, async (args, reason) => {
    const out = tempDir('selection-out');
    const run = await runCli([...args, '--out', out]);
    expect(run.code).toBe(64);
    expect(run.stderr).toMatch(reason);
    expect(run.stdout).not.toMatch(/0 briefings/);
    expect(filesIn(out)).toEqual([]);
  });
});

describe('the preview server and the Host header', () => {
  let server: PreviewServer;
  let port = 0;
  beforeAll(async () => {
    server = await startPreview({ name: 'fy2026-vs-fy2025', dataDir: DATA, templatesDir: TEMPLATES, port: 0 });
    port = Number(new URL(server.url).port);
  });
  afterAll(() => server?.close());

  /** The status of a request to the preview with the given Host header. */
  const statusFor = (host: string, pathname = '/assets/briefing.css'): Promise<number> =>
    new Promise((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port, path: pathname, headers: { host } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
    });

  it.each([['localhost'], ['127.0.0.1'], ['[::1]'], ['LOCALHOST']])('answers %s with its port', { timeout: 60_000 }, async (name) => {
    expect(await statusFor(`${name}:${port}`, '/')).toBe(200);
  });

  it.each([['evil.example:PORT'], ['attacker.test'], ['localhost'], ['127.0.0.1:1'], ['localhost.evil.example:PORT']])('refuses the Host %j with 403', async (host) => {
    expect(await statusFor(host.replace('PORT', String(port)))).toBe(403);
    expect(await statusFor(host.replace('PORT', String(port)), '/')).toBe(403);
  });

  it('refuses a request without a Host header (HTTP/1.0)', async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.end('GET / HTTP/1.0\r\n\r\n'));
      let text = '';
      socket.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      socket.on('end', () => resolve(text)).on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 403 /);
  });
});
