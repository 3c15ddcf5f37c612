import { createHash } from 'node:crypto';
import { lstat, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { BriefingError } from '../problems.ts';
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

const Manifest = z.object({ version: z.literal(1), briefings: z.record(z.string(), Entry) });
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
  const sorted = Object.fromEntries(Object.entries(merged.briefings).sort(([a], [b]) => (a < b ? -1 : 1)));
  await writeAtomically(path.join(outDir, MANIFEST_FILE), Buffer.from(`${JSON.stringify({ version: 1, briefings: sorted }, null, 2)}\n`));
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
