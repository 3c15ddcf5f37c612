import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type PreviewServer } from '../../src/preview/preview-server.ts';
import { briefingError, copyData, copyTemplates, edit } from '../support/build-helpers.ts';

/**
 * The preview server with a real browser: a page from a launched Chromium loads the briefing
 * from the server like a person's browser would (no request interception), and reloads itself
 * when a file of the (temporary copies of the) data or templates changes.
 */
const data = copyData();
const templates = copyTemplates();
const reloads: string[] = [];
let server: PreviewServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startPreview({ name: 'fy2026-vs-fy2025', dataDir: data, templatesDir: templates, port: 0, onReload: (file) => void reloads.push(file) });
  browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'] });
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const bodyText = () => page.evaluate(() => document.body.innerText);

describe('previewing a briefing', () => {
  it('listens on a free port of the loopback interface', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(server.url).not.toMatch(/:0\/$/);
  });

  it('shows the briefing in a browser: its figures and its title', async () => {
    const response = await page.goto(server.url, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toContain('text/html');
    expect(await bodyText()).toContain('1,238億円');
    const title = await page.title();
    expect(title).toMatch(/令和8年度/);
    expect(await page.evaluate(() => document.querySelector('h1')?.textContent ?? '')).not.toBe('');
  });

  it('serves the stylesheet and the fonts the page uses, and the page uses them', async () => {
    const font = await fetch(`${server.url}assets/fonts/NotoSansJP-400.ttf`);
    expect(font.status).toBe(200);
    expect(font.headers.get('content-type')).toBe('font/ttf');
    // A TrueType font (the page's subset of Noto Sans JP).
    const bytes = Buffer.from(await font.arrayBuffer());
    expect(bytes.subarray(0, 4).toString('hex')).toBe('00010000');
    expect(bytes.byteLength).toBeGreaterThan(10_000);
    const css = await fetch(`${server.url}assets/briefing.css`);
    expect(css.status).toBe(200);
    expect(await css.text()).toContain('@font-face');
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const loaded = await page.evaluate(() => {
      const families: string[] = [];
      document.fonts.forEach((f) => void (f.status === 'loaded' && families.push(f.family)));
      return families;
    });
    expect(loaded).toContain('Noto Sans JP');
  });

  it('answers 404 for anything else', async () => {
    expect((await fetch(`${server.url}assets/nothing.css`)).status).toBe(404);
    expect((await fetch(`${server.url}../../etc/passwd`)).status).toBe(404);
  });

  it('reloads the page when a template changes, showing the change', async () => {
    edit(templates, 'strings/ja.yaml', (s) => s.replace('  overview: 概要\n', '  overview: 概要（改訂）\n'));
    await page.waitForFunction(() => document.body.innerText.includes('概要（改訂）'), { timeout: 10_000 });
    expect(reloads.some((f) => f.includes('ja.yaml'))).toBe(true);
  });

  it('reloads the page when a data file changes', async () => {
    // An AMED total of 1300 no longer reconciles with its ministries: the preview shows the data error.
    edit(data, 'documents/fy2026-points.yaml', (s) => s.replace('        total: 1238\n', '        total: 1300\n'));
    await page.waitForFunction(() => document.title === 'Preview error', { timeout: 10_000 });
    expect(await bodyText()).toContain('fy2026-points.yaml');
    edit(data, 'documents/fy2026-points.yaml', (s) => s.replace('        total: 1300\n', '        total: 1238\n'));
    await page.waitForFunction(() => document.body.innerText.includes('1,238億円'), { timeout: 10_000 });
  });

  it('shows an error page naming the broken template (HTTP 500), and keeps running', async () => {
    const file = path.join(templates, 'briefings', 'year-comparison.hbs');
    const source = readFileSync(file, 'utf8');
    writeFileSync(file, `${source}{{#if}}\n`);
    const broken = await fetch(server.url);
    expect(broken.status).toBe(500);
    const html = await broken.text();
    expect(html).toContain('The briefing cannot be rendered');
    expect(html).toContain('year-comparison.hbs');
    // The open page reloads to the error page too.
    await page.waitForFunction(() => document.title === 'Preview error', { timeout: 10_000 });
    expect(await bodyText()).toContain('year-comparison.hbs');

    writeFileSync(file, source);
    await page.waitForFunction(() => document.body.innerText.includes('概要（改訂）'), { timeout: 10_000 });
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

  it('stops serving when closed', async () => {
    const other = await startPreview({ name: 'mext-fy2026-vs-fy2025', dataDir: data, templatesDir: templates, port: 0 });
    expect((await fetch(other.url)).status).toBe(200);
    await other.close();
    await expect(fetch(other.url)).rejects.toThrow();
  });
});
