import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAtomically } from '../../src/build/write-output.ts';
import { main } from '../../src/cli.ts';
import { EXIT } from '../../src/cli/exit-codes.ts';
import { append, captureIo, copyTemplates, DATA, filesIn, tempDir } from '../support/build-helpers.ts';

/**
 * `briefings build --html`: three briefings, two of them department editions with a logo each
 * (mhlw's own, and one given to cao in a templates copy), into one output folder.
 */
const NAMES = ['fy2024-vs-fy2023', 'mhlw-fy2026-vs-fy2025', 'cao-fy2026-vs-fy2025'];
const CAO_LOGO = '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="#4a3a8c"/></svg>\n';
const templates = copyTemplates();
writeFileSync(path.join(templates, 'departments', 'cao', 'logo.svg'), CAO_LOGO);
append(templates, 'departments/cao/department.yaml', 'logo: logo.svg\n');
const out = tempDir('html');
/** Each page is written to out/html/<name>/ with its own assets. */
const pageDir = (name: string) => path.join(out, 'html', name);
const html = (name: string) => readFileSync(path.join(pageDir(name), 'index.html'), 'utf8');
/** The code points a font file has glyphs for (fontconfig's fc-query). */
function charset(font: string): (codePoint: number) => boolean {
  const ranges = execFileSync('fc-query', ['--format', '%{charset}', font], { encoding: 'utf8' })
    .trim()
    .split(/\s+/)
    .map((r) => r.split('-').map((h) => Number.parseInt(h, 16)));
  return (cp) => ranges.some(([from = -1, to = from]) => from <= cp && cp <= to);
}

/** Every src= and href= of a page. */
const references = (page: string) => [...page.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1] ?? '');

let code = -1;
let browser: Browser | undefined;
beforeAll(async () => {
  const { io, out: outLines, err } = captureIo();
  code = await main(['build', ...NAMES, '--data', DATA, '--templates', templates, '--out', out, '--html'], io);
  if (code !== EXIT.ok) throw new Error([...outLines, ...err].join("\n"));
  browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'] });
});
afterAll(async () => {
  await browser?.close();
});

describe('build --html', () => {
  it('writes each briefing’s HTML in a folder of its own beside its PDF, with the stylesheet and the fonts', () => {
    expect(code).toBe(EXIT.ok);
    const files = filesIn(out);
    for (const name of NAMES) {
      expect(files).toContain(`${name}.pdf`);
      expect(filesIn(pageDir(name))).toEqual(expect.arrayContaining(['index.html', 'assets']));
      expect(filesIn(path.join(pageDir(name), 'assets'))).toEqual(expect.arrayContaining(['briefing.css', 'fonts']));
      expect(filesIn(path.join(pageDir(name), 'assets', 'fonts'))).toEqual(['NotoSansJP-400.ttf', 'NotoSansJP-700.ttf']);
      expect(filesIn(pageDir(name)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    }
    // No temporary files are left behind.
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refers to its assets by relative paths that exist in the output folder', () => {
    for (const name of NAMES) {
      const page = html(name);
      expect(page, name).toContain('href="assets/briefing.css"');
      expect(page, name).not.toMatch(/["'(]\/assets\//);
      for (const ref of references(page).filter((r) => !r.startsWith('#') && !r.startsWith('data:'))) {
        expect(ref, `${name}: ${ref}`).not.toMatch(/^(\/|[a-z]+:)/i);
        expect(existsSync(path.join(pageDir(name), ref)), `${name}: ${ref}`).toBe(true);
      }
    }
    expect(references(html('mhlw-fy2026-vs-fy2025'))).toContain('assets/department/logo.svg');
    // The stylesheet finds the fonts relative to itself, too.
    const css = readFileSync(path.join(pageDir('mhlw-fy2026-vs-fy2025'), 'assets', 'briefing.css'), 'utf8');
    expect(css).not.toMatch(/url\(\s*["']?\//);
    for (const m of css.matchAll(/url\(\s*["']?([^"')]+)/g)) expect(existsSync(path.join(pageDir('mhlw-fy2026-vs-fy2025'), 'assets', m[1] ?? '')), m[1]).toBe(true);
  });

  it('holds the briefing’s text', () => {
    expect(html('fy2024-vs-fy2023')).toContain('<title>');
    expect(html('mhlw-fy2026-vs-fy2025')).toContain('厚生労働省');
  });

  it('opens from disk in a browser with its stylesheet, fonts and logo loaded', async () => {
    const page = await (browser as Browser).newPage();
    try {
      for (const name of ['fy2024-vs-fy2023', 'mhlw-fy2026-vs-fy2025']) {
        const failed: string[] = [];
        page.on('requestfailed', (r) => void failed.push(r.url()));
        await page.goto(pathToFileURL(path.join(pageDir(name), 'index.html')).href, { waitUntil: 'load' });
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        const state = await page.evaluate(() => {
          const fonts: string[] = [];
          document.fonts.forEach((f) => void fonts.push(`${f.family} ${f.weight} ${f.status}`));
          return { sheets: document.styleSheets.length, fonts, images: Array.from(document.images, (i) => i.complete && i.naturalWidth > 0) };
        });
        expect(failed, name).toEqual([]);
        expect(state.sheets, name).toBeGreaterThan(0);
        expect(state.fonts, name).toContain('Noto Sans JP 400 loaded');
        expect(state.images.every(Boolean), name).toBe(true);
        page.removeAllListeners('requestfailed');
      }
    } finally {
      await page.close();
    }
  });

  it('writes the HTML even when the PDF is up to date', async () => {
    const file = path.join(pageDir('fy2024-vs-fy2023'), 'index.html');
    writeFileSync(file, 'stale');
    const { io } = captureIo();
    expect(await main(['build', 'fy2024-vs-fy2023', '--data', DATA, '--templates', templates, '--out', out, '--html'], io)).toBe(EXIT.ok);
    expect(readFileSync(file, 'utf8')).toContain('<html');
  });

  // Regression: logos used to share one out/assets/department/logo.svg.
  it('gives each department edition its own logo', () => {
    const logoOf = (name: string) => {
      const ref = references(html(name)).find((r) => r.includes('logo'));
      return ref === undefined ? undefined : readFileSync(path.join(pageDir(name), ref), 'utf8');
    };
    expect(logoOf('cao-fy2026-vs-fy2025')).toBe(CAO_LOGO);
    expect(logoOf('mhlw-fy2026-vs-fy2025')).toBe(readFileSync(path.join(templates, 'departments', 'mhlw', 'assets', 'logo.svg'), 'utf8'));
  });

  // Regression: the temporary file was named after the target and the process id only, so two
  // writes of one file at once shared it and the second rename failed.
  it('writes one file from concurrent writers without a clash (as --html does for shared assets)', async () => {
    const file = path.join(tempDir('concurrent'), 'assets', 'briefing.css');
    await Promise.all([1, 2, 3].map((n) => writeAtomically(file, Buffer.alloc(100_000, n))));
    expect(readFileSync(file)).toHaveLength(100_000);
  });

  // Regression: the subset fonts of the first page written used to serve every page.
  it('writes fonts that have the glyphs of every page written', () => {
    for (const name of NAMES) {
      const has = charset(path.join(pageDir(name), 'assets', 'fonts', 'NotoSansJP-400.ttf'));
      const text = html(name).replace(/<[^>]*>/g, '');
      const missing = [...new Set(text)].filter((c) => (c.codePointAt(0) ?? 0) > 0x7f && !/\s/.test(c) && !has(c.codePointAt(0) ?? 0));
      expect(missing.join(''), name).toBe('');
    }
  });
});
