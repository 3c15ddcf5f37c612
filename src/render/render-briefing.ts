import type { Dataset } from '../load/merge-documents.ts';
import type { BriefingSpec } from '../schema/briefing.ts';
import type { BriefingData, Colophon } from '../schema/briefing-data.ts';
import { compareYears } from '../compare/year-comparison.ts';
import { buildTrend } from '../compare/trend.ts';
import { breakDownPrograms } from '../compare/program-detail.ts';
import { focusOnMinistry } from '../compare/ministry-focus.ts';
import { buildYearComparisonView } from './view/year-comparison-view.ts';
import { buildTrendView } from './view/trend-view.ts';
import { buildProgramDetailView } from './view/program-detail-view.ts';
import { buildMinistryEditionView } from './view/ministry-edition-view.ts';
import { viewContext, type BodyView, type ChartRequest, type NoteList, type PageMeta, type ViewContext } from './view/common.ts';
import { departmentView } from './department-view.ts';
import { drawCharts } from './draw-charts.ts';
import type { Renderer } from './handlebars-env.ts';
import { bodyFor, sectionsFor } from './sections.ts';
import { selectDocuments } from '../load/select-documents.ts';
import { markJapanesePassages } from './mark-japanese.ts';
import { checkPageCharacters } from './check-page-characters.ts';
import type { TemplateSet } from './template-set.ts';
import type { FigureBook } from '../outputs/figure-book.ts';
import { yearComparisonFigures } from '../outputs/figures/year-comparison-figures.ts';
import { ministryEditionFigures } from '../outputs/figures/ministry-edition-figures.ts';
import { trendFigures } from '../outputs/figures/trend-figures.ts';
import { programDetailFigures } from '../outputs/figures/program-detail-figures.ts';
import type { DocumentIndex } from '../outputs/document-index.ts';
import { briefingData } from '../outputs/briefing-data.ts';
import { appendixView, colophonView, glossaryView } from './view/provenance-view.ts';

export interface RenderedBriefing {
  spec: BriefingSpec;
  meta: PageMeta;
  html: string;
  /** Every figure the briefing shows, traced to its source; null when rendered without the documents (preview without provenance). */
  data: BriefingData | null;
  /** The notes of the closing section, for the workbook's sources sheet. */
  notes: string[];
}

/** What a build knows besides the dataset: the documents' texts (for source lines) and the colophon. */
export interface BriefingExtras {
  documents: DocumentIndex;
  colophon: Colophon;
  /** The formats attached to the PDF, which the colophon mentions. */
  attached: boolean;
}

/** compare → view model, the charts it places and the figures it prints, all from the same comparison. */
interface Built {
  view: BodyView;
  charts: ChartRequest[];
  figures: FigureBook;
  ctx: ViewContext;
}
const notesOf = (n: NoteList) => [...n.rounding, ...n.status, ...n.method, ...n.unknown];

/** Compares and builds the view: synchronous, no charts drawn yet. */
export function buildView(all: Dataset, spec: BriefingSpec, templates: TemplateSet): Built {
  // Only the editions this briefing needs: a later edition leaves it as published.
  const { dataset } = selectDocuments(all, spec);
  // Every kind speaks the language of the department it is made for.
  const ctx = viewContext(dataset, templates, templates.department?.settings.language ?? 'ja');
  switch (spec.kind) {
    case 'year-comparison': {
      const cmp = compareYears(dataset, spec.fiscalYear, spec.baseFiscalYear);
      return { ...buildYearComparisonView(cmp, ctx), figures: yearComparisonFigures(ctx, cmp), ctx };
    }
    case 'ministry-edition': {
      const focus = focusOnMinistry(dataset, spec.ministry, spec.fiscalYear, spec.baseFiscalYear);
      return { ...buildMinistryEditionView(focus, ctx), figures: ministryEditionFigures(ctx, focus), ctx };
    }
    case 'trend': {
      const trend = buildTrend(dataset, spec.fromFiscalYear, spec.toFiscalYear);
      return { ...buildTrendView(trend, ctx), figures: trendFigures(ctx, trend), ctx };
    }
    case 'program-detail': {
      const breakdown = breakDownPrograms(dataset, spec.project, spec.fiscalYear);
      return { ...buildProgramDetailView(breakdown, ctx), figures: programDetailFigures(ctx, breakdown), ctx };
    }
  }
}

/**
 * What a briefing's body template receives (the layout gets the same and `body`), built as the
 * build builds it; `briefings template fields` describes it. Exported for that command.
 */
export async function briefingView(dataset: Dataset, spec: BriefingSpec, templates: TemplateSet, extras?: BriefingExtras) {
  const built = buildView(dataset, spec, templates);
  await drawCharts(built.charts, templates, built.ctx.strings);
  const sections = sectionsFor(spec.kind, templates);
  // A department that leaves a section out does not show its figures either.
  if (sections.length > 0) built.figures.keepSections(sections.map((s) => s.id));
  const data = extras ? briefingData(selectDocuments(dataset, spec).dataset, extras.documents, spec, built.view.meta, built.figures, extras.colophon) : null;
  const view = {
    ...built.view,
    t: built.ctx.strings.table,
    department: departmentView(templates),
    sections,
    appendix: data ? appendixView(built.ctx, data) : null,
    glossary: glossaryView(built.ctx),
    colophon: extras ? colophonView(built.ctx, extras.colophon, extras.attached) : null,
  };
  return { view, data, notes: notesOf(built.view.notes) };
}

export async function renderBriefing(dataset: Dataset, spec: BriefingSpec, templates: TemplateSet, renderer: Renderer, extras?: BriefingExtras): Promise<RenderedBriefing> {
  const { view, data, notes } = await briefingView(dataset, spec, templates, extras);
  const body = renderer.renderBody(bodyFor(spec.kind, templates), view);
  const page = renderer.renderLayout({ ...view, body });
  const html = view.meta.lang === 'ja' ? page : markJapanesePassages(page);
  checkPageCharacters(html, templates.styles.source, templates);
  return { spec, meta: view.meta, html, data, notes };
}
