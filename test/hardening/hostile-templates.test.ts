import { appendFileSync, cpSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBriefings, type BriefingResult, type BuildOptions } from '../../src/build/build-briefings.ts';
import { BASE_BRIEFINGS } from '../../src/schema/base-briefings.ts';
import { loadDataset } from '../../src/validate/validate-dataset.ts';
import { BrowserSession } from '../../src/print/browser-session.ts';
import { BriefingError } from '../../src/problems.ts';
import { createRenderer } from '../../src/render/handlebars-env.ts';
import { renderBriefing } from '../../src/render/render-briefing.ts';
import { loadTemplateSet } from '../../src/render/template-set.ts';
import { copyOf, DATA, filesIn, pdfCompactText, pdfInfo, pdfsIn, TEMPLATES, removeTempDirs, tempDir } from '../support/hardening-helpers.ts';

afterAll(removeTempDirs);

/**
 * Templates (and data) written by someone hostile or careless: the page may load nothing but its
 * own assets, its scripts never run, HTML in data values stays text, template files may not lead
 * outside the templates folder, and a page that does not load in time fails alone.
 */
const NAME = 'fy2026-vs-fy2025';
const session = new BrowserSession();

/** A loopback server that counts every request: a request reaching it means a page got out. */
let spy: http.Server;
const spyHits: string[] = [];
let spyOrigin = '';
beforeAll(async () => {
  spy = http.createServer((req, res) => {
    spyHits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'image/png' }).end();
  });
  await new Promise<void>((resolve) => spy.listen(0, '127.0.0.1', resolve));
  spyOrigin = `http://127.0.0.1:${(spy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await session.close();
  await new Promise<void>((resolve) => (spy.close(() => resolve()), spy.closeAllConnections()));
});

const build = (options: Partial<BuildOptions> & { outDir: string }): Promise<BriefingResult[]> =>
  buildBriefings({ dataDir: DATA, templatesDir: TEMPLATES, names: [NAME], force: true, session, ...options });

/** The title a normal build gives the briefing (from the view model, without a browser). */
async function normalTitle(): Promise<string> {
  const { dataset } = await loadDataset(DATA);
  const spec = BASE_BRIEFINGS.find((b) => b.name === NAME);
  if (!spec) throw new Error(`${NAME} is no longer a base briefing`);
  const templates = await loadTemplateSet(TEMPLATES);
  return (await renderBriefing(dataset, spec, templates, createRenderer(templates))).meta.title;
}

describe('a hostile notes partial and HTML in the data', () => {
  const templates = copyOf(TEMPLATES, 'hostile-templates');
  const data = copyOf(DATA, 'hostile-data');
  const out = tempDir('hostile-out');
  let result: BriefingResult | undefined;
  const DATA_HTML = "<b>bold</b><script>document.body.append('INJECTED')</script>";

  beforeAll(async () => {
    appendFileSync(
      path.join(templates, 'partials', 'notes.hbs'),
      [
        '<img src="file:///etc/hostname">',
        '<img src="https://example.com/x.png">',
        '<link rel="stylesheet" href="http://127.0.0.1:9/x.css">',
        '<iframe src="https://example.com/"></iframe>',
        "<script>document.title='PWNED'</script>",
        "<script>document.body.insertAdjacentText('beforeend', 'PWNED')</script>",
        '<object data="file:///etc/passwd"></object>',
        `<img src="${spyOrigin}/spy.png">`,
        `<link rel="stylesheet" href="${spyOrigin}/spy.css">`,
        '',
      ].join('\n'),
    );
    const documentFile = path.join(data, 'documents', 'fy2026-points.yaml');
    const source = readFileSync(documentFile, 'utf8');
    const marker = 'text: アカデミア・企業連携による創薬研究の活性化';
    if (!source.includes(marker)) throw new Error('the initiatives text of p3-pharmaceuticals changed; update the test');
    writeFileSync(documentFile, source.replace(marker, `text: ${DATA_HTML}アカデミア・企業連携による創薬研究の活性化`));
    [result] = await build({ dataDir: data, templatesDir: templates, outDir: out });
  });

  const pdf = () => path.join(out, `${NAME}.pdf`);

  it('is built', () => {
    expect([result?.status, result?.error?.message]).toEqual(['built', undefined]);
    expect(pdfsIn(out)).toEqual([`${NAME}.pdf`]);
  });

  it('loads nothing from elsewhere: no request reached a server of this machine', () => {
    expect(spyHits).toEqual([]);
  });

  it('reports the refused images and stylesheets (file://, https, loopback) in result.blocked', () => {
    expect(result?.blocked).toEqual(
      expect.arrayContaining(['file:///etc/hostname', 'https://example.com/x.png', 'http://127.0.0.1:9/x.css', `${spyOrigin}/spy.png`, `${spyOrigin}/spy.css`]),
    );
  });

  // Chrome words these refusals "Framing '…' violates …" and "Loading plugin data from '…' violates …".
  it('reports the refused frame and object (https and file://) in result.blocked too', () => {
    expect(result?.blocked).toEqual(expect.arrayContaining(['https://example.com/', 'file:///etc/passwd']));
  });

  it('runs no script: the text has no PWNED and the PDF title is the normal one', async () => {
    expect(pdfCompactText(pdf())).not.toContain('PWNED');
    const title = pdfInfo(pdf()).Title;
    expect(title).not.toContain('PWNED');
    expect(title).toBe(await normalTitle());
  });

  it('prints HTML found in a data value as literal text', () => {
    const text = pdfCompactText(pdf());
    expect(text).toContain(DATA_HTML.replace(/\s+/g, ''));
    expect(text).not.toMatch(/(?<!')INJECTED/);
  });
});

describe('template files that lead outside the templates folder', () => {
  const outside = tempDir('hostile-outside');

  it('refuses a partial that is a symlink to /etc/hostname, naming it, before printing anything', async () => {
    const templates = copyOf(TEMPLATES, 'hostile-symlink-partial');
    const partial = path.join(templates, 'partials', 'notes.hbs');
    rmSync(partial);
    symlinkSync('/etc/hostname', partial);
    const out = tempDir('hostile-symlink-out');

    const direct = await loadTemplateSet(templates).then(() => undefined, (e: unknown) => e);
    expect(direct).toBeInstanceOf(BriefingError);
    expect((direct as BriefingError).code).toBe('template');
    expect((direct as BriefingError).message).toContain(partial);

    const built = await build({ templatesDir: templates, outDir: out }).then(
      (results) => results,
      (e: unknown) => e,
    );
    expect(built).toBeInstanceOf(BriefingError);
    expect((built as BriefingError).message).toContain(partial);
    expect((built as BriefingError).message).toMatch(/outside the templates folder/);
    expect(pdfsIn(out)).toEqual([]);
  });

  it('refuses a department folder that is a symlink to a folder outside, naming it', async () => {
    const templates = copyOf(TEMPLATES, 'hostile-symlink-department');
    const target = path.join(outside, 'evil');
    cpSync(path.join(TEMPLATES, 'departments', 'mext'), target, { recursive: true });
    const link = path.join(templates, 'departments', 'evil');
    symlinkSync(target, link);
    const out = tempDir('hostile-department-out');

    const direct = await loadTemplateSet(templates, 'evil').then(() => undefined, (e: unknown) => e);
    expect(direct).toBeInstanceOf(BriefingError);
    expect((direct as BriefingError).code).toBe('template');
    expect((direct as BriefingError).message).toContain(link);

    // Asking the build for its edition is refused too, naming it; nothing is printed.
    const built = await build({ templatesDir: templates, outDir: out, names: ['evil-fy2026-vs-fy2025'] }).then(
      (results) => results,
      (e: unknown) => e,
    );
    expect(built).toBeInstanceOf(BriefingError);
    expect((built as BriefingError).message).toContain('evil');
    expect(pdfsIn(out)).toEqual([]);
  });

  it('fails the edition of a department whose settings file is a symlink to a file outside, naming it; no PDF', async () => {
    const templates = copyOf(TEMPLATES, 'hostile-symlink-settings');
    const target = path.join(outside, 'department.yaml');
    cpSync(path.join(TEMPLATES, 'departments', 'mic', 'department.yaml'), target);
    const settings = path.join(templates, 'departments', 'mic', 'department.yaml');
    rmSync(settings);
    symlinkSync(target, settings);
    const out = tempDir('hostile-settings-out');

    const [result] = await build({ templatesDir: templates, outDir: out, names: ['mic-fy2026-vs-fy2025'] });
    expect(result?.status).toBe('failed');
    expect(result?.error).toBeInstanceOf(BriefingError);
    expect((result?.error as BriefingError).code).toBe('template');
    expect(result?.error?.message).toContain(path.join(templates, 'departments', 'mic'));
    expect(result?.error?.message).toMatch(/outside/);
    expect(pdfsIn(out)).toEqual([]);
  });
});

describe('a page that cannot load in time', () => {
  it('fails with a BriefingError about the time-out, writes no PDF, and the session still builds afterwards', { timeout: 60_000 }, async () => {
    const out = tempDir('hostile-timeout');
    const [slow] = await build({ outDir: out, timeoutMs: 1 });
    expect(slow?.status).toBe('failed');
    expect(slow?.error).toBeInstanceOf(BriefingError);
    expect(slow?.error?.message).toMatch(/time|fail/i);
    expect(pdfsIn(out)).toEqual([]);
    expect(filesIn(out).filter((n) => n.endsWith('.tmp') || n === '.briefings.lock')).toEqual([]);
    expect(await session.openPages()).toBe(0);

    const [normal] = await build({ outDir: out, timeoutMs: 60_000 });
    expect([normal?.status, normal?.error?.message]).toEqual(['built', undefined]);
    expect(pdfsIn(out)).toEqual([`${NAME}.pdf`]);
    expect(await session.openPages()).toBe(0);
  });
});
