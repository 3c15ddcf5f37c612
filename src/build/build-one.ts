import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Dataset } from '../load/merge-documents.ts';
import type { BriefingSpec } from '../schema/briefing.ts';
import { chartThread } from '../chart/render-chart.ts';
import { createRenderer, type Renderer } from '../render/handlebars-env.ts';
import { renderBriefing } from '../render/render-briefing.ts';
import { loadTemplateSet, type TemplateSet } from '../render/template-set.ts';
import type { BrowserPool } from '../print/browser-pool.ts';
import { finalizePdf } from '../print/finalize-pdf.ts';
import { pdfAuthor } from './pdf-author.ts';
import { pageAssets } from '../print/page-assets.ts';
import { printPdf } from '../print/print-pdf.ts';
import type { BriefingResult } from './briefing-result.ts';
import { BriefingError } from '../problems.ts';
import { Deadline, StepTimeout } from '../print/deadline.ts';
import { rm } from 'node:fs/promises';
import type { OutputFormat } from '../schema/config.ts';
import type { Colophon } from '../schema/briefing-data.ts';
import type { DocumentIndex } from '../outputs/document-index.ts';
import { briefingFiles } from '../outputs/briefing-files.ts';
import { writeAtomically } from './write-output.ts';
import { writeHtml } from './write-html.ts';
import { inspectLayout } from '../inspect/inspect-layout.ts';
import { pageMargins } from '../inspect/page-margins.ts';
import { LayoutFailure } from '../inspect/layout-failure.ts';

/** Building one briefing: render → print → finalize → write. Loaded only when something needs building. */
interface TemplateEnv {
  templates: TemplateSet;
  renderer: Renderer;
}

/** One template set per department (the base for the rest), loaded once per build. */
export function templateEnvs(dir: string): (department: string | undefined) => Promise<TemplateEnv> {
  const cache = new Map<string, Promise<TemplateEnv>>();
  // Charts are drawn in a thread of their own that takes a moment to start: start it now.
  chartThread().warm();
  return (department) => {
    const key = department ?? '';
    let env = cache.get(key);
    if (!env) {
      env = loadTemplateSet(dir, department).then((templates) => ({ templates, renderer: createRenderer(templates) }));
      cache.set(key, env);
    }
    return env;
  };
}

export interface BuildContext {
  /** Set when the build is interrupted: no new work starts, and what is under way stops waiting. */
  signal?: AbortSignal;
  /** Every character the build's inputs contain: one font subset for all its pages. */
  buildChars: string;
  dataset: Dataset;
  envFor: (department: string | undefined) => Promise<TemplateEnv>;
  browsers: BrowserPool;
  outDir: string;
  html: boolean;
  /** A layout finding fails the briefing instead of being a warning. */
  strictLayout: boolean;
  /** The time-out of each briefing, all its steps together. */
  timeoutMs: number;
  /** What each briefing is written as; the PDF carries the others attached. */
  outputs: readonly OutputFormat[];
  documents: DocumentIndex;
  colophon: Colophon;
  date: Date | undefined;
  /** The config's `author`: the PDF's author except for ministry editions (see pdf-author.ts). */
  author?: string;
}

/**
 * Prints with a browser of the pool, and prints again if that browser crashed, was killed or went
 * away meanwhile and time is left: a launched browser is relaunched by its session, a remote one is
 * retired from the pool and another member takes the briefing. A step that runs out of time while
 * the browser does not answer at all means the browser froze: it is given up, so that the other
 * briefings do not each wait out their time-out on it. Any other failure is the briefing's own.
 */
async function printOnce(ctx: BuildContext, deadline: Deadline, assets: Awaited<ReturnType<typeof pageAssets>>, name: string) {
  // One retry for a relaunch, and one more for each remote member that can be retired.
  for (let retries = 0; ; retries++) {
    const session = ctx.browsers.pick();
    const before = session.generation;
    try {
      return await ctx.browsers.use(session, () => printPdf(session, assets, { deadline, name }));
    } catch (error) {
      if (ctx.signal?.aborted) throw error;
      if (error instanceof StepTimeout && session.generation === before && !(await session.answers())) {
        session.abandon();
        const retired = ctx.browsers.retire(session, `${session.endpoint} stopped answering`);
        if (retired && ctx.browsers.alive > 0 && !deadline.expired) continue;
        throw new BriefingError('browser', `the browser stopped answering: ${error.message}; it was given up`, [], { cause: error });
      }
      const lost = session.generation !== before || !(await session.connected());
      if (!lost || deadline.expired) throw error;
      const retired = ctx.browsers.retire(session, `${session.endpoint} went away`);
      if (retired ? ctx.browsers.alive === 0 : retries >= 1) throw error;
    }
  }
}

/** Files of formats no longer selected would be stale beside the new ones (and mislead `briefings diff`). */
async function removeUnselected(outDir: string, name: string, outputs: readonly OutputFormat[]): Promise<void> {
  for (const ext of ['pdf', 'xlsx', 'json'] as const) if (!outputs.includes(ext)) await rm(path.join(outDir, `${name}.${ext}`), { force: true });
}

