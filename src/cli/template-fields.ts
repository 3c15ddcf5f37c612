import path from 'node:path';
import { BriefingError } from '../problems.ts';
import { displayPath } from '../format/display-path.ts';
import type { Dataset } from '../load/merge-documents.ts';
import { departmentBriefings, latestComparableYear } from '../build/catalogue.ts';
import { BASE_BRIEFINGS } from '../schema/base-briefings.ts';
import { BriefingSpec, type BriefingKind } from '../schema/briefing.ts';
import type { Language, StringTable } from '../schema/department.ts';
import { briefingView } from '../render/render-briefing.ts';
import { loadTemplateSet, type TemplateSet } from '../render/template-set.ts';
import { loadDataset } from '../validate/validate-dataset.ts';
import { loadDocumentIndex } from '../outputs/document-index.ts';
import { makeColophon } from '../outputs/colophon.ts';

export const BRIEFING_KINDS = BriefingSpec.options.map((o) => o.shape.kind.value);

/** One field a template can use: where (meta.title, sections[].id), its type, and a value from the data. */
export interface FieldRow {
  path: string;
  type: string;
  example: string;
}

export interface StringRow {
  /** As templates write it after `t.`: heading.overview */
  key: string;
  text: string;
  /** Whether the department words it differently from the base. */
  origin: 'base' | 'department';
}

export interface FieldsReport {
  kind: BriefingKind;
  department: string | null;
  language: Language;
  /** The briefing whose view was built to find the fields. */
  builtFrom: BriefingSpec;
  stringFiles: string[];
  strings: StringRow[];
  /** The body template's file; the layout receives the same fields and `body`. */
  template: string;
  fields: FieldRow[];
}

/** The string table itself is a field (`t`); it is listed once, as string keys, not again as fields. */
const STRING_TABLE_FIELD = 't';
const EXAMPLE_LENGTH = 60;

function example(value: unknown): string {
  const text = JSON.stringify(value) ?? '';
  return text.length > EXAMPLE_LENGTH ? `${text.slice(0, EXAMPLE_LENGTH - 1)}…` : text;
}

/**
 * The shape of a value, path by path, merged over every item of every list: the types seen at a
 * path ("string or null" where a chart may be missing) and the first non-empty value there.
 * Derived from the value itself, so the listing follows the view models as they change.
 */
export function describeShape(value: unknown): FieldRow[] {
  const seen = new Map<string, { types: Set<string>; example?: unknown }>();
  const at = (p: string) => {
    let entry = seen.get(p);
    if (!entry) seen.set(p, (entry = { types: new Set() }));
    return entry;
  };
  const visit = (v: unknown, p: string) => {
    const entry = at(p);
    if (Array.isArray(v)) {
      entry.types.add('list');
      // A list of plain values shows its first items; a list of objects shows its items' fields.
      if (entry.example === undefined && v.length > 0 && v.every((item) => item === null || typeof item !== 'object')) entry.example = v;
      v.forEach((item) => visit(item, `${p}[]`));
    } else if (v !== null && typeof v === 'object') {
      entry.types.add('object');
      for (const [key, child] of Object.entries(v)) {
        const childPath = p ? `${p}.${key}` : key;
        if (!p && key === STRING_TABLE_FIELD) at(childPath).types.add('string table');
        else visit(child, childPath);
      }
    } else {
      entry.types.add(v === null ? 'null' : typeof v);
      if (entry.example === undefined && v !== null && v !== '') entry.example = v;
    }
  };
  visit(value, '');
  const typeOf = (p: string): string => {
    const types = [...(seen.get(p)?.types ?? [])].map((t) => {
      if (t !== 'list') return t;
      return seen.has(`${p}[]`) ? `list of ${typeOf(`${p}[]`)}` : 'list (empty in this briefing)';
    });
    // null last: "string or null" reads as a string that may be missing.
    return types.sort((a, b) => Number(a === 'null') - Number(b === 'null')).join(' or ');
  };
  return [...seen.entries()]
    .filter(([p]) => p !== '' && !p.endsWith('[]'))
    .map(([p, entry]) => ({ path: p, type: typeOf(p), example: entry.example === undefined ? '' : example(entry.example) }));
}

