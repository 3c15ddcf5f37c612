import { access } from 'node:fs/promises';
import path from 'node:path';
import type { Dataset } from '../load/merge-documents.ts';
import type { BriefingSpec, ConfiguredBriefing } from '../schema/briefing.ts';
import type { BrowserSession } from '../print/browser-session.ts';
import { departmentBriefings, latestYearComparison, resolveConfigured } from './catalogue.ts';
import { acceptedMinistries, resolveMinistry } from '../schema/ministry.ts';
import { BASE_BRIEFINGS } from '../schema/base-briefings.ts';
import { inputTexts, makeInputHasher } from './input-hash.ts';
import { checkManifestPath, isUpToDate, manifestRecorder, readManifest, recordStamp, updateManifest, type BuildStamp, type Manifest } from './manifest.ts';
import { replayableStamp, STAMPS_KEPT, stampDigest } from './build-stamp.ts';
import { selectBriefings, type Selection } from './select.ts';
import { checkWritable, withOutputLock } from './output-lock.ts';
import { orphans, pruneBriefing } from './prune.ts';
import { buildDate } from './source-date.ts';
import { BriefingError } from '../problems.ts';
import type { OutputFormat } from '../schema/config.ts';
import type { BriefingResult } from './briefing-result.ts';

const DEFAULT_OUTPUTS: readonly OutputFormat[] = ['pdf', 'xlsx', 'json'];

/** The files a briefing is written as, the first being the one the manifest records. */
export function outputFiles(name: string, outputs: readonly OutputFormat[]): string[] {
  return (['pdf', 'xlsx', 'json'] as const).filter((o) => outputs.includes(o)).map((o) => `${name}.${o}`);
}

export interface BuildOptions {
  dataDir: string;
  templatesDir: string;
  outDir: string;
  /** The configured briefings (default: the built-in list); department editions are added unless turned off. */
  briefings?: readonly ConfiguredBriefing[];
  departmentEditions?: boolean;
  /** Add the year comparison of the newest edition when the configured briefings lack it (default true). */
  latestComparison?: boolean;
  /** Only these briefings (by name); all when empty. */
  names?: readonly string[];
  /** `ministry` as people name it (文, 文部科学省, mext); read with the data's names. */
  selection?: Omit<Selection, 'names' | 'ministry'> & { ministry?: string };
  /** Build even what the manifest says is up to date. */
  force?: boolean;
  /** What each briefing is written as (default: pdf, xlsx and json). */
  outputs?: readonly OutputFormat[];
  /** Also write each briefing's HTML (with its assets) next to the PDF. */
  html?: boolean;
  /** A layout finding fails its briefing (nothing is written) instead of being a warning. */
  strictLayout?: boolean;
  concurrency?: number;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  /** For tests and long-lived callers; a session made here is closed here. */
  session?: BrowserSession;
  /** Connect to a running Chrome instead of launching one. */
  browserWSEndpoint?: string;
  /** What the build decided that a user should know (e.g. printing without Chrome's sandbox), once each. */
  onNotice?: (text: string) => void;
  /** Print with several running Chromes (a pool): pages are spread over them, and one that dies is left out. */
  browserWSEndpoints?: readonly string[];
  /** The browser to launch (`--browser`); found by itself when left out. */
  executablePath?: string;
  /** The PDFs' author (the config's `author`); ministry editions name their department instead. */
  author?: string;
  /** Remove the outputs of briefings the manifest recorded and the config no longer has (default: true). */
  prune?: boolean;
  onPrune?: (file: string) => void;
  /** Interrupts the build: briefings not yet started are not built, the browser is closed. */
  signal?: AbortSignal;
  onPlan?: (specs: readonly BriefingSpec[]) => void;
  /** A briefing uses figures that a later edition restates differently from an earlier one: which, and why. */
  onRestated?: (spec: BriefingSpec, restatements: string[]) => void;
  onStart?: (spec: BriefingSpec) => void;
  onResult?: (result: BriefingResult) => void;
}

// Its own module so that build-one.ts need not import this file, which imports build-one.ts.
export type { BriefingResult } from './briefing-result.ts';

/**
 * The configured briefings, the year comparison of the newest edition (unless configured or turned
 * off) and one edition per department folder. A department whose settings do
 * not load still gets its entry, so that its build fails with the settings error while the others build.
 */
export async function allBriefings(
  dataset: Dataset,
  templatesDir: string,
  listed: readonly ConfiguredBriefing[] = BASE_BRIEFINGS,
  departmentEditions = true,
  latestComparison = true,
): Promise<BriefingSpec[]> {
  const { listDepartments, loadDepartment } = await import('../render/template-set.ts');
  let configured = resolveConfigured(dataset, listed);
  const latest = latestComparison ? latestYearComparison(dataset, configured) : undefined;
  if (latest) configured = [...configured, latest];
  if (!departmentEditions) return [...configured];
  const departments = await Promise.all(
    (await listDepartments(templatesDir)).map(async (id) => {
      try {
        // Only its settings: the folders of editions that are not built are not read.
        const info = await loadDepartment(templatesDir, id);
        return { id, settings: info.settings, file: path.join(info.dir, 'department.yaml') };
      } catch {
        return { id, settings: undefined };
      }
    }),
  );
  const editions = departmentBriefings(
    dataset,
    departments.map((d) => ({ id: d.id, file: 'file' in d ? d.file : undefined, settings: d.settings ?? { name: d.id, shortName: d.id, language: 'ja' as const, colours: {} } })),
  );
  return [...configured, ...editions.filter((e) => !configured.some((c) => c.name === e.name))];
}

