import { createHash } from 'node:crypto';
import path from 'node:path';
import { loadDataset } from '../load/load-dataset.ts';
import type { Dataset } from '../load/merge-documents.ts';
import type { BriefingSpec } from '../schema/briefing.ts';
import { createRenderer, type Renderer } from '../render/handlebars-env.ts';
import { renderBriefing } from '../render/render-briefing.ts';
import { listDepartments, loadTemplateSet, type TemplateSet } from '../render/template-set.ts';
import { BrowserSession } from '../print/browser-session.ts';
import { buildDate, finalizePdf } from '../print/finalize-pdf.ts';
import { pageAssets } from '../print/page-assets.ts';
import { printPdf } from '../print/print-pdf.ts';
import { BASE_BRIEFINGS, departmentBriefings } from './catalogue.ts';
import { makeInputHasher } from './input-hash.ts';
import { isUpToDate, readManifest, updateManifest, type ManifestEntry } from './manifest.ts';
import { selectBriefings, type Selection } from './select.ts';
import { writeAtomically } from './write-output.ts';
import { writeHtml } from './write-html.ts';

export interface BuildOptions {
  dataDir: string;
  templatesDir: string;
  outDir: string;
  /** The configured briefings (default: the built-in list); department editions are added unless turned off. */
  briefings?: readonly BriefingSpec[];
  departmentEditions?: boolean;
  /** Only these briefings (by name); all when empty. */
  names?: readonly string[];
  selection?: Omit<Selection, 'names'>;
  /** Build even what the manifest says is up to date. */
  force?: boolean;
  /** Also write each briefing's HTML (with its assets) next to the PDF. */
  html?: boolean;
  concurrency?: number;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  /** For tests and long-lived callers; a session made here is closed here. */
  session?: BrowserSession;
  /** Connect to a running Chrome instead of launching one. */
  browserWSEndpoint?: string;
  onPlan?: (specs: readonly BriefingSpec[]) => void;
  onStart?: (spec: BriefingSpec) => void;
  onResult?: (result: BriefingResult) => void;
}

export interface BriefingResult {
  name: string;
  status: 'built' | 'skipped' | 'failed';
  file?: string;
  pages?: number;
  bytes?: number;
  sha256?: string;
  durationMs: number;
  blocked: string[];
  error?: Error;
}

/**
 * The configured briefings and one edition per department folder. A department whose settings do
 * not load still gets its entry, so that its build fails with the settings error while the others build.
 */
export async function allBriefings(
  dataset: Dataset,
  templatesDir: string,
  configured: readonly BriefingSpec[] = BASE_BRIEFINGS,
  departmentEditions = true,
): Promise<BriefingSpec[]> {
  if (!departmentEditions) return [...configured];
  const departments = await Promise.all(
    (await listDepartments(templatesDir)).map(async (id) => {
      try {
        return { id, settings: (await loadTemplateSet(templatesDir, id)).department?.settings };
      } catch {
        return { id, settings: undefined };
      }
    }),
  );
  const editions = departmentBriefings(
    dataset,
    departments.map((d) => ({ id: d.id, settings: d.settings ?? { name: d.id, shortName: d.id, language: 'ja' as const, colours: {} } })),
  );
  return [...configured, ...editions.filter((e) => !configured.some((c) => c.name === e.name))];
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

interface BuildContext {
  dataset: Dataset;
  envFor: (department: string | undefined) => Promise<TemplateEnv>;
  session: BrowserSession;
  outDir: string;
  html: boolean;
  timeoutMs: number;
  date: Date | undefined;
}

async function buildOne(spec: BriefingSpec, ctx: BuildContext): Promise<BriefingResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const { templates, renderer } = await ctx.envFor('department' in spec ? spec.department : undefined);
    const rendered = await renderBriefing(ctx.dataset, spec, templates, renderer);
    const assets = await pageAssets(rendered.html, templates.styles.source, templates.department?.logo);
    if (ctx.html) await writeHtml(ctx.outDir, spec.name, assets);
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
      rendered.html,
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
 * fails later leaves no file and the others still build. Briefings whose inputs have not changed
 * since the last build (see manifest.ts) are skipped, and when nothing is left no browser starts.
 */
export async function buildBriefings(options: BuildOptions): Promise<BriefingResult[]> {
  const env = options.env ?? process.env;
  const { dataset } = await loadDataset(options.dataDir);
  const all = await allBriefings(dataset, options.templatesDir, options.briefings, options.departmentEditions);
  const specs = selectBriefings(all, { ...options.selection, names: options.names });
  options.onPlan?.(specs);
  const envFor = templateEnvs(options.templatesDir);
  // Shared templates (layout, partials) are checked before any browser starts or any PDF is touched.
  await envFor(undefined);

  const manifest = await readManifest(options.outDir);
  const hashOf = await makeInputHasher(options.dataDir, options.templatesDir, env);
  const hashes = new Map(await Promise.all(specs.map(async (s) => [s.name, await hashOf(s)] as const)));
  const results: BriefingResult[] = new Array(specs.length);
  const pending: number[] = [];
  for (const [i, spec] of specs.entries()) {
    const entry = manifest.briefings[spec.name];
    if (!options.force && !options.html && (await isUpToDate(options.outDir, entry, hashes.get(spec.name) ?? ''))) {
      results[i] = { name: spec.name, status: 'skipped', file: path.join(options.outDir, entry?.file ?? ''), pages: entry?.pages, bytes: entry?.bytes, sha256: entry?.sha256, durationMs: 0, blocked: [] };
      options.onResult?.(results[i] as BriefingResult);
    } else pending.push(i);
  }
  if (pending.length === 0) return results;

  const session = options.session ?? new BrowserSession({ browserWSEndpoint: options.browserWSEndpoint });
  const ctx: BuildContext = {
    dataset,
    envFor,
    session,
    outDir: options.outDir,
    html: options.html ?? false,
    timeoutMs: options.timeoutMs ?? 60_000,
    date: buildDate(env),
  };
  const built: Record<string, ManifestEntry> = {};
  let next = 0;
  const worker = async () => {
    while (next < pending.length) {
      const index = pending[next++] as number;
      const spec = specs[index] as BriefingSpec;
      options.onStart?.(spec);
      const result = await buildOne(spec, ctx);
      results[index] = result;
      if (result.status === 'built' && result.sha256 && result.file)
        built[spec.name] = { inputHash: hashes.get(spec.name) ?? '', sha256: result.sha256, pages: result.pages ?? 0, bytes: result.bytes ?? 0, file: path.basename(result.file) };
      options.onResult?.(result);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 2, pending.length)) }, worker));
  } finally {
    if (!options.session) await session.close();
    if (Object.keys(built).length > 0) await updateManifest(options.outDir, built);
  }
  return results;
}
