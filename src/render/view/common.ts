import type { Dataset } from '../../load/merge-documents.ts';
import type { Change } from '../../compare/year-comparison.ts';
import { LOCALES, type Locale } from '../../format/locale.ts';
import type { ChartRow } from '../../chart/render-chart.ts';
import type { Language, StringTable } from '../../schema/department.ts';
import type { DocumentInfo } from '../../schema/source-document.ts';
import { Strings } from '../strings.ts';
import type { TemplateSet } from '../template-set.ts';

/** What a view builder needs besides its comparison: the words and the number formats of one language. */
export interface ViewText {
  strings: Strings;
  locale: Locale;
}

/** The text plus the data and templates, for what works beside the views (figures, appendix, glossary). */
export interface ViewContext extends ViewText {
  dataset: Dataset;
  templates: TemplateSet;
}

export function viewText(templates: TemplateSet, lang: Language): ViewText {
  const { table, files } = templates.strings[lang];
  return { locale: LOCALES[lang], strings: new Strings(table, files) };
}

export function viewContext(dataset: Dataset, templates: TemplateSet, lang: Language): ViewContext {
  return { dataset, templates, ...viewText(templates, lang) };
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

/** What every view builder returns besides its own fields. */
export interface BodyView {
  meta: PageMeta;
  notes: NoteList;
}

/** The fields every page template can use besides its view's: added by render-briefing. */
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

/** A chart as the template places it; `svg` stays empty until the chart step draws it. */
export interface ChartView {
  svg: string;
  alt: string;
  caption: string;
}

/** One chart to draw: its spec's name, its rows, and the place in the view its SVG goes. */
export interface ChartRequest {
  name: string;
  rows: ChartRow[];
  view: ChartView;
}

/**
 * Collects the charts a view asks for. Views stay synchronous and free of rendering: they get an
 * empty ChartView to place, and render-briefing draws every request into it afterwards.
 */
export class ChartList {
  readonly requests: ChartRequest[] = [];

  add(name: string, rows: ChartRow[], alt: string, caption: string): ChartView {
    const view: ChartView = { svg: '', alt, caption };
    this.requests.push({ name, rows, view });
    return view;
  }
}

/** A view builder's result: the template's data and the charts it places. */
export interface Built<V> {
  view: V;
  charts: ChartRequest[];
}

export interface NoteList {
  rounding: string[];
  status: string[];
  unknown: string[];
  method: string[];
}

export function changeText(
  change: Change | null,
  locale: Locale,
): { amount: string; percent: string; direction: 'up' | 'down' | 'flat' | 'none' } {
  if (!change) return { amount: '—', percent: '—', direction: 'none' };
  return {
    amount: locale.okuChange(change.amount),
    percent: locale.percentChange(change.percent),
    direction: change.amount > 0 ? 'up' : change.amount < 0 ? 'down' : 'flat',
  };
}

/** The title block's citation of each document, in the order of `ids`. */
export function sourceLines(text: ViewText, documents: readonly DocumentInfo[], ids: readonly string[]): SourceLine[] {
  const { strings, locale } = text;
  return ids.flatMap((id) => {
    const doc = documents.find((d) => d.id === id);
    if (!doc) return [];
    const title = locale.lang === 'ja' ? doc.title : `${doc.titleEn} (${doc.title})`;
    const publisher = locale.lang === 'ja' ? doc.publisher : doc.publisherEn;
    const secondary = doc.secondarySource;
    const quotedIn = secondary
      ? strings.fill('common.secondarySource', {
          title: locale.lang === 'ja' ? secondary.title : secondary.titleEn,
          publisher: locale.lang === 'ja' ? secondary.publisher : secondary.publisherEn,
        })
      : '';
    return [
      {
        text: strings.fill('common.sourceLine', { title, publisher, edition: strings.fill('common.edition', { year: locale.year(doc.editionFiscalYear) }) }) + quotedIn,
        published: doc.published === 'unknown' ? strings.get('common.publishedUnknown') : strings.fill('common.published', { date: doc.published }),
        url: doc.url ?? '',
      },
    ];
  });
}

/** The documents' own notes (rounding, subject to revision), once each, quoted as printed. */
export function documentNotes(text: ViewText, documents: readonly DocumentInfo[]): Pick<NoteList, 'rounding' | 'status'> {
  const { strings } = text;
  const pick = (kind: string) => [...new Set(documents.flatMap((d) => (d.notes ?? []).filter((n) => n.kind === kind).map((n) => n.text.replace(/^※\s*/, ''))))];
  const quote = (note: string) => strings.fill('note.documentNote', { text: note });
  return {
    rounding: [strings.get('note.roundingGeneral'), ...pick('rounding').map(quote)],
    status: [...pick('subject-to-revision').map(quote), ...pick('other')],
  };
}

/** The publishers of the documents a briefing draws on: the PDF's author. */
export function authorOf(locale: Locale, documents: readonly DocumentInfo[]): string {
  return locale.list([...new Set(documents.map((d) => (locale.lang === 'ja' ? d.publisher : d.publisherEn)))]);
}

/** The latest of the names, with the earlier ones it replaced (common.formerly). */
export function nameWithFormer(text: ViewText, names: readonly string[]): string {
  const name = names.at(-1) ?? '';
  const former = [...new Set(names.filter((n) => n !== name))];
  return former.length ? text.strings.fill('common.formerly', { name, former: text.locale.list(former) }) : name;
}
