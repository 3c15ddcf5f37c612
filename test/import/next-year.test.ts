import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { EXIT } from '../../src/cli/exit-codes.ts';
import { copyData, removeCopies } from '../support/data-helpers.ts';
import { tempDir, TEMPLATES } from '../support/build-helpers.ts';
import { pdfText } from '../pdf/pdf-tools.ts';
import { loadDataset } from '../../src/validate/validate-dataset.ts';
import type { BriefingSpec } from '../../src/schema/briefing.ts';
import { renderHtml } from '../support/departments-helpers.ts';
import { fy2027Text, insertAfter, replaceOnce } from '../support/import-helpers.ts';

afterAll(removeCopies);

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) } };
}

/**
 * The README's steps for a new year, as a user takes them: save the text, import it, validate,
 * build. Nothing in TypeScript and no figure is edited by hand.
 */
async function newYear(config: string) {
  const data = await copyData();
  const text = path.join(data, 'documents', 'fy2027-points.txt');
  writeFileSync(text, fy2027Text());
  const root = tempDir('next-year');
  const configFile = path.join(root, 'briefings.config.yaml');
  writeFileSync(configFile, `data: ${data}\ntemplates: ${TEMPLATES}\nout: ${path.join(root, 'out')}\ndepartmentEditions: false\n${config}`);
  expect(await main(['import', text], capture().io)).toBe(EXIT.ok);
  const validate = capture();
  expect(await main(['validate', '--data', data], validate.io)).toBe(EXIT.ok);
  return { data, root, configFile, out: path.join(root, 'out'), validateOutput: validate.out.join('\n') };
}

describe('adding next year’s edition', () => {
  it('builds the year comparison of the new edition by default, as a real PDF', async () => {
    const { configFile, out, validateOutput } = await newYear('briefings: []\n');
    expect(validateOutput).toContain('OK: the data is valid');
    const run = capture();
    expect(await main(['build', '--config', configFile, 'fy2027-vs-fy2026'], run.io)).toBe(EXIT.ok);
    const pdf = path.join(out, 'fy2027-vs-fy2026.pdf');
    expect(existsSync(pdf)).toBe(true);
    const text = pdfText(pdf).replace(/\s+/g, '');
    expect(text).toContain('令和9年度');
    expect(text).toContain('1,250億円');
    expect(text).toContain('+12億円');
  }, 120_000);

  it('with latestComparison: false, the build says where to list it', async () => {
    const { configFile } = await newYear('latestComparison: false\nbriefings: []\n');
    const run = capture();
    expect(await main(['build', '--config', configFile, 'fy2027-vs-fy2026'], run.io)).toBe(EXIT.usage);
    const message = run.err.join('\n');
    expect(message).toContain('no briefing named fy2027-vs-fy2026');
    expect(message).toContain('add it under briefings: in briefings.config.yaml, e.g. - { name: fy2027-vs-fy2026, kind: year-comparison, fiscalYear: 2027, baseFiscalYear: 2026 }');
  });

  it('does not add it twice when the config lists it under another name', async () => {
    const { configFile, out } = await newYear('briefings:\n  - { name: latest, kind: year-comparison, fiscalYear: 2027, baseFiscalYear: 2026 }\n');
    const run = capture();
    expect(await main(['build', '--config', configFile, '--html', '--json', 'latest'], run.io)).toBe(EXIT.ok);
    expect(JSON.parse(run.out[0] ?? '{}').briefings.map((b: { name: string }) => b.name)).toEqual(['latest']);
    expect(readFileSync(path.join(out, 'html', 'latest', 'index.html'), 'utf8')).toContain('令和9年度');
    const all = capture();
    await main(['build', '--config', configFile, 'nothing-by-this-name'], all.io);
    expect(all.err.join('\n')).toMatch(/the briefings are: latest\./);
  }, 120_000);
});

describe('importing next year’s edition with a renamed project', () => {
  const RENAMED = '橋渡し・臨床研究加速化プロジェクト';
  const FORMER = '橋渡し・臨床加速化プロジェクト';
  const NOTE = `※ 7. ${RENAMED}は、令和9年度より「${FORMER}」から名称を変更した。`;
  const renamedText = () => insertAfter(replaceOnce(fy2027Text(), `7. ${FORMER} 85億円 <AMED >`, `7. ${RENAMED}※ 85億円 <AMED >`), '※ 上記に加え', '', NOTE);
  const comparison = (fiscalYear: number): BriefingSpec => ({ name: `fy${fiscalYear}-vs-fy${fiscalYear - 1}`, kind: 'year-comparison', fiscalYear, baseFiscalYear: fiscalYear - 1 });
  /** The words of a page as a reader sees them. */
  const pageText = (html: string) => html.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

  it('validates, compares under the printed name, and leaves last year’s briefing as it was', async () => {
    const original = await loadDataset(await copyData());
    const data = await copyData();
    const text = path.join(data, 'documents', 'fy2027-points.txt');
    writeFileSync(text, renamedText());
    const imported = capture();
    expect(await main(['import', text], imported.io)).toBe(EXIT.ok);
    expect(imported.out.join('\n')).toContain(`project 7 ${RENAMED}: 85億円 → 85億円 (±0億円), renamed from ${FORMER}`);
    expect(await main(['validate', '--data', data], capture().io)).toBe(EXIT.ok);
    const withNew = await loadDataset(data);
    if (!original.dataset || !withNew.dataset) throw new Error('the data did not load');

    const next = pageText(await renderHtml(withNew.dataset, comparison(2027)));
    expect(next).toContain('1,250億円');
    expect(next).toContain(`7 ${RENAMED}（旧称 ${FORMER}）`);
    expect(next).toContain(NOTE.replace(/^※ /, ''));
    const lastYear = comparison(2026);
    expect(pageText(await renderHtml(withNew.dataset, lastYear))).toBe(pageText(await renderHtml(original.dataset, lastYear)));
  }, 120_000);
});
