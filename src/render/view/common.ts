import type { Dataset } from '../../load/merge-documents.ts';
import type { Change } from '../../compare/year-comparison.ts';
import { ja, LOCALES, type Locale } from '../../format/locale.ts';
import { renderChart, type ChartRow } from '../../chart/render-chart.ts';
import type { Language } from '../../schema/department.ts';
import type { StringTable } from '../../schema/department.ts';
import { Strings } from '../strings.ts';
import { chartSpec, type TemplateSet } from '../template-set.ts';

/** Everything a view builder needs besides its comparison: the data, the templates, the language. */
export interface ViewContext {
  dataset: Dataset;
  templates: TemplateSet;
  locale: Locale;
  strings: Strings;
}

export function viewContext(dataset: Dataset, templates: TemplateSet, lang: Language): ViewContext {
  const { table, files } = templates.strings[lang];
  return { dataset, templates, locale: LOCALES[lang], strings: new Strings(table, files) };
}

/** What every briefing's page shows around its body: title block, running header, PDF metadata. */
export interface PageMeta {
  lang: Language;
  title: string;
  subtitle: string;
  runningHeader: string;
  subject: string;
  author: string;
  keywords: string[];
  sources: SourceLine[];
}

/** The department a page is made for, when it is a department edition. */
export interface DepartmentView {
  name: string;
  introduction: string;
  logo: string | null;
  css: string;
}

/** The fields every page template can use besides its own. */
export interface PageView {
  meta: PageMeta;
  t: StringTable;
  /** Empty fields when the briefing is not a department edition. */
  department: DepartmentView;
}

export interface SourceLine {
  text: string;
  published: string;
  /** Where the document is published; empty when the data gives no address. */
  url: string;
}

export interface ChartView {
  svg: string;
  alt: string;
  caption: string;
}

export interface NoteList {
  rounding: string[];
  status: string[];
  unknown: string[];
  method: string[];
}

/** Used by the Japanese-only briefings (trend, program detail). */
export const UNSTATED = ja.unstated;
export const yearLabel = ja.year;
export const yearWithWestern = ja.yearFull;
export const oku = (v: number | null, locale: Locale = ja): string => locale.oku(v);

export function changeText(
  change: Change | null,
  locale: Locale = ja,
): { amount: string; percent: string; direction: 'up' | 'down' | 'flat' | 'none' } {
  if (!change) return { amount: '—', percent: '—', direction: 'none' };
  return {
    amount: locale.okuChange(change.amount),
    percent: locale.percentChange(change.percent),
    direction: change.amount > 0 ? 'up' : change.amount < 0 ? 'down' : 'flat',
  };
}

export function sourceLines(ctx: ViewContext, ids: readonly string[]): SourceLine[] {
  return ids.flatMap((id) => {
    const doc = ctx.dataset.documents.find((d) => d.id === id);
    if (!doc) return [];
    const title = ctx.locale.lang === 'ja' ? doc.title : `${doc.titleEn} (${doc.title})`;
    const publisher = ctx.locale.lang === 'ja' ? doc.publisher : doc.publisherEn;
    const secondary = doc.secondarySource;
    const quotedIn = secondary
      ? ctx.strings.fill('common.secondarySource', {
          title: ctx.locale.lang === 'ja' ? secondary.title : secondary.titleEn,
          publisher: ctx.locale.lang === 'ja' ? secondary.publisher : secondary.publisherEn,
        })
      : '';
    return [
      {
        text:
          ctx.strings.fill('common.sourceLine', {
            title,
            publisher,
            edition: ctx.strings.fill('common.edition', { year: ctx.locale.year(doc.editionFiscalYear) }),
          }) + quotedIn,
        published: doc.published === 'unknown' ? ctx.strings.get('common.publishedUnknown') : ctx.strings.fill('common.published', { date: doc.published }),
        url: doc.url ?? '',
      },
    ];
  });
}

/** The documents' own notes (rounding, 精査により…), once each, quoted as printed. */
export function documentNotes(ctx: ViewContext, ids: readonly string[]): Pick<NoteList, 'rounding' | 'status'> {
  const docs = ctx.dataset.documents.filter((d) => ids.includes(d.id));
  const pick = (kind: string) => [...new Set(docs.flatMap((d) => (d.notes ?? []).filter((n) => n.kind === kind).map((n) => n.text.replace(/^※\s*/, ''))))];
  const quote = (text: string) => ctx.strings.fill('note.documentNote', { text });
  return {
    rounding: [ctx.strings.get('note.roundingGeneral'), ...pick('rounding').map(quote)],
    status: [...pick('subject-to-revision').map(quote), ...pick('other')],
  };
}

/** A chart spec's "$t:group.key" strings replaced by the edition's text (axis titles in its language). */
function localizeSpec(value: unknown, strings: Strings): unknown {
  if (typeof value === 'string') return value.startsWith('$t:') ? strings.get(value.slice(3)) : value;
  if (Array.isArray(value)) return value.map((v) => localizeSpec(v, strings));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, localizeSpec(v, strings)]));
  return value;
}

export async function chartView(ctx: ViewContext, name: string, rows: ChartRow[], alt: string, caption: string): Promise<ChartView> {
  const { file, spec } = chartSpec(ctx.templates, name);
  const { svg } = await renderChart({ file, spec: localizeSpec(spec, ctx.strings), theme: ctx.templates.theme.spec, rows });
  return { svg, alt, caption };
}

/** The colours, logo and introduction of a department edition, for the layout. */
export function departmentView(templates: TemplateSet): DepartmentView {
  const dept = templates.department;
  if (!dept) return { name: '', introduction: '', logo: null, css: '' };
  const c = dept.settings.colours;
  const vars = [
    c.accent && `--accent: ${c.accent};`,
    c.accentSoft && `--accent-soft: ${c.accentSoft};`,
    c.up && `--up: ${c.up};`,
    c.down && `--down: ${c.down};`,
  ].filter(Boolean);
  return {
    name: dept.settings.name,
    introduction: dept.settings.introduction ?? '',
    logo: dept.logo?.src ?? null,
    css: vars.length ? `:root { ${vars.join(' ')} }` : '',
  };
}

/** The publishers of the documents a briefing draws on: the PDF's author. */
export function authorOf(ctx: ViewContext, ids: readonly string[]): string {
  const docs = ctx.dataset.documents.filter((d) => ids.includes(d.id));
  return ctx.locale.list([...new Set(docs.map((d) => (ctx.locale.lang === 'ja' ? d.publisher : d.publisherEn)))]);
}

export function pageView(ctx: ViewContext, meta: PageMeta): PageView {
  return { meta, t: ctx.strings.table, department: departmentView(ctx.templates) };
}