/** Every key of the merged table with its text, and whether the department rewords it. */
export function stringRows(merged: StringTable, base: StringTable): StringRow[] {
  return Object.entries(merged).flatMap(([group, keys]) =>
    Object.entries(keys).map(([name, text]) => ({ key: `${group}.${name}`, text, origin: base[group]?.[name] === text ? ('base' as const) : ('department' as const) })),
  );
}

/** The briefing of that kind the fields are read from: the department's own edition when it is of that kind, else the base one. */
function exampleSpec(kind: BriefingKind, dataset: Dataset, templates: TemplateSet): BriefingSpec {
  const department = templates.department;
  if (department) {
    const [edition] = departmentBriefings(dataset, [{ id: department.id, settings: department.settings, file: path.join(department.dir, 'department.yaml') }]);
    if (edition?.kind === kind) return edition;
  }
  const base = BASE_BRIEFINGS.find((b) => b.kind === kind);
  const latest = latestComparableYear(dataset) ?? 2026;
  const years = { fiscalYear: latest, baseFiscalYear: latest - 1 };
  const dept = department ? { department: department.id } : {};
  switch (kind) {
    case 'year-comparison':
      return base?.kind === 'year-comparison' ? { ...base, ...dept } : { name: `fy${latest}-vs-fy${latest - 1}`, kind, ...years, ...dept };
    case 'ministry-edition':
      // No department names a ministry here: the fields are the same for every ministry.
      return { name: `mext-fy${latest}-vs-fy${latest - 1}`, kind, ministry: '文', ...years, ...dept };
    case 'trend':
    case 'program-detail':
      if (base) return base;
      throw new BriefingError('usage', `no ${kind} briefing to read the fields from; add one under briefings: in briefings.config.yaml`);
  }
}

/** `briefings template fields <kind>`: the strings and the fields a kind's templates can use, read from a real build of it. */
export async function templateFields(opts: { dataDir: string; templatesDir: string; kind: string; department?: string }): Promise<FieldsReport> {
  const kind = BRIEFING_KINDS.find((k) => k === opts.kind);
  if (!kind) throw new BriefingError('usage', `no briefing kind "${opts.kind}"; the kinds are: ${BRIEFING_KINDS.join(', ')}`);
  const [{ dataset }, base, templates] = await Promise.all([
    loadDataset(opts.dataDir),
    loadTemplateSet(opts.templatesDir),
    loadTemplateSet(opts.templatesDir, opts.department),
  ]);
  const spec = exampleSpec(kind, dataset, templates);
  const extras = { documents: await loadDocumentIndex(opts.dataDir), colophon: await makeColophon(opts.dataDir, undefined), attached: true };
  const { view } = await briefingView(dataset, spec, templates, extras);
  const language = view.meta.lang;
  const body = templates.bodies.get(kind);
  return {
    kind,
    department: opts.department ?? null,
    language,
    builtFrom: spec,
    stringFiles: templates.strings[language].files,
    strings: stringRows(templates.strings[language].table, base.strings[language].table),
    template: body?.file ?? path.join(templates.dir, 'briefings', `${kind}.hbs`),
    fields: describeShape(view),
  };
}

const table = (rows: string[][]): string[] => {
  const widths = rows.reduce<number[]>((w, row) => row.map((cell, i) => Math.max(w[i] ?? 0, cell.length)), []);
  return rows.map((row) => `  ${row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ')}`.trimEnd());
};

export function formatFields(report: FieldsReport): string {
  const reworded = report.strings.filter((s) => s.origin === 'department').length;
  const who = report.department ? ` of department "${report.department}"` : '';
  return [
    `String keys${who} (${report.language}), from ${report.stringFiles.map((f) => displayPath(f)).join(' + ')}:`,
    `  a template writes {{t.group.key}}; a department rewords a key in its own strings/${report.language}.yaml${report.department ? ` (${reworded} reworded here, marked *)` : ''}`,
    ...table(report.strings.map((s) => [`${s.origin === 'department' ? '*' : ' '}${s.key}`, s.text.replace(/\n/g, '\\n')])),
    '',
    `Template fields of ${displayPath(report.template)} (and the layout, which also gets {{{body}}}),`,
    `  as built for ${report.builtFrom.name} from the data; a list's items are written path[] ({{#each sections}}{{id}}{{/each}}):`,
    ...table(report.fields.map((f) => [f.path, f.type, f.example])),
  ].join('\n');
}
