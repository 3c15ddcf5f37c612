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
import { viewContext, type NoteList, type PageMeta, type PageView, type ViewContext } from './view/common.ts';
import type { Renderer } from './handlebars-env.ts';
import { sectionsFor } from './sections.ts';
import { selectDocuments } from '../load/select-documents.ts';
import { checkPageCharacters } from './check-page-characters.ts';
import type { TemplateSet } from './template-set.ts';
import type { FigureBook } from '../outputs/figure-book.ts';
import { yearComparisonFigures } from '../outputs/figures/year-comparison-figures.ts';
import { ministryEditionFigures } from '../outputs/figures/ministry-edition-figures.ts';
import { trendFigures } from '../outputs/figures/trend-figures.ts';
import { programDetailFigures } from '../outputs/figures/program-detail-figures.ts';
import type { DocumentIndex } from '../outputs/document-index.ts';
import { briefingData } from '../outputs/briefing-data.ts';
import { appendixView, colophonView, glossaryView } from '../outputs/provenance-view.ts';

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

/** compare → view model (with charts) and the figures it prints, from the same comparison; the template only lays it out. */
type Built = { view: PageView; figures: FigureBook; ctx: ViewContext; notes: string[] };
const notesOf = (n: NoteList) => [...n.rounding, ...n.status, ...n.method, ...n.unknown];

async function buildView(all: Dataset, spec: BriefingSpec, templates: TemplateSet): Promise<Built> {
  // Only the editions this briefing needs: a later edition leaves it as published.
  const { dataset } = selectDocuments(all, spec);
  // The trend and program detail briefings are written in Japanese only.
  const lang = spec.kind === 'year-comparison' || spec.kind === 'ministry-edition' ? (templates.department?.settings.language ?? 'ja') : 'ja';
  const ctx = viewContext(dataset, templates, lang);
  switch (spec.kind) {
    case 'year-comparison': {
      const cmp = compareYears(dataset, spec.fiscalYear, spec.baseFiscalYear);
      const view = await buildYearComparisonView(ctx, cmp);
      return { view, figures: yearComparisonFigures(ctx, cmp), ctx, notes: notesOf(view.notes) };
    }
    case 'ministry-edition': {
      const focus = focusOnMinistry(dataset, spec.ministry, spec.fiscalYear, spec.baseFiscalYear);
      const view = await buildMinistryEditionView(ctx, focus);
      return { view, figures: ministryEditionFigures(ctx, focus), ctx, notes: notesOf(view.notes) };
    }
    case 'trend': {
      const trend = buildTrend(dataset, spec.fromFiscalYear, spec.toFiscalYear);
      const view = await buildTrendView(ctx, trend);
      return { view, figures: trendFigures(ctx, trend), ctx, notes: notesOf(view.notes) };
    }
    case 'program-detail': {
      const breakdown = breakDownPrograms(dataset, spec.project, spec.fiscalYear);
      const view = await buildProgramDetailView(ctx, breakdown);
      return { view, figures: programDetailFigures(ctx, breakdown), ctx, notes: notesOf(view.notes) };
    }
  }
}

/**
 * What a briefing's body template receives (the layout gets the same and `body`), built as the
 * build builds it; `briefings template fields` describes it. Exported for that command.
 */
export async function briefingView(dataset: Dataset, spec: BriefingSpec, templates: TemplateSet, extras?: BriefingExtras) {
  const built = await buildView(dataset, spec, templates);
  const sections = sectionsFor(spec.kind, templates);
  // A department that leaves a section out does not show its figures either.
  if (sections.length > 0) built.figures.keepSections(sections.map((s) => s.id));
  const data = extras ? briefingData(selectDocuments(dataset, spec).dataset, extras.documents, spec, built.view.meta, built.figures, extras.colophon) : null;
  const view = {
    ...built.view,
    sections,
    appendix: data ? appendixView(built.ctx, data) : null,
    glossary: glossaryView(built.ctx),
    colophon: extras ? colophonView(built.ctx, extras.colophon, extras.attached) : null,
  };
  return { view, data, notes: built.notes };
}

export async function renderBriefing(dataset: Dataset, spec: BriefingSpec, templates: TemplateSet, renderer: Renderer, extras?: BriefingExtras): Promise<RenderedBriefing> {
  const { view, data, notes } = await briefingView(dataset, spec, templates, extras);
  const body = renderer.renderBody(spec.kind, view);
  const html = renderer.renderLayout({ ...view, body });
  checkPageCharacters(html, templates.styles.source, templates);
  return { spec, meta: view.meta, html, data, notes };
}
