import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBriefings } from '../../src/build/build-briefings.ts';
import { diffBuilds, type BuildDiff } from '../../src/diff/diff-builds.ts';
import { runDiff } from '../../src/cli/diff-command.ts';
import { captureIo, copyData, copyTemplates, DATA, edit, TEMPLATES, tempDir } from '../support/build-helpers.ts';
import { pageCount, pdfText, readData } from '../support/outputs-helpers.ts';

// One figure changed consistently (the document's YAML and its source text) and one template
// changed; the same briefings built before and after.
const FIGURE_PATH = 'adjustmentFund.total';
const MARKER = 'テンプレート変更の確認用の段落です。';
const NAMES = ['fy2026-vs-fy2025', 'fy2024-vs-fy2023', 'english-fy2026-vs-fy2025', 'cao-fy2026-vs-fy2025', 'mhlw-fy2026-vs-fy2025'];

let oldDir: string;
let newDir: string;
let diff: BuildDiff;
beforeAll(async () => {
  const data = copyData();
  edit(data, 'documents/fy2026-points.yaml', (s) => s.replace('total: 595', 'total: 612'));
  edit(data, 'documents/fy2026-points.txt', (s) => s.replace('推進費(595億円)', '推進費(612億円)'));
  const templates = copyTemplates();
  edit(templates, 'partials/yoy-projects.hbs', (s) => s.replace('<h2>{{projects.heading}}</h2>', `<h2>{{projects.heading}}</h2>\n  <p>${MARKER}${'この段落は後の内容を押し下げます。'.repeat(6)}</p>`));
  oldDir = tempDir('diff-old');
  newDir = tempDir('diff-new');
  await buildBriefings({ dataDir: DATA, templatesDir: TEMPLATES, outDir: oldDir, names: NAMES, force: true });
  await buildBriefings({ dataDir: data, templatesDir: templates, outDir: newDir, names: NAMES, force: true });
  diff = await diffBuilds(oldDir, newDir, tempDir('diff-images'));
}, 600_000);

/** The pages whose text differs between the two builds: what a reader would see change. */
function pagesWithNewText(name: string): number[] {
  const [a, b] = [path.join(oldDir, `${name}.pdf`), path.join(newDir, `${name}.pdf`)];
  const n = Math.max(pageCount(a), pageCount(b));
  return Array.from({ length: n }, (_, i) => i + 1).filter((p) => (p <= pageCount(a) ? pdfText(a, p) : '') !== (p <= pageCount(b) ? pdfText(b, p) : ''));
}

describe('briefings diff', () => {
  it('reports exactly the changed figure, old → new, in every briefing that shows it, and nothing in the others', () => {
    expect(diff.briefings.map((b) => b.name).sort()).toEqual([...NAMES].sort());
    for (const b of diff.briefings) {
      const showing = readData(path.join(oldDir, `${b.name}.json`)).figures.filter((f) => f.sources.some((s) => s.path === FIGURE_PATH && s.document === 'fy2026-points'));
      expect(b.added, b.name).toEqual([]);
      expect(b.removed, b.name).toEqual([]);
      expect(b.changed.map((c) => c.id).sort(), b.name).toEqual(showing.map((f) => f.id).sort());
      for (const c of b.changed) {
        expect([c.oldValue, c.newValue]).toEqual([595, 612]);
        expect(c.old).toContain('595');
        expect(c.new).toContain('612');
      }
    }
    // The figure is shown in the whole-budget editions and in the Cabinet Office's (内閣府 carries the fund).
    const reporting = diff.briefings.filter((b) => b.changed.length > 0).map((b) => b.name);
    expect(reporting.sort()).toEqual(['cao-fy2026-vs-fy2025', 'english-fy2026-vs-fy2025', 'fy2026-vs-fy2025']);
  });

  it('reports as changed exactly the pages whose content changed, among them those the template change moved', () => {
    for (const b of diff.briefings) {
      const reported = (b.pages?.changed ?? []).map((p) => p.page);
      expect(reported, b.name).toEqual(pagesWithNewText(b.name));
    }
    // A briefing with no changed figure: only the template change (and the colophon's data version) moved pages.
    const control = diff.briefings.find((b) => b.name === 'fy2024-vs-fy2023');
    const newPdf = path.join(newDir, 'fy2024-vs-fy2023.pdf');
    const markerPage = Array.from({ length: pageCount(newPdf) }, (_, i) => i + 1).find((p) => pdfText(newPdf, p).includes(MARKER));
    expect(markerPage).toBeDefined();
    expect(control?.pages?.changed.map((p) => p.page)).toContain(markerPage);
    expect(control?.pages?.changed.map((p) => p.page)).not.toContain(1);
    // A ministry edition does not use the changed partial and shows no changed figure: only its colophon changed.
    const mhlw = diff.briefings.find((b) => b.name === 'mhlw-fy2026-vs-fy2025');
    expect(mhlw?.pages?.changed.map((p) => p.page)).toEqual([pageCount(path.join(newDir, 'mhlw-fy2026-vs-fy2025.pdf'))]);
  });

  it('reports briefings added and removed between builds', async () => {
    const fewer = tempDir('diff-fewer');
    await buildBriefings({ dataDir: DATA, templatesDir: TEMPLATES, outDir: fewer, names: ['fy2024-vs-fy2023'], outputs: ['json'], force: true });
    const d = await diffBuilds(fewer, oldDir, tempDir('diff-images'), { pages: false });
    expect(d.added.map((b) => b.name).sort()).toEqual(NAMES.filter((n) => n !== 'fy2024-vs-fy2023').sort());
    expect(d.removed).toEqual([]);
    const back = await diffBuilds(oldDir, fewer, tempDir('diff-images'), { pages: false });
    expect(back.removed.length).toBe(NAMES.length - 1);
  }, 120_000);

  it('writes the Markdown and an HTML report with the changed pages side by side', async () => {
    const report = tempDir('diff-report');
    const { io, out } = captureIo();
    expect(await runDiff({ folders: [oldDir, newDir], report, pages: true }, io)).toBe(0);
    const markdown = readFileSync(path.join(report, 'report.md'), 'utf8');
    expect(out.join('\n')).toBe(markdown);
    expect(markdown).toContain('| 科学技術イノベーション創造推進費 令和8年度 | 595億円 | 612億円 |');
    expect(markdown).toMatch(/### fy2024-vs-fy2023[\s\S]*pages changed: /);
    const html = readFileSync(path.join(report, 'report.html'), 'utf8');
    const images = [...html.matchAll(/<img src="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(images.length).toBeGreaterThan(0);
    for (const src of images) expect(existsSync(path.join(report, src)), src).toBe(true);
  }, 120_000);
});
