import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { describeShape, stringRows, type FieldsReport } from '../../src/cli/template-fields.ts';
import { captureIo } from '../support/departments-helpers.ts';

const CHART_LIST_VIEW = {
  meta: { title: '推移', lang: 'ja' },
  t: { heading: { overview: '概要' } },
  years: ['令和7年度', '令和8年度'],
  rows: [
    { name: '医薬品', chart: null, stated: true },
    { name: '医療機器', chart: { svg: '<svg/>' }, stated: false },
  ],
  notes: [],
};

describe('the fields of a view, described from the view itself', () => {
  it('gives each path its type, merged over the items of lists, and a value from the data', () => {
    expect(describeShape(CHART_LIST_VIEW)).toEqual([
      { path: 'meta', type: 'object', example: '' },
      { path: 'meta.title', type: 'string', example: '"推移"' },
      { path: 'meta.lang', type: 'string', example: '"ja"' },
      { path: 't', type: 'string table', example: '' },
      { path: 'years', type: 'list of string', example: '["令和7年度","令和8年度"]' },
      { path: 'rows', type: 'list of object', example: '' },
      { path: 'rows[].name', type: 'string', example: '"医薬品"' },
      { path: 'rows[].chart', type: 'object or null', example: '' },
      { path: 'rows[].stated', type: 'boolean', example: 'true' },
      { path: 'rows[].chart.svg', type: 'string', example: '"<svg/>"' },
      { path: 'notes', type: 'list (empty in this briefing)', example: '' },
    ]);
  });

  it('shortens long values', () => {
    const [row] = describeShape({ svg: `<svg>${'x'.repeat(200)}</svg>` });
    expect(row?.example).toHaveLength(60);
    expect(row?.example.endsWith('…')).toBe(true);
  });

  it('marks the strings a department words differently', () => {
    const base = { heading: { overview: '概要', notes: '出典と注記' } };
    const merged = { heading: { overview: '要点', notes: '出典と注記' } };
    expect(stringRows(merged, base)).toEqual([
      { key: 'heading.overview', text: '要点', origin: 'department' },
      { key: 'heading.notes', text: '出典と注記', origin: 'base' },
    ]);
  });
});

async function fields(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const captured = captureIo();
  const code = await main(['template', 'fields', ...args], captured.io);
  return { code, out: captured.out.join('\n'), err: captured.err.join('\n') };
}

describe('`briefings template fields <kind>` on the real data and templates', () => {
  it('lists the string keys with their text and the fields of the program detail, as JSON', async () => {
    const { code, out } = await fields('program-detail', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(out) as FieldsReport;
    expect(report).toMatchObject({ kind: 'program-detail', department: null, language: 'ja', builtFrom: { kind: 'program-detail' } });
    expect(report.strings).toContainEqual({ key: 'heading.notes', text: '出典と注記', origin: 'base' });
    expect(report.fields).toContainEqual(expect.objectContaining({ path: 'meta.title', type: 'string' }));
    expect(report.fields).toContainEqual(expect.objectContaining({ path: 'glossary.terms[].term', type: 'string' }));
    expect(report.template).toMatch(/templates\/briefings\/program-detail\.hbs$/);
  });

  it("with --department, uses the department's edition and marks its own wording", async () => {
    const { code, out } = await fields('ministry-edition', '--department', 'mhlw', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(out) as FieldsReport;
    expect(report.builtFrom).toMatchObject({ kind: 'ministry-edition', ministry: '厚', department: 'mhlw' });
    expect(report.stringFiles.at(-1)).toMatch(/departments\/mhlw\/strings\/ja\.yaml$/);
    expect(report.strings.some((s) => s.origin === 'department')).toBe(true);
    expect(report.fields).toContainEqual(expect.objectContaining({ path: 'department.name', type: 'string' }));
  });

  it('prints plain text by default', async () => {
    const { code, out } = await fields('year-comparison');
    expect(code).toBe(0);
    expect(out).toMatch(/^String keys \(ja\), from templates\/strings\/ja\.yaml:/);
    expect(out).toMatch(/\n {3}heading\.notes +出典と注記\n/);
    expect(out).toMatch(/\nTemplate fields of templates\/briefings\/year-comparison\.hbs .*\n.*as built for fy2026-vs-fy2025 from the data/);
    expect(out).toMatch(/\n {2}meta\.title +string +"/);
  });

  it('refuses an unknown kind, listing the kinds (exit 64)', async () => {
    const { code, err } = await fields('budget');
    expect(code).toBe(64);
    expect(err).toContain('no briefing kind "budget"; the kinds are: year-comparison, ministry-edition, trend, program-detail');
  });
});
