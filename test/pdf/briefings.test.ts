import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBriefings, type BriefingResult } from '../../src/build/build-briefings.ts';
import { BrowserSession } from '../../src/print/browser-session.ts';
import { pdfCatalogEntry, pdfFonts, pdfInfo, pdfOutline, pdfText, pdfTextCompact } from './pdf-tools.ts';

const session = new BrowserSession();
const env = { ...process.env, SOURCE_DATE_EPOCH: '' };
const first = mkdtempSync(path.join(os.tmpdir(), 'briefings-a-'));
const second = mkdtempSync(path.join(os.tmpdir(), 'briefings-b-'));
let results: BriefingResult[] = [];
let again: BriefingResult[] = [];

const build = (outDir: string, extra: Partial<Parameters<typeof buildBriefings>[0]> = {}) =>
  buildBriefings({ dataDir: 'data', templatesDir: 'templates', outDir, session, env, ...extra });
const pdf = (name: string, dir = first) => path.join(dir, `${name}.pdf`);

beforeAll(async () => {
  results = await build(first);
  again = await build(second);
});
afterAll(() => session.close());

describe('building all briefings', () => {
  it('builds the four briefings the README promises and one edition per department, each of several pages', () => {
    expect(results.map((r) => [r.name, r.status])).toEqual([
      ['fy2026-vs-fy2025', 'built'],
      ['fy2024-vs-fy2023', 'built'],
      ['trend-fy2021-fy2026', 'built'],
      ['pharmaceuticals-programs-fy2025', 'built'],
      ...['cao', 'cfa', 'english', 'meti', 'mext', 'mhlw', 'mic'].map((d) => [`${d}-fy2026-vs-fy2025`, 'built']),
    ]);
    for (const r of results) {
      expect(r.pages).toBeGreaterThanOrEqual(r.name.includes('-fy2026-vs-') && !r.name.startsWith('fy') ? 2 : 3);
      expect(pdfInfo(pdf(r.name)).Pages).toBe(String(r.pages));
    }
  });

  it('leaves nothing but the PDFs, their workbooks and JSON, and the build manifest in the output folder (no temporary files)', () => {
    expect(readdirSync(first).sort()).toEqual(['.briefings-manifest.json', ...results.flatMap((r) => ['pdf', 'xlsx', 'json'].map((ext) => `${r.name}.${ext}`))].sort());
  });

  it('gives byte-identical PDFs, workbooks and JSON for the same inputs', () => {
    for (const r of results) {
      const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
      expect(sha(pdf(r.name, second)), r.name).toBe(sha(pdf(r.name)));
      for (const ext of ['xlsx', 'json']) expect(sha(path.join(second, `${r.name}.${ext}`)), `${r.name}.${ext}`).toBe(sha(path.join(first, `${r.name}.${ext}`)));
      expect(again.find((x) => x.name === r.name)?.sha256).toBe(r.sha256);
    }
  });
});

describe('the FY2026 vs FY2025 comparison', () => {
  const text = () => pdfTextCompact(pdf('fy2026-vs-fy2025'));

  it('states the headline figures in the documents’ style', () => {
    expect(text()).toContain('AMED対象経費は1,238億円（前年度比+6億円、+0.5%）');
    expect(text()).toContain('インハウス研究機関経費は841億円（同+28億円、+3.5%）');
    expect(text()).toContain('両者の合計は2,079億円（同+34億円、+1.7%）');
    expect(text()).toContain('令和7年度補正予算では738億円（AMED対象経費404億円、インハウス研究機関経費334億円）を計上');
    expect(text()).toContain('科学技術イノベーション創造推進費（595億円）のうち175億円');
  });

  it('shows the ministry breakdown with changes and shares', () => {
    expect(text()).toContain('文部科学省583億円583億円±0億円±0.0%47.1%');
    expect(text()).toContain('経済産業省86億円61億円+25億円+41.0%10.2%');
  });

  it('lists the eight projects with the AMED / in-house split and the remaining expenses', () => {
    expect(text()).toContain('医薬品プロジェクト355億円308億円46億円');
    expect(text()).toContain('イノベーション・エコシステムプロジェクト記載なし（基金事業）');
    expect(text()).toContain('69億円777億円');
    expect(text()).toContain('令和7年度のプロジェクト別の金額は資料に記載がない');
  });

  it('closes with sources and notes, naming what the document does not state', () => {
    expect(text()).toContain('出典と注記');
    expect(text()).toContain('端数において合計とは合致しないものがある');
    expect(text()).toContain('精査により計数等に異動が生じる場合がある');
    expect(text()).toContain('資料に記載のない事項');
  });

  it('has page numbers and a running header on every page', () => {
    const pages = pdfText(pdf('fy2026-vs-fy2025'))
      .split('\f')
      .filter((p) => p.trim())
      .map((p) => p.replace(/\s+/g, ''));
    const count = pages.length;
    pages.forEach((page, i) => {
      expect(page).toContain(`${i + 1}/${count}`);
      expect(page).toContain('医療分野の研究開発関連予算令和8年度vs令和7年度');
    });
  });
});

