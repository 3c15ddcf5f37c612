import { createHash } from 'node:crypto';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { hashFiles, listFiles } from '../load/hash-files.ts';
import { toolFingerprint } from './input-hash.ts';
import { isUpToDate, type BuildStamp, type Manifest } from './manifest.ts';

/**
 * The no-op build: see BuildStamp in manifest.ts. The digest covers every byte of the data and
 * templates folders (all departments), the tool's code and dependency versions, and the options.
 */

/** Stamps kept per output folder: one per selection (shards, --department) built into it. */
export const STAMPS_KEPT = 8;

/** What the build was asked for, besides the files: any difference makes a different digest. */
export interface StampOptions {
  briefings?: unknown;
  departmentEditions?: boolean;
  latestComparison?: boolean;
  names?: readonly string[];
  selection?: unknown;
  outputs: readonly string[];
  prune: boolean;
  author?: string;
  strictLayout?: boolean;
}

export async function stampDigest(dataDir: string, templatesDir: string, env: NodeJS.ProcessEnv, options: StampOptions): Promise<string> {
  const [data, templates, tool] = await Promise.all([
    listFiles(dataDir).then((files) => hashFiles(dataDir, files)),
    listFiles(templatesDir).then((files) => hashFiles(templatesDir, files)),
    toolFingerprint(),
  ]);
  return createHash('sha256')
    .update(JSON.stringify({ data, templates, tool, epoch: env.SOURCE_DATE_EPOCH ?? '', options }))
    .digest('hex');
}

/**
 * The plan of the last build with this digest, if everything it wrote is still there unchanged
 * and nothing else recorded in the folder is due for pruning; otherwise undefined (a full build).
 */
export async function replayableStamp(
  manifest: Manifest,
  outDir: string,
  digest: string,
  outputFiles: (name: string) => string[],
  prune: boolean,
): Promise<BuildStamp | undefined> {
  const stamp = manifest.stamps?.find((s) => s.digest === digest);
  if (!stamp) return undefined;
  const known = new Set(stamp.all);
  if (prune && Object.keys(manifest.briefings).some((name) => !known.has(name))) return undefined;
  for (const spec of stamp.plan) {
    const entry = manifest.briefings[spec.name];
    const inputHash = stamp.inputHashes[spec.name];
    if (!entry || inputHash === undefined || !(await isUpToDate(outDir, entry, inputHash))) return undefined;
    const present = await Promise.all(outputFiles(spec.name).map((f) => access(path.join(outDir, f)).then(() => true, () => false)));
    if (!present.every(Boolean)) return undefined;
  }
  return stamp;
}
