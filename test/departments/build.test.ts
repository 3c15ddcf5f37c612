import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBriefings, type BriefingResult } from '../../src/build/build-briefings.ts';
import { readManifest } from '../../src/build/manifest.ts';
import { BriefingError, formatProblem } from '../../src/problems.ts';
import { BrowserSession } from '../../src/print/browser-session.ts';
import { copyTemplates, pdfCompactText, pdfInfo, put, TEMPLATES } from '../support/departments-helpers.ts';

/** One Chromium for the whole file; four PDFs in all. */
const session = new BrowserSession();
const env = { ...process.env, SOURCE_DATE_EPOCH: '' };
const out = mkdtempSync(path.join(os.tmpdir(), 'dept-build-'));
const brokenOut = mkdtempSync(path.join(os.tmpdir(), 'dept-build-broken-'));
const brokenTemplates = copyTemplates();
const brokenSettings = put(brokenTemplates, 'departments/broken/department.yaml', 'name: 壊れた局\nshortName: 壊れた局\nministry: 経\nlanguage: fr\n');

const EDITIONS = ['mhlw-fy2026-vs-fy2025', 'english-fy2026-vs-fy2025', 'cao-fy2026-vs-fy2025'];
let results: BriefingResult[] = [];
let brokenResults: BriefingResult[] = [];
const pdf = (name: string) => path.join(out, `${name}.pdf`);
const pdfsIn = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.pdf')).sort();

async function catalogEntry(file: string, key: string): Promise<string | undefined> {
  const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
  const value = doc.catalog.get(PDFName.of(key));
  if (value instanceof PDFString || value instanceof PDFHexString) return value.decodeText();
  return value === undefined ? undefined : String(value);
}

beforeAll(async () => {
  results = await buildBriefings({ dataDir: 'data', templatesDir: TEMPLATES, outDir: out, names: EDITIONS, session, env });
  brokenResults = await buildBriefings({
    dataDir: 'data',
    templatesDir: brokenTemplates,
    outDir: brokenOut,
    names: ['broken-fy2026-vs-fy2025', 'trend-fy2021-fy2026'],
    session,
    env,
  });
});
afterAll(() => session.close());

describe('building department editions into PDFs', () => {
  it('builds the three editions asked for (in catalogue order), and nothing else', () => {
    expect(results.map((r) => [r.name, r.status, r.error?.message])).toEqual([...EDITIONS].sort().map((n) => [n, 'built', undefined]));
    expect(pdfsIn(out)).toEqual(EDITIONS.map((n) => `${n}.pdf`).sort());
    for (const r of results) {
      expect(r.blocked, r.name).toEqual([]);
      expect(pdfInfo(pdf(r.name)).Pages).toBe(String(r.pages));
    }
  });

  it('prints the mhlw edition with its wording, its key points and its sections', () => {
    const text = pdfCompactText(pdf('mhlw-fy2026-vs-fy2025'));
    expect(text).toContain('厚生労働省版令和8年度医療分野の研究開発関連予算');
    expect(text).toContain('要点');
    expect(text).toContain('AMED対象経費は481億円（前年度比+2億円、+0.4%）');
    const at = (s: string) => text.indexOf(s);
    expect(at('医薬品プロジェクトの事業（令和7年度予算額(案)）')).toBeGreaterThan(at('要点'));
    expect(at('厚生労働省分の当初予算の推移')).toBeGreaterThan(at('医薬品プロジェクトの事業（令和7年度予算額(案)）'));
    expect(at('出典と注記')).toBeGreaterThan(at('厚生労働省分の当初予算の推移'));
    expect(pdfInfo(pdf('mhlw-fy2026-vs-fy2025')).Title).toBe('厚生労働省版 令和8年度 医療分野の研究開発関連予算');
  });

  it('prints the English edition in English, with English as the PDF language', async () => {
    const file = pdf('english-fy2026-vs-fy2025');
    const text = pdfCompactText(file);
    expect(text).toContain('AMEDexpenses:1,238(¥100M)(+6,+0.5%onthepreviousyear)');
    expect(text).toContain('MinistryofEducation,Culture,Sports,ScienceandTechnology');
    expect(pdfInfo(file).Title).toBe('Medical R&D budget FY2026: comparison with FY2025');
    expect(await catalogEntry(file, 'Lang')).toBe('en');
    expect(await catalogEntry(pdf('mhlw-fy2026-vs-fy2025'), 'Lang')).toBe('ja');
  });

  it('prints the 内閣府 edition with what the documents do state about it', () => {
    const text = pdfCompactText(pdf('cao-fy2026-vs-fy2025'));
    expect(text).toContain('内閣府は令和8年度と令和7年度の当初予算の内訳に記載がありません');
    expect(text).toContain('令和7年度補正予算：AMED対象経費120億円');
    expect(text).toContain('令和5年度補正予算：AMED対象経費365億円');
    expect(text).toContain('科学技術イノベーション創造推進費（595億円）が計上され、そのうち175億円');
    expect(pdfInfo(pdf('cao-fy2026-vs-fy2025')).Title).toBe('内閣府版 令和8年度 医療分野の研究開発関連予算');
  });
});

describe('a department with broken settings', () => {
  it('fails only its own edition, naming its department.yaml and the line, while the base briefing builds', () => {
    expect(brokenResults.map((r) => [r.name, r.status])).toEqual([
      ['trend-fy2021-fy2026', 'built'],
      ['broken-fy2026-vs-fy2025', 'failed'],
    ]);
    const error = brokenResults.find((r) => r.name === 'broken-fy2026-vs-fy2025')?.error;
    expect(error).toBeInstanceOf(BriefingError);
    expect(error?.message).toBe(`${brokenSettings}: the department settings are not valid`);
    const problems = (error as BriefingError).problems.map(formatProblem);
    expect(problems).toEqual([expect.stringMatching(new RegExp(`^${brokenSettings.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4 language: .*"fr"`))]);
    expect(pdfsIn(brokenOut)).toEqual(['trend-fy2021-fy2026.pdf']);
    expect(existsSync(path.join(brokenOut, 'broken-fy2026-vs-fy2025.pdf'))).toBe(false);
  });

  it('records only the briefing that built in the manifest, so the broken edition is tried again next time', async () => {
    expect(Object.keys((await readManifest(brokenOut)).briefings)).toEqual(['trend-fy2021-fy2026']);
  });
});

describe('an English trend, configured like any briefing with department: english', () => {
  const englishOut = mkdtempSync(path.join(os.tmpdir(), 'dept-build-trend-en-'));
  let trendResults: BriefingResult[] = [];
  beforeAll(async () => {
    trendResults = await buildBriefings({
      dataDir: 'data',
      templatesDir: TEMPLATES,
      outDir: englishOut,
      briefings: [{ name: 'trend-en', kind: 'trend', fromFiscalYear: 2023, toFiscalYear: 2026, department: 'english' }],
      departmentEditions: false,
      latestComparison: false,
      outputs: ['pdf'],
      session,
      env,
    });
  });

  it('prints in English, with English names and no ▲', () => {
    expect(trendResults.map((r) => [r.name, r.status, r.error?.message])).toEqual([['trend-en', 'built', undefined]]);
    const text = pdfCompactText(path.join(englishOut, 'trend-en.pdf'));
    expect(text).toContain("Japan'smedicalR&Dbudgetovertime(FY2023–FY2026)");
    expect(text).toContain('Integratedprojects:FY2024(2ndHealthcarePolicy)andFY2026(3rdHealthcarePolicy)');
    expect(text).toContain('MinistryofHealth,LabourandWelfare');
    expect(text).not.toContain('▲');
  });
});
