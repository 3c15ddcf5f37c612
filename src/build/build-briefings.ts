import { createHash } from 'node:crypto';
import path from 'node:path';
import { loadDataset } from '../load/load-dataset.ts';
import type { Dataset } from '../load/merge-documents.ts';
import { BriefingError } from '../problems.ts';
import type { BriefingSpec } from '../schema/briefing.ts';
import { createRenderer, type Renderer } from '../render/handlebars-env.ts';
import { renderBriefing } from '../render/render-briefing.ts';
import { loadTemplateSet, type TemplateSet } from '../render/template-set.ts';
import { BrowserSession } from '../print/browser-session.ts';
import { buildDate, finalizePdf } from '../print/finalize-pdf.ts';
import { pageAssets } from '../print/page-assets.ts';
import { printPdf } from '../print/print-pdf.ts';
import { DEFAULT_BRIEFINGS } from './catalogue.ts';
import { writeAtomically } from './write-output.ts';

export interface BuildOptions {
  dataDir: string;
  templatesDir: string;
  outDir: string;
  /** Only these briefings (by name); all when empty. */
  names?: readonly string[];
  briefings?: readonly BriefingSpec[];
  concurrency?: number;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  /** For tests and long-lived callers; a session made here is closed here. */
  session?: BrowserSession;
  onResult?: (result: BriefingResult) => void;
}

export interface BriefingResult {
  name: string;
  status: 'built' | 'failed';
  file?: string;
  pages?: number;
  bytes?: number;
  sha256?: string;
  durationMs: number;
  blocked: string[];
  error?: Error;
}

export function selectBriefings(all: readonly BriefingSpec[], names: readonly string[] = []): BriefingSpec[] {
  if (names.length === 0) return [...all];
  const unknown = names.filter((n) => !all.some((b) => b.name === n));
  if (unknown.length > 0)
    throw new BriefingError('usage', `no briefing named ${unknown.join(', ')}; the briefings are: ${all.map((b) => b.name).join(', ')}`);
  return all.filter((b) => names.includes(b.name));
}

async function buildOne(
  spec: BriefingSpec,
  ctx: { dataset: Dataset; templates: TemplateSet; renderer: Renderer; session: BrowserSession; outDir: string; timeoutMs: number; date: Date | undefined },
): Promise<BriefingResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const rendered = await renderBriefing(ctx.dataset, spec, ctx.templates, ctx.renderer);
    const assets = await pageAssets(rendered.html, ctx.templates.styles.source);
    const printed = await printPdf(ctx.session, assets, { timeoutMs: ctx.timeoutMs, name: spec.name });
    const { bytes, pages } = await finalizePdf(
      printed.pdf,
      {
        title: rendered.meta.title,
        subject: rendered.meta.subject,
        author: rendered.meta.sources.map((s) => s.publisher).filter((v, i, a) => a.indexOf(v) === i).join('、') || '健康・医療戦略推進本部',
        keywords: rendered.meta.keywords,
        creator: `briefings (${spec.kind})`,
        language: rendered.meta.lang,
      },
      ctx.date,
    );
    const file = path.join(ctx.outDir, `${spec.name}.pdf`);
    await writeAtomically(file, bytes);
    return {
      name: spec.name,
      status: 'built',
      file,
      pages,
      bytes: bytes.byteLength,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      durationMs: elapsed(),
      blocked: printed.blocked,
    };
  } catch (error) {
    return { name: spec.name, status: 'failed', durationMs: elapsed(), blocked: [], error: error as Error };
  }
}

/**
 * load → validate → (per briefing: compare → chart → render → print → write).
 * Data or shared-template errors stop the build before any PDF is touched; a briefing that
 * fails later leaves no file and the others still build.
 */
export async function buildBriefings(options: BuildOptions): Promise<BriefingResult[]> {
  const specs = selectBriefings(options.briefings ?? DEFAULT_BRIEFINGS, options.names);
  const { dataset } = await loadDataset(options.dataDir);
  const templates = await loadTemplateSet(options.templatesDir);
  const renderer = createRenderer(templates);
  const session = options.session ?? new BrowserSession();
  const ctx = {
    dataset,
    templates,
    renderer,
    session,
    outDir: options.outDir,
    timeoutMs: options.timeoutMs ?? 60_000,
    date: buildDate(options.env ?? process.env),
  };

  const results: BriefingResult[] = new Array(specs.length);
  let next = 0;
  const worker = async () => {
    while (next < specs.length) {
      const index = next++;
      const spec = specs[index] as BriefingSpec;
      const result = await buildOne(spec, ctx);
      results[index] = result;
      options.onResult?.(result);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 2, specs.length)) }, worker));
  } finally {
    if (!options.session) await session.close();
  }
  return results;
}
