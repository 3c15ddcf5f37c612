import type { Dataset } from '../load/merge-documents.ts';
import type { BriefingSpec } from '../schema/briefing.ts';
import { compareYears } from '../compare/year-comparison.ts';
import { buildTrend } from '../compare/trend.ts';
import { breakDownPrograms } from '../compare/program-detail.ts';
import { buildYearComparisonView } from './view/year-comparison-view.ts';
import { buildTrendView } from './view/trend-view.ts';
import { buildProgramDetailView } from './view/program-detail-view.ts';
import type { PageMeta } from './view/common.ts';
import type { Renderer } from './handlebars-env.ts';
import type { TemplateSet } from './template-set.ts';

export interface RenderedBriefing {
  spec: BriefingSpec;
  meta: PageMeta;
  html: string;
}

/** compare → view model (with charts) for one briefing; the template only lays it out. */
async function buildView(dataset: Dataset, spec: BriefingSpec, templates: TemplateSet): Promise<{ meta: PageMeta }> {
  switch (spec.kind) {
    case 'year-comparison':
      return buildYearComparisonView(dataset, compareYears(dataset, spec.fiscalYear, spec.baseFiscalYear), templates);
    case 'trend':
      return buildTrendView(dataset, buildTrend(dataset, spec.fromFiscalYear, spec.toFiscalYear), templates);
    case 'program-detail':
      return buildProgramDetailView(dataset, breakDownPrograms(dataset, spec.project, spec.fiscalYear), templates);
  }
}

export async function renderBriefing(
  dataset: Dataset,
  spec: BriefingSpec,
  templates: TemplateSet,
  renderer: Renderer,
): Promise<RenderedBriefing> {
  const view = await buildView(dataset, spec, templates);
  const body = renderer.renderBody(spec.kind, view);
  const html = renderer.renderLayout({ ...view, body });
  return { spec, meta: view.meta, html };
}
