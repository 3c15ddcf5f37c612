import { createHash } from 'node:crypto';
import { lstat, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { BriefingError } from '../problems.ts';
import { BriefingSpec } from '../schema/briefing.ts';
import { writeAtomically } from './write-output.ts';

/** out/.briefings-manifest.json: what each PDF in out/ was built from. */
export const MANIFEST_FILE = '.briefings-manifest.json';

const Entry = z.object({
  inputHash: z.string(),
  sha256: z.string(),
  pages: z.number(),
  bytes: z.number(),
  file: z.string(),
});
export type ManifestEntry = z.infer<typeof Entry>;

/**
 * A complete build into a folder, remembered by the digest of everything it read: every byte of
 * the data and templates folders (all departments), the tool's code and dependency versions, and
 * the options that choose and shape the briefings. A later build with the same digest cannot
 * produce anything different, so it need not parse the data at all: it replays the plan and the
 * notices, and checks only that the files recorded are still on disk as written.
 */
export const BuildStamp = z.object({
  digest: z.string(),
  /** Every briefing the config had (for pruning), and the ones selected, in order. */
  all: z.array(z.string()),
  plan: z.array(BriefingSpec),
  /** Each selected briefing's input hash as recorded: its manifest entry must still be this build's. */
  inputHashes: z.record(z.string(), z.string()),
  restated: z.array(z.object({ name: z.string(), messages: z.array(z.string()) })),
});
export type BuildStamp = z.infer<typeof BuildStamp>;

const Manifest = z.object({
  version: z.literal(1),
  briefings: z.record(z.string(), Entry),
  // A stamp this version cannot read (written by another version) only costs a full build.
  stamps: z.array(BuildStamp).optional().catch(undefined),
});
export type Manifest = z.infer<typeof Manifest>;

/** A missing or unreadable manifest means nothing is known: everything is built. */
export async function readManifest(outDir: string): Promise<Manifest> {
  try {
    const parsed = Manifest.safeParse(JSON.parse(await readFile(path.join(outDir, MANIFEST_FILE), 'utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // no manifest yet
  }
  return { version: 1, briefings: {} };
}

/**
 * Merges into the manifest on disk, so that shards writing to one out/ keep each other's entries;
 * `removed` names entries to drop (pruned briefings).
 */
export async function updateManifest(outDir: string, entries: Record<string, ManifestEntry>, removed: readonly string[] = []): Promise<void> {
  const current = await readManifest(outDir);
  const merged: Manifest = { version: 1, briefings: { ...current.briefings, ...entries } };
  for (const name of removed) delete merged.briefings[name];
  await writeManifest(outDir, { ...merged, stamps: current.stamps });
}

async function writeManifest(outDir: string, manifest: Manifest): Promise<void> {
  const briefings = Object.fromEntries(Object.entries(manifest.briefings).sort(([a], [b]) => (a < b ? -1 : 1)));
  const stamps = manifest.stamps?.length ? { stamps: manifest.stamps } : {};
  await writeAtomically(path.join(outDir, MANIFEST_FILE), Buffer.from(`${JSON.stringify({ version: 1, briefings, ...stamps }, null, 2)}\n`));
}

/** Records a complete build (see BuildStamp), newest first, one per digest. */
export async function recordStamp(outDir: string, stamp: BuildStamp, keep: number): Promise<void> {
  const current = await readManifest(outDir);
  await writeManifest(outDir, { ...current, stamps: [stamp, ...(current.stamps ?? []).filter((s) => s.digest !== stamp.digest)].slice(0, keep) });
}

/** Up to date: same inputs, and the PDF on disk is still the one that was built from them. */
export async function isUpToDate(outDir: string, entry: ManifestEntry | undefined, inputHash: string): Promise<boolean> {
  if (!entry || entry.inputHash !== inputHash) return false;
  try {
    const bytes = await readFile(path.join(outDir, entry.file));
    return createHash('sha256').update(bytes).digest('hex') === entry.sha256;
  } catch {
    return false;
  }
}

/** The manifest path must be a file (or nothing yet): a folder there would only fail at the first write. */
export async function checkManifestPath(outDir: string): Promise<void> {
  const file = path.join(outDir, MANIFEST_FILE);
  const info = await lstat(file).catch(() => undefined);
  if (info && !info.isFile())
    throw new BriefingError(
      'output',
      `${file} is ${info.isDirectory() ? 'a folder' : 'not a regular file'}, where the build keeps its manifest; remove or rename it, or build into another folder with --out`,
    );
}

/**
 * Records each briefing in the manifest as soon as its PDF is written (one write at a time), so
 * that a build killed outright does not build again what it had finished.
 */
export function manifestRecorder(outDir: string): { record: (name: string, entry: ManifestEntry) => Promise<void> } {
  let queue: Promise<void> = Promise.resolve();
  return {
    record(name, entry) {
      const write = queue.then(() => updateManifest(outDir, { [name]: entry }));
      // A failed write is reported to its caller; the next one still runs.
      queue = write.catch(() => undefined);
      return write;
    },
  };
}
