import { existsSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBriefings, type BriefingResult } from '../../src/build/build-briefings.ts';
import { exitCodeOf } from '../../src/cli/build-command.ts';
import { EXIT } from '../../src/cli/exit-codes.ts';
import type { LayoutFinding } from '../../src/inspect/layout-finding.ts';
import { BrowserSession } from '../../src/print/browser-session.ts';
import type { BriefingSpec } from '../../src/schema/briefing.ts';
import { copyTemplates, put } from '../support/departments-helpers.ts';

/**
 * Each check fires on a department whose layout.hbs is written to trigger it, and the checks stay
 * quiet on a clean one. One Chromium for the file; seven small PDFs in all.
 */
const session = new BrowserSession();
const env = { ...process.env, SOURCE_DATE_EPOCH: '' };
const templates = copyTemplates();

/** A whole page of our own: the base stylesheet (for its @page margins), then the case's HTML. */
const layout = (body: string) =>
  `<!DOCTYPE html>\n<html lang="ja">\n<head>\n<meta charset="utf-8">\n<title>{{meta.title}}</title>\n<link rel="stylesheet" href="assets/briefing.css">\n<style>tr, th, td { height: 12mm; padding: 0; margin: 0; } table { margin: 0; }</style>\n</head>\n<body>\n<main>\n${body}\n</main>\n</body>\n</html>\n`;

const rows = (names: string[]) => names.map((n) => `<tr><th>${n}</th><td>7億円</td></tr>`).join('');
const CASES = {
  // Most of a 259 mm content box taken: the header and one 12 mm row fit below, the second row does not.
  lonerow: `<h1>表が割れる例</h1><div style="height: 226mm"></div><table><thead><tr><th>省庁</th><th>令和8年度</th></tr></thead><tbody>${rows(['こども家庭庁', '文科省', '厚労省', '経産省', '総務省'])}</tbody></table>`,
  headingend: `<h1>見出しが取り残される例</h1><div style="height: 225mm"></div><h2>出典と注記</h2><p style="break-before: page">注記の本文。</p>${'<p>注記の続き。</p>'.repeat(20)}`,
  sparse: `<h1>最後の頁が空く例</h1><p>一頁目の本文。</p><p style="break-before: page">最後の一行だけ。</p>`,
  flawed:
    '<h1>いくつもの不具合</h1>' +
    '<p style="margin-left: -25mm">左の余白にはみ出す段落。</p>' +
    `<p style="white-space: nowrap">${'折り返さない長い行は紙の端で切れる。'.repeat(5)}</p>` +
    '<figure><svg width="300" height="80" viewBox="0 0 300 80"><text x="10" y="40" font-size="12">483億円</text><text x="18" y="42" font-size="12">468億円</text></svg></figure>' +
    '<p>古代の文字 &#x13000; の例。</p>' +
    '<h2>用語集</h2><p>一つ目。</p><h2>用語集</h2><p>二つ目。</p>',
  clean: `<h1>問題のない頁</h1><h2>概要</h2><p>本文の段落。</p><table><thead><tr><th>省庁</th><th>令和8年度</th></tr></thead><tbody>${rows(['文科省', '厚労省'])}</tbody></table>`,
};
type Case = keyof typeof CASES;

for (const [id, body] of Object.entries(CASES)) {
  put(templates, `departments/${id}/department.yaml`, `name: ${id}\nshortName: ${id}\nministry: 総\nlanguage: ja\n`);
  put(templates, `departments/${id}/layout.hbs`, layout(body));
}
const spec = (id: Case, extra: { maxPages?: number } = {}): BriefingSpec => ({
  name: `${id}-fy2026`,
  kind: 'ministry-edition',
  ministry: '総',
  department: id,
  fiscalYear: 2026,
  baseFiscalYear: 2025,
  ...extra,
});

const out = mkdtempSync(path.join(os.tmpdir(), 'layout-checks-'));
const strictOut = mkdtempSync(path.join(os.tmpdir(), 'layout-checks-strict-'));
let results: BriefingResult[] = [];
let strict: BriefingResult[] = [];
const build = (outDir: string, briefings: BriefingSpec[], strictLayout = false) =>
  buildBriefings({ dataDir: 'data', templatesDir: templates, outDir, briefings, departmentEditions: false, latestComparison: false, session, env, strictLayout, outputs: ['pdf'] });

beforeAll(async () => {
  results = await build(out, [spec('lonerow'), spec('headingend'), spec('sparse', { maxPages: 1 }), spec('flawed'), spec('clean')]);
  strict = await build(strictOut, [spec('flawed'), spec('clean')], true);
});
afterAll(() => session.close());

const findings = (id: Case): LayoutFinding[] => {
  const result = results.find((r) => r.name === `${id}-fy2026`);
  expect(result?.status, result?.error?.message).toBe('built');
  return result?.layout ?? [];
};
const checks = (id: Case) => findings(id).map((f) => `${f.check} p.${f.page ?? '-'}`);

describe('layout checks on printed briefings', () => {
  it('flag a table that leaves its header and one row at the foot of a page', () => {
    expect(checks('lonerow')).toEqual(['lone-table-row p.1']);
    expect(findings('lonerow')[0]?.message).toContain('こども家庭庁');
  });

  it('flag a heading that ends a page', () => {
    expect(checks('headingend')).toEqual(['heading-at-page-end p.1']);
    expect(findings('headingend')[0]?.element).toBe('H2 「出典と注記」');
  });

  it('flag a nearly empty last page that would fit on the one before, and a briefing over its page budget', () => {
    expect(checks('sparse').sort()).toEqual(['page-budget p.-', 'sparse-last-page p.2']);
  });

  it('flag text that overflows into the margins, overlapping labels of a figure, a missing glyph and a repeated bookmark', () => {
    expect(checks('flawed').sort()).toEqual([
      'duplicate-bookmark p.1',
      'missing-glyph p.1',
      'outside-content-box p.1',
      'outside-content-box p.1',
      'overlapping-labels p.1',
    ]);
    const messages = findings('flawed').map((f) => f.message).join('\n');
    expect(messages).toMatch(/overflows into the left margin by \d+ pt/);
    expect(messages).toContain('overflows into the right margin');
    expect(messages).toContain('「483億円」/「468億円」');
  });

  it('stay quiet on a clean page', () => {
    expect(findings('clean')).toEqual([]);
  });
});

describe('--strict-layout', () => {
  it('fails a briefing with findings, keeps them in its result and writes no PDF; a clean one is built', () => {
    expect(strict.map((r) => [r.name, r.status])).toEqual([
      ['flawed-fy2026', 'failed'],
      ['clean-fy2026', 'built'],
    ]);
    const [flawed] = strict;
    expect(flawed?.error?.message).toMatch(/^5 layout findings \(strict layout: not written\)/);
    expect(flawed?.layout).toHaveLength(5);
    expect(existsSync(path.join(strictOut, 'flawed-fy2026.pdf'))).toBe(false);
    expect(existsSync(path.join(strictOut, 'clean-fy2026.pdf'))).toBe(true);
  });

  it('makes the build exit as for any failed briefing (2)', () => {
    expect(exitCodeOf(strict)).toBe(EXIT.render);
  });
});