describe('the FY2024 vs FY2023 comparison', () => {
  const text = () => pdfTextCompact(pdf('fy2024-vs-fy2023'));

  it('writes decreases with ▲', () => {
    expect(text()).toContain('AMED対象経費は1,245億円（前年度比▲3億円、▲0.3%）');
  });

  it('keeps a ministry that is not listed apart from one listed with 0', () => {
    expect(text()).toContain('こども家庭庁0億円記載なし');
  });

  it('shows the 2nd-period projects and says the remaining expenses are not stated', () => {
    expect(text()).toContain('統合プロジェクト（第2期健康・医療戦略');
    expect(text()).toContain('ゲノム・データ基盤プロジェクト184億円166億円18億円');
    expect(text()).toContain('令和6年度のプロジェクトに含まれない経費');
  });
});

describe('the FY2021–FY2026 trend', () => {
  const text = () => pdfTextCompact(pdf('trend-fy2021-fy2026'));

  it('keeps initial and supplementary budgets apart and marks the unstated years', () => {
    expect(text()).toContain('令和5年度1,248億円796億円2,044億円650億円29億円679億円');
    expect(text()).toContain('令和6年度1,245億円805億円2,050億円記載なし記載なし記載なし');
  });

  it('starts with the partial 令和3年度 edition, cited as a secondary source, its gaps 記載なし', () => {
    expect(text()).toContain('令和3年度1,261億円記載なし記載なし記載なし記載なし記載なし');
    expect(text()).toContain('令和4年度記載なし記載なし記載なし');
    expect(text()).toContain('二次資料：JGANews2021No.154「AMEDとは」（日本ジェネリック製薬協会）');
    expect(text()).toContain('令和3年度当初予算のインハウス研究機関経費');
  });

  it('gives every year’s project figures within a strategy period, with the change from the year before', () => {
    expect(text()).toContain('第2期健康・医療戦略のプロジェクト別予算（令和3年度～令和6年度）');
    expect(text()).toContain('1.医薬品プロジェクト383億円AMED336億円・インハウス47億円記載なし記載なし366億円');
    expect(text()).toContain('▲17億円（▲4.4%）（令和3年度比）');
  });

  it('says which project comparisons are like-for-like and which are restructured', () => {
    expect(text()).toContain('同一名称の比較（戦略期間は異なる）');
    expect(text()).toContain('再編後の参考比較（同一のプロジェクトではない）');
    expect(text()).toContain('新設');
    expect(text()).toContain('構成が異なります');
  });
});

describe('the 医薬品プロジェクト program detail', () => {
  const text = () => pdfTextCompact(pdf('pharmaceuticals-programs-fy2025'));

  it('is labelled as FY2025 draft figures', () => {
    expect(pdfInfo(pdf('pharmaceuticals-programs-fy2025')).Title).toContain('令和7年度予算額(案)');
    expect(text()).toContain('令和7年度（2025年度）の予算案の数値であり');
  });

  it('lists programs by amount with ministry, group and flags, and the in-house part', () => {
    expect(text()).toContain('1次世代治療・診断実現のための創薬基盤技術開発事業');
    expect(text()).toContain('創薬支援推進事業拡充新規');
    expect(text()).toContain('35億円38億円');
    expect(text()).toContain('医薬品等規制調和・評価研究事業の所管省庁');
  });
});

describe('PDF structure', () => {
  it('carries title, subject, author, keywords and language, and no build time', async () => {
    const info = pdfInfo(pdf('fy2026-vs-fy2025'));
    expect(info.Title).toBe('令和8年度 医療分野の研究開発関連予算 前年度比較');
    expect(info.Subject).toContain('FY2026');
    expect(info.Author).toBe('medical-rd-budget-briefings'); // no author in the config: the tool, never the source's publisher
    expect(info.Keywords).toContain('AMED');
    expect(info.Tagged).toBe('yes');
    expect(info.CreationDate).toBeUndefined();
    expect(await pdfCatalogEntry(pdf('fy2026-vs-fy2025'), 'Lang')).toBe('ja');
  });

  it('has bookmarks from the headings', async () => {
    const outline = await pdfOutline(pdf('fy2026-vs-fy2025'));
    expect(outline).toEqual(expect.arrayContaining(['令和8年度 医療分野の研究開発関連予算 前年度比較', '概要', '省庁別の内訳', '出典と注記']));
  });

  it('embeds only the bundled Noto Sans JP fonts', () => {
    for (const r of results) {
      const fonts = pdfFonts(pdf(r.name));
      expect(fonts.length).toBeGreaterThan(0);
      for (const font of fonts) {
        expect(font.name).toMatch(/^[A-Z]{6}\+NotoSansJP-(Regular|Bold)$/);
        expect(font.embedded).toBe(true);
      }
    }
  });

  it('honours SOURCE_DATE_EPOCH for the document dates', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'briefings-epoch-'));
    const [r] = await build(dir, { names: ['trend-fy2021-fy2026'], env: { SOURCE_DATE_EPOCH: '1700000000' } });
    expect(r?.status).toBe('built');
    expect(pdfInfo(pdf('trend-fy2021-fy2026', dir)).CreationDate).toMatch(/Nov 14 .*2023/);
  });

  it('writes nothing for a briefing name that does not exist', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'briefings-none-'));
    await expect(build(dir, { names: ['fy2099'] })).rejects.toThrow(/no briefing named fy2099; the briefings are: fy2026-vs-fy2025/);
    expect(existsSync(pdf('fy2099', dir))).toBe(false);
  });
});

