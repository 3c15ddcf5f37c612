import { createHash } from 'node:crypto';
import path from 'node:path';
import { loadDataset } from '../load/load-dataset.ts';
import type { Dataset } from '../load/merge-documents.ts';
import { BriefingError } from '../problems.ts';
import type { BriefingSpec } from '../schema/briefing.ts';
import { createRenderer, type Renderer } from '../render/handlebars-env.ts';
import { renderBriefing } from '../render/render-briefing.ts';
import { listDepartments, loadTemplateSet, type TemplateSet } from '../render/template-set.ts';
import { BrowserSession } from '../print/browser-session.ts';
import { buildDate, finalizePdf } from '../print/finalize-pdf.ts';
import { pageAssets } from '../print/page-assets.ts';
import { printPdf } from '../print/print-pdf.ts';
import { BASE_BRIEFINGS, departmentBriefings } from './catalogue.ts';
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

/**
 * The base briefings and one edition per department folder. A department whose settings do not
 * load still gets its entry, so that its build fails with the settings error while the others build.
 */
export async function allBriefings(dataset: Dataset, templatesDir: string): Promise<BriefingSpec[]> {
  const departments = await Promise.all(
    (await listDepartments(templatesDir)).map(async (id) => {
      try {
        return { id, settings: (await loadTemplateSet(templatesDir, id)).department?.settings };
      } catch {
        return { id, settings: undefined };
      }
    }),
  );
  return [
    ...BASE_BRIEFINGS,
    ...departmentBriefings(
      dataset,
      departments.map((d) => ({ id: d.id, settings: d.settings ?? { name: d.id, shortName: d.id, language: 'ja' as const, colours: {} } })),
    ),
  ];
}

export function selectBriefings(all: readonly BriefingSpec[], names: readonly string[] = []): BriefingSpec[] {
  if (names.length === 0) return [...all];
  const unknown = names.filter((n) => !all.some((b) => b.name === n));
  if (unknown.length > 0)
    throw new BriefingError('usage', `no briefing named ${unknown.join(', ')}; the briefings are: ${all.map((b) => b.name).join(', ')}`);
  return all.filter((b) => names.includes(b.name));
}

interface TemplateEnv {
  templates: TemplateSet;
  renderer: Renderer;
}

/** One template set per department (the base for the rest), loaded once per build. */
function templateEnvs(dir: string): (department: string | undefined) => Promise<TemplateEnv> {
  const cache = new Map<string, Promise<TemplateEnv>>();
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

async function buildOne(
  spec: BriefingSpec,
  ctx: { dataset: Dataset; envFor: (department: string | undefined) => Promise<TemplateEnv>; session: BrowserSession; outDir: string; timeoutMs: number; date: Date | undefined },
): Promise<BriefingResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const { templates, renderer } = await ctx.envFor('department' in spec ? spec.department : undefined);
    const rendered = await renderBriefing(ctx.dataset, spec, templates, renderer);
    const assets = await pageAssets(rendered.html, templates.styles.source, templates.department?.logo);
    const printed = await printPdf(ctx.session, assets, { timeoutMs: ctx.timeoutMs, name: spec.name });
    const { bytes, pages } = await finalizePdf(
      printed.pdf,
      {
        title: rendered.meta.title,
        subject: rendered.meta.subject,
        author: rendered.meta.author,
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
  const { dataset } = await loadDataset(options.dataDir);
  const specs = selectBriefings(options.briefings ?? (await allBriefings(dataset, options.templatesDir)), options.names);
  const envFor = templateEnvs(options.templatesDir);
  // Shared templates (layout, partials) are checked before any browser starts or any PDF is touched.
  await envFor(undefined);
  const session = options.session ?? new BrowserSession();
  const ctx = {
    dataset,
    envFor,
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