export async function buildOne(spec: BriefingSpec, ctx: BuildContext): Promise<BriefingResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const deadline = new Deadline(ctx.timeoutMs, ctx.signal);
  // An interruption stops a chart being drawn at once (the thread is terminated), not after its time limit.
  const stopCharts = () => void chartThread().close();
  ctx.signal?.addEventListener('abort', stopCharts, { once: true });
  try {
    const { templates, renderer } = await deadline.step('reading the templates', () => ctx.envFor('department' in spec ? spec.department : undefined));
    const withPdf = ctx.outputs.includes('pdf');
    const rendered = await deadline.step('rendering the charts and templates', () =>
      renderBriefing(ctx.dataset, spec, templates, renderer, {
        documents: ctx.documents,
        colophon: ctx.colophon,
        attached: withPdf && ctx.outputs.some((o) => o !== 'pdf'),
      }),
    );
    // The workbook and JSON are made while the browser prints (it waits on Chrome, they on the CPU).
    const pendingSidecars = briefingFiles(rendered, ctx.outputs, ctx.date);
    pendingSidecars.catch(() => undefined); // awaited below; a failed print must not leave it unhandled
    const renderMs = elapsed();
    if (!withPdf) {
      const sidecars = await deadline.step('writing the workbook and JSON', () => pendingSidecars);
      ctx.signal?.throwIfAborted();
      for (const f of sidecars) await writeAtomically(path.join(ctx.outDir, f.name), f.bytes);
      await removeUnselected(ctx.outDir, spec.name, ctx.outputs);
      const first = sidecars[0];
      return {
        name: spec.name,
        status: 'built',
        file: path.join(ctx.outDir, first?.name ?? ''),
        pages: 0,
        bytes: first?.bytes.byteLength ?? 0,
        sha256: createHash('sha256').update(first?.bytes ?? new Uint8Array()).digest('hex'),
        durationMs: elapsed(),
        blocked: [],
      };
    }
    const assets = await deadline.step('preparing the fonts and assets', () => pageAssets(rendered.html, templates.styles.source, templates.department?.logo, ctx.buildChars));
    const assetsMs = elapsed() - renderMs;
    if (ctx.html) await deadline.step('writing the HTML', () => writeHtml(ctx.outDir, spec.name, assets));
    // Once interrupted, nothing new is printed: the session would launch a browser for it.
    ctx.signal?.throwIfAborted();
    const printed = await printOnce(ctx, deadline, assets, spec.name);
    const sidecars = await deadline.step('writing the workbook and JSON', () => pendingSidecars);
    const finalizeStarted = performance.now();
    const { bytes, pages } = await deadline.step('finishing the PDF', () =>
      finalizePdf(
        printed.pdf,
        {
          title: rendered.meta.title,
          subject: rendered.meta.subject,
          author: pdfAuthor(templates.department?.settings, ctx.author),
          keywords: rendered.meta.keywords,
          creator: `briefings (${spec.kind})`,
          language: rendered.meta.lang,
        },
        ctx.date,
        rendered.html,
        sidecars,
      ),
    );
    const layoutStarted = performance.now();
    // Checked before anything is written: under --strict-layout a flawed PDF never lands in out/.
    const layout = await deadline.step('checking the layout', () =>
      inspectLayout(spec.name, bytes, { margins: pageMargins(templates.styles.source), maxPages: 'maxPages' in spec ? spec.maxPages : undefined }),
    );
    if (ctx.strictLayout && layout.length > 0) throw new LayoutFailure(layout);
    const file = path.join(ctx.outDir, `${spec.name}.pdf`);
    const writeStarted = performance.now();
    ctx.signal?.throwIfAborted();
    // Not raced: a write given up half-way would still land, as the PDF of a failed briefing.
    if (deadline.expired) throw new StepTimeout('finishing the PDF', ctx.timeoutMs);
    // The data files first: a PDF on disk always has its workbook and JSON beside it.
    for (const f of sidecars) await writeAtomically(path.join(ctx.outDir, f.name), f.bytes);
    await writeAtomically(file, bytes);
    await removeUnselected(ctx.outDir, spec.name, ctx.outputs);
    const done = performance.now();
    return {
      name: spec.name,
      status: 'built',
      file,
      pages,
      bytes: bytes.byteLength,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      durationMs: elapsed(),
      timings: {
        render: renderMs,
        assets: assetsMs,
        load: printed.loadMs,
        pdf: printed.pdfMs,
        finalize: layoutStarted - finalizeStarted,
        layout: writeStarted - layoutStarted,
        write: done - writeStarted,
      },
      blocked: printed.blocked,
      layout,
    };
  } catch (caught) {
    const error = ctx.signal?.aborted ? new BriefingError('interrupted', 'interrupted before it was written', [], { cause: caught }) : caught;
    const layout = caught instanceof LayoutFailure ? { layout: caught.findings } : {};
    return { name: spec.name, status: 'failed', durationMs: elapsed(), blocked: [], error: error as Error, ...layout };
  } finally {
    ctx.signal?.removeEventListener('abort', stopCharts);
  }
}