describe('a briefing that fails', () => {
  it('leaves no PDF, while the other briefings still build', async () => {
    const templates = mkdtempSync(path.join(os.tmpdir(), 'templates-broken-'));
    cpSync('templates', templates, { recursive: true });
    const body = path.join(templates, 'briefings', 'trend.hbs');
    writeFileSync(body, `{{#each sentences}}\n${readFileSync(body, 'utf8')}`);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'briefings-broken-'));
    const built = await build(dir, { templatesDir: templates });
    const trend = built.find((r) => r.name === 'trend-fy2021-fy2026');
    expect(trend?.status).toBe('failed');
    expect(trend?.error?.message).toMatch(/briefings\/trend\.hbs:\d+: template error/);
    expect(existsSync(pdf('trend-fy2021-fy2026', dir))).toBe(false);
    expect(built.filter((r) => r.status === 'built')).toHaveLength(built.length - 1);
    expect(readdirSync(dir)).not.toContain('trend-fy2021-fy2026.pdf');
    expect(readdirSync(dir).filter((f) => f.endsWith('.pdf'))).toHaveLength(built.length - 1);
  }, 180_000);
});

describe('tables across pages', () => {
  it('keep a short table whole on one page, with its header once', () => {
    const pages = pdfText(pdf('pharmaceuticals-programs-fy2025'))
      .split('\f')
      .map((p) => p.replace(/\s+/g, ''));
    const withHeader = pages.filter((p) => p.includes('順位事業所管区分金額インハウス'));
    expect(withHeader).toHaveLength(1);
    expect(withHeader[0]).toContain('医薬品等規制調和・評価研究事業');
  });

  it('repeat the header row of a long table on every page it runs onto', async () => {
    const templates = mkdtempSync(path.join(os.tmpdir(), 'templates-long-table-'));
    cpSync('templates', templates, { recursive: true });
    const notes = path.join(templates, 'partials', 'notes.hbs');
    const rows = Array.from({ length: 90 }, (_, i) => `<tr><th scope="row">行${i + 1}</th><td>${i + 1}億円</td></tr>`).join('');
    writeFileSync(notes, `<table class="figures"><thead><tr><th scope="col">長い表の見出し</th><th scope="col">金額</th></tr></thead><tbody>${rows}</tbody></table>\n${readFileSync(notes, 'utf8')}`);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'briefings-long-table-'));
    const [r] = await build(dir, { templatesDir: templates, names: ['trend-fy2021-fy2026'] });
    expect(r?.status, r?.error?.message).toBe('built');
    const pages = pdfText(pdf('trend-fy2021-fy2026', dir)).split('\f');
    const withRows = pages.filter((p) => /行\d+/.test(p));
    expect(withRows.length).toBeGreaterThanOrEqual(2);
    for (const page of withRows) expect(page).toContain('長い表の見出し');
  }, 120_000);
});

describe('a page that asks for outside resources', () => {
  it('gets nothing, and the build reports each blocked request', async () => {
    const templates = mkdtempSync(path.join(os.tmpdir(), 'templates-fetch-'));
    cpSync('templates', templates, { recursive: true });
    const notes = path.join(templates, 'partials', 'notes.hbs');
    writeFileSync(notes, `<img src="https://example.com/tracker.png" alt=""><link rel="stylesheet" href="http://127.0.0.1:9/x.css">\n${readFileSync(notes, 'utf8')}`);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'briefings-fetch-'));
    const [r] = await build(dir, { templatesDir: templates, names: ['trend-fy2021-fy2026'] });
    expect(r?.status).toBe('built');
    expect(r?.blocked).toEqual(expect.arrayContaining(['https://example.com/tracker.png', 'http://127.0.0.1:9/x.css']));
  });
});
