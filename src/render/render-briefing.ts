import type { Dataset } from '../load/merge-documents.ts';
import type { BriefingSpec } from '../schema/briefing.ts';
import { compareYears } from '../compare/year-comparison.ts';
import { buildTrend } from '../compare/trend.ts';
import { breakDownPrograms } from '../compare/program-detail.ts';
import { focusOnMinistry } from '../compare/ministry-focus.ts';
import { buildYearComparisonView } from './view/year-comparison-view.ts';
import { buildTrendView } from './view/trend-view.ts';
import { buildProgramDetailView } from './view/program-detail-view.ts';
import { buildMinistryEditionView } from './view/ministry-edition-view.ts';
import { viewContext, type PageMeta, type PageView } from './view/common.ts';
import type { Renderer } from './handlebars-env.ts';
import { sectionsFor } from './sections.ts';
import { checkPageCharacters } from './check-page-characters.ts';
import type { TemplateSet } from './template-set.ts';

export interface RenderedBriefing {
  spec: BriefingSpec;
  meta: PageMeta;
  html: string;
}

/** compare → view model (with charts) for one briefing; the template only lays it out. */
async function buildView(dataset: Dataset, spec: BriefingSpec, templates: TemplateSet): Promise<PageView> {
  // The trend and program detail briefings are written in Japanese only.
  const lang = spec.kind === 'year-comparison' || spec.kind === 'ministry-edition' ? (templates.department?.settings.language ?? 'ja') : 'ja';
  const ctx = viewContext(dataset, templates, lang);
  switch (spec.kind) {
    case 'year-comparison':
      return buildYearComparisonView(ctx, compareYears(dataset, spec.fiscalYear, spec.baseFiscalYear));
    case 'ministry-edition':
      return buildMinistryEditionView(ctx, focusOnMinistry(dataset, spec.ministry, spec.fiscalYear, spec.baseFiscalYear));
    case 'trend':
      return buildTrendView(ctx, buildTrend(dataset, spec.fromFiscalYear, spec.toFiscalYear));
    case 'program-detail':
      return buildProgramDetailView(ctx, breakDownPrograms(dataset, spec.project, spec.fiscalYear));
  }
}

export async function renderBriefing(dataset: Dataset, spec: BriefingSpec, templates: TemplateSet, renderer: Renderer): Promise<RenderedBriefing> {
  const view = { ...(await buildView(dataset, spec, templates)), sections: sectionsFor(spec.kind, templates) };
  const body = renderer.renderBody(spec.kind, view);
  const html = renderer.renderLayout({ ...view, body });
  checkPageCharacters(html, templates.styles.source, templates);
  return { spec, meta: view.meta, html };
}