/**
 * load → validate → (per briefing: compare → chart → render → print → write).
 * Data or shared-template errors stop the build before any PDF is touched; a briefing that
 * fails later leaves no file and the others still build. Briefings whose inputs have not changed
 * since the last build (see manifest.ts) are skipped, and when nothing is left no browser starts.
 */
export async function buildBriefings(options: BuildOptions): Promise<BriefingResult[]> {
  const env = options.env ?? process.env;
  // Checked before anything is read or locked: a bad value is a usage error, not a date like D:0NaN.
  const date = buildDate(env);
  const outputs = options.outputs ?? DEFAULT_OUTPUTS;
  const prune = options.prune !== false;
  // The same inputs and options as the last complete build of this selection, its files untouched:
  // nothing can come out different, so the data is not even parsed (see BuildStamp).
  const digest =
    options.force || options.html
      ? undefined
      : await stampDigest(options.dataDir, options.templatesDir, env, {
          briefings: options.briefings,
          departmentEditions: options.departmentEditions,
          latestComparison: options.latestComparison,
          names: options.names,
          selection: options.selection,
          outputs,
          prune,
          author: options.author,
          strictLayout: options.strictLayout ?? false,
        });
  if (digest) {
    const manifest = await readManifest(options.outDir);
    const stamp = await replayableStamp(manifest, options.outDir, digest, (name) => outputFiles(name, outputs), prune);
    if (stamp) return replayStamp(stamp, manifest, options);
  }

  // Loaded only when the stamp does not answer: reading and validating the data is most of a no-op build's time.
  const { loadDataset } = await import('../validate/validate-dataset.ts');
  const { loadTemplateSet } = await import('../render/template-set.ts');
  const { selectDocuments } = await import('../load/select-documents.ts');
  const { dataset } = await loadDataset(options.dataDir);
  const all = await allBriefings(dataset, options.templatesDir, options.briefings, options.departmentEditions, options.latestComparison);
  const ministry = options.selection?.ministry;
  const code = ministry === undefined ? undefined : resolveMinistry(ministry, dataset.reference.ministries);
  if (ministry !== undefined && code === undefined)
    throw new BriefingError('usage', `--ministry: no ministry is called "${ministry}"; write its code, Japanese name or English id: ${acceptedMinistries(dataset.reference.ministries)}`);
  const specs = selectBriefings(all, { ...options.selection, ministry: code, names: options.names });
  options.onPlan?.(specs);
  const restatedBy: BuildStamp['restated'] = [];
  for (const spec of specs) {
    const { restated } = selectDocuments(dataset, spec);
    if (restated.length === 0) continue;
    const messages = restated.map((p) => p.message);
    restatedBy.push({ name: spec.name, messages });
    options.onRestated?.(spec, messages);
  }
  // Shared templates are checked before anything is printed or any PDF is touched.
  await loadTemplateSet(options.templatesDir);

  const manifest = await readManifest(options.outDir);
  const gone = !prune ? [] : orphans(manifest, all.map((s) => s.name), options.selection?.shard);
  if (gone.length > 0) {
    await checkWritable(options.outDir);
    await withOutputLock(options.outDir, async () => {
      for (const name of gone) for (const file of await pruneBriefing(options.outDir, name, manifest)) options.onPrune?.(file);
      await updateManifest(options.outDir, {}, gone);
    });
  }
  const filesOf = (docs: Dataset['editions']) => docs.flatMap((d) => [d.file, d.textFile]);
  const hashOf = await makeInputHasher(options.dataDir, options.templatesDir, env, {
    all: filesOf(dataset.editions),
    of: (spec) => filesOf(selectDocuments(dataset, spec).dataset.editions),
  }, outputs, options.author);
  // A PDF built without --strict-layout was not held to its findings: a strict build checks it again.
  const strict = options.strictLayout ? ':strict-layout' : '';
  const hashes = new Map(await Promise.all(specs.map(async (s) => [s.name, (await hashOf(s)) + strict] as const)));
  const results: BriefingResult[] = new Array(specs.length);
  const pending: number[] = [];
  for (const [i, spec] of specs.entries()) {
    const entry = manifest.briefings[spec.name];
    const present = async () => (await Promise.all(outputFiles(spec.name, outputs).map((f) => access(path.join(options.outDir, f)).then(() => true, () => false)))).every(Boolean);
    if (!options.force && !options.html && (await isUpToDate(options.outDir, entry, hashes.get(spec.name) ?? '')) && (await present())) {
      results[i] = { name: spec.name, status: 'skipped', file: path.join(options.outDir, entry?.file ?? ''), pages: entry?.pages, bytes: entry?.bytes, sha256: entry?.sha256, durationMs: 0, blocked: [] };
      options.onResult?.(results[i] as BriefingResult);
    } else pending.push(i);
  }
  // Only a build that ends with every selected briefing on disk is one a later build may replay.
  const stampIfComplete = async () => {
    if (!digest || options.signal?.aborted || specs.some((_, i) => results[i]?.status !== 'built' && results[i]?.status !== 'skipped')) return;
    const stamp = { digest, all: all.map((s) => s.name), plan: specs, inputHashes: Object.fromEntries(hashes), restated: restatedBy };
    await recordStamp(options.outDir, stamp, STAMPS_KEPT);
  };
  if (pending.length === 0) {
    // Under the lock like every manifest write; a folder this user cannot write is still up to date.
    await withOutputLock(options.outDir, stampIfComplete).catch(() => undefined);
    return results;
  }

  // Interrupted while reading and planning: nothing is locked, launched or written.
  options.signal?.throwIfAborted();
  await checkWritable(options.outDir);
  // Taken and released here, whatever happens in between.
  await withOutputLock(options.outDir, async () => {
    await checkManifestPath(options.outDir);
    // The renderers and the browser are loaded only when something needs building: a no-op build stays fast.
    const { BrowserSession } = await import('../print/browser-session.ts');
    const { BrowserPool } = await import('../print/browser-pool.ts');
    const { buildOne, templateEnvs } = await import('./build-one.ts');
    const { buildCharacters } = await import('../print/page-assets.ts');
    const { loadDocumentIndex } = await import('../outputs/document-index.ts');
    const { makeColophon } = await import('../outputs/colophon.ts');
    const timeoutMs = options.timeoutMs ?? 60_000;
    const endpoints = options.browserWSEndpoints ?? (options.browserWSEndpoint ? [options.browserWSEndpoint] : []);
    const browsers = new BrowserPool(
      options.session
        ? [options.session]
        : endpoints.length > 0
          ? endpoints.map((browserWSEndpoint) => new BrowserSession({ browserWSEndpoint, timeoutMs, onNotice: options.onNotice }))
          : [new BrowserSession({ executablePath: options.executablePath, timeoutMs, onNotice: options.onNotice })],
    );
    const manifestEntries = manifestRecorder(options.outDir);
    // An interruption closes the browser at once: prints under way fail, and nothing new starts.
    const onAbort = () => void browsers.close();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      options.signal?.throwIfAborted();
      // Chrome starts while Node renders the first pages; connecting to a remote one is timed from now.
      browsers.warmUp();
      const ctx = {
        signal: options.signal,
        buildChars: buildCharacters(await inputTexts(options.dataDir, options.templatesDir)),
        dataset,
        envFor: templateEnvs(options.templatesDir),
        browsers,
        outDir: options.outDir,
        html: options.html ?? false,
        strictLayout: options.strictLayout ?? false,
        timeoutMs,
        date,
        author: options.author,
        outputs,
        documents: await loadDocumentIndex(options.dataDir),
        colophon: await makeColophon(options.dataDir, date),
      };
      let next = 0;
      const worker = async () => {
        while (next < pending.length && !options.signal?.aborted) {
          const index = pending[next++] as number;
          const spec = specs[index] as BriefingSpec;
          options.onStart?.(spec);
          const result = await buildOne(spec, ctx);
          results[index] = result;
          // Recorded before it is reported: a build killed after a ✓ line does not build it again.
          if (result.status === 'built' && result.sha256 && result.file)
            await manifestEntries.record(spec.name, {
              inputHash: hashes.get(spec.name) ?? '',
              sha256: result.sha256,
              pages: result.pages ?? 0,
              bytes: result.bytes ?? 0,
              file: path.basename(result.file),
            });
          options.onResult?.(result);
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 2, pending.length)) }, worker));
      await stampIfComplete();
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
      if (!options.session) await browsers.close();
    }
  });
  // Briefings never started because of an interruption are reported as failed, not left out.
  for (const [i, spec] of specs.entries())
    results[i] ??= { name: spec.name, status: 'failed', durationMs: 0, blocked: [], error: new BriefingError('interrupted', 'the build was interrupted before this briefing was built') };
  return results;
}

/** The no-op build: the last complete build's plan and notices again, every briefing up to date. */
function replayStamp(stamp: BuildStamp, manifest: Manifest, options: BuildOptions): BriefingResult[] {
  options.onPlan?.(stamp.plan);
  for (const { name, messages } of stamp.restated) {
    const spec = stamp.plan.find((s) => s.name === name);
    if (spec) options.onRestated?.(spec, messages);
  }
  return stamp.plan.map((spec) => {
    const entry = manifest.briefings[spec.name];
    const result: BriefingResult = { name: spec.name, status: 'skipped', file: path.join(options.outDir, entry?.file ?? ''), pages: entry?.pages, bytes: entry?.bytes, sha256: entry?.sha256, durationMs: 0, blocked: [] };
    options.onResult?.(result);
    return result;
  });
}
