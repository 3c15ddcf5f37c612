import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type PreviewServer } from '../../src/preview/preview-server.ts';
import { briefingError, copyData, copyTemplates, edit } from '../support/build-helpers.ts';

/**
 * The preview server with a real browser: a page from a launched Chromium loads the preview like
 * a person's browser would (no request interception). The preview shows the briefing as the build
 * prints it, page by page, and reloads itself when a file of the (temporary copies of the) data
 * or templates changes.
 */
const data = copyData();
const templates = copyTemplates();
const reloads: string[] = [];
let server: PreviewServer;
let browser: Browser;
let page: Page;
const requested: string[] = [];

beforeAll(async () => {
  server = await startPreview({ name: 'fy2026-vs-fy2025', dataDir: data, templatesDir: templates, port: 0, onReload: (file) => void reloads.push(file) });
  browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'] });
  page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 1800 });
  page.on('request', (request) => void requested.push(request.url()));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The text of the pages as pdf.js read it from the printed PDF, once every page is drawn. */
const pagesText = async () => {
  await page.waitForFunction(() => document.body.dataset.drawn !== undefined, { timeout: 60_000 });
  return page.evaluate(() => Array.from(document.querySelectorAll('.page-text')).map((p) => p.textContent ?? ''));
};
const bodyText = () => page.evaluate(() => document.body.innerText);

/** The text of a PDF, as poppler reads it. */
function pdfText(pdf: Buffer): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'preview-pdf-')), 'briefing.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe('previewing a briefing as printed', () => {
  it('listens on a free port of the loopback interface', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(server.url).not.toMatch(/:0\/$/);
  });

  it('shows every printed page, with its running header and page number', { timeout: 120_000 }, async () => {
    const response = await page.goto(server.url, { waitUntil: 'load', timeout: 120_000 });
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toContain('text/html');
    const pages = await pagesText();
    // As many pages as the briefing prints (several), each numbered "n / total" as printed.
    const total = pages.length;
    expect(total).toBeGreaterThanOrEqual(4);
    expect(await page.$$eval('#pages canvas', (canvases) => canvases.length)).toBe(total);
    expect(pages[0]).toContain('医療分野の研究開発関連予算 令和8年度 vs 令和7年度');
    pages.forEach((text, i) => expect(text).toContain(`${i + 1} / ${total}`));
    expect(pages.join('\n')).toContain('1,238億円');
    expect(await page.title()).toContain('fy2026-vs-fy2025');
  });

  it('draws the pages (the canvases are not blank)', async () => {
    const inked = await page.$eval('#pages canvas', (canvas) => {
      const { data } = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height) ?? { data: new Uint8ClampedArray() };
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 255) < 128) dark++;
      return dark;
    });
    expect(inked).toBeGreaterThan(1000);
  });

  it('lists the layout findings of the build beside the pages ("no findings" when there are none)', async () => {
    const aside = await page.$eval('aside', (a) => a.textContent ?? '');
    expect(aside).toMatch(/Layout findings \((\d+)\)/);
    const count = Number(/Layout findings \((\d+)\)/.exec(aside)?.[1]);
    if (count === 0) expect(aside).toContain('no findings');
    else expect(await page.$$eval('#findings li', (items) => items.length)).toBe(count);
  });

  it('serves the PDF the build prints, and loads nothing but its own files', async () => {
    const pdf = await fetch(`${server.url}briefing.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfText(bytes)).toContain('1,238億円');
    const origin = new URL(server.url).origin;
    expect(requested.filter((url) => !url.startsWith(origin))).toEqual([]);
  });

  it('sends its content security policy: scripts only from the preview itself', async () => {
    for (const route of ['', '__briefings/preview.js']) {
      const response = await fetch(`${server.url}${route}`);
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    }
    expect(await (await fetch(server.url)).text()).not.toMatch(/<script>(?!<)/);
  });

  it('answers 404 for anything else', async () => {
    expect((await fetch(`${server.url}assets/nothing.css`)).status).toBe(404);
    expect((await fetch(`${server.url}../../etc/passwd`)).status).toBe(404);
  });

  it('prints again and reloads the page when a template changes, showing the change', { timeout: 120_000 }, async () => {
    edit(templates, 'strings/ja.yaml', (s) => s.replace('  overview: 概要\n', '  overview: 概要（改訂）\n'));
    await page.waitForFunction(() => Array.from(document.querySelectorAll('.page-text')).some((p) => p.textContent?.includes('概要（改訂）')), { timeout: 90_000 });
    expect(reloads.some((f) => f.includes('ja.yaml'))).toBe(true);
  });

  it('reloads the page when a data file changes', { timeout: 120_000 }, async () => {
    // An AMED total of 1300 no longer reconciles with its ministries: the preview shows the data error.
    edit(data, 'documents/fy2026-points.yaml', (s) => s.replace('        total: 1238\n', '        total: 1300\n'));
    await page.waitForFunction(() => document.title === 'Preview error', { timeout: 90_000 });
    expect(await bodyText()).toContain('fy2026-points.yaml');
    edit(data, 'documents/fy2026-points.yaml', (s) => s.replace('        total: 1300\n', '        total: 1238\n'));
    await page.waitForFunction(() => document.body.dataset.drawn !== undefined, { timeout: 90_000 });
    expect((await pagesText()).join('\n')).toContain('1,238億円');
  });

  it('shows an error page naming the broken template (HTTP 500), and keeps running', { timeout: 180_000 }, async () => {
    const file = path.join(templates, 'briefings', 'year-comparison.hbs');
    const source = readFileSync(file, 'utf8');
    writeFileSync(file, `${source}{{#if}}\n`);
    await new Promise((resolve) => setTimeout(resolve, 400)); // the watcher's pause
    const broken = await fetch(server.url);
    expect(broken.status).toBe(500);
    const html = await broken.text();
    expect(html).toContain('The briefing cannot be rendered');
    expect(html).toContain('year-comparison.hbs');
    // The open page reloads to the error page too.
    await page.waitForFunction(() => document.title === 'Preview error', { timeout: 90_000 });
    expect(await bodyText()).toContain('year-comparison.hbs');

    writeFileSync(file, source);
    await page.waitForFunction(() => Array.from(document.querySelectorAll('.page-text')).some((p) => p.textContent?.includes('概要（改訂）')), { timeout: 90_000 });
    expect((await fetch(server.url)).status).toBe(200);
  });

  it('rejects a briefing name that does not exist with a usage error, before listening', async () => {
    const error = await briefingError(() => startPreview({ name: 'fy2030-vs-fy2029', dataDir: data, templatesDir: templates, port: 0 }));
    expect(error.code).toBe('usage');
    expect(error.message).toContain('fy2030-vs-fy2029');
  });

  it('rejects a port that is taken with a usage error', async () => {
    const port = Number(new URL(server.url).port);
    const error = await briefingError(() => startPreview({ name: 'fy2026-vs-fy2025', dataDir: data, templatesDir: templates, port }));
    expect(error.code).toBe('usage');
    expect(error.message).toContain(String(port));
  });

  it('stops serving when closed', { timeout: 120_000 }, async () => {
    const other = await startPreview({ name: 'mext-fy2026-vs-fy2025', dataDir: data, templatesDir: templates, port: 0 });
    expect((await fetch(other.url)).status).toBe(200);
    await other.close();
    await expect(fetch(other.url)).rejects.toThrow();
  });
});
