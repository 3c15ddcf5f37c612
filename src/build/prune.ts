import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Shard } from './select.ts';
import type { Manifest } from './manifest.ts';

/** What a build writes for a briefing besides its PDF, removed with it. */
const COMPANION_EXTENSIONS = ['.xlsx', '.json'];

/**
 * Briefings the manifest recorded that the config no longer has. With shards, each orphan belongs
 * to exactly one shard (by its place among all names, as selection splits them), so that shards
 * sharing an output folder never race to remove the same files.
 */
export function orphans(manifest: Manifest, configured: readonly string[], shard?: Shard): string[] {
  const known = new Set(configured);
  const gone = Object.keys(manifest.briefings).filter((name) => !known.has(name));
  if (!shard) return gone.sort();
  const everyone = [...new Set([...configured, ...gone])].sort();
  return gone.filter((name) => everyone.indexOf(name) % shard.count === shard.index - 1).sort();
}

/** Removes a briefing's PDF, its companion files and its --html folder; returns what was there to remove. */
export async function pruneBriefing(outDir: string, name: string, manifest: Manifest): Promise<string[]> {
  const file = manifest.briefings[name]?.file ?? `${name}.pdf`;
  const base = file.replace(/\.pdf$/i, '');
  const targets = [file, ...COMPANION_EXTENSIONS.map((ext) => base + ext), path.join('html', name)].map((f) => path.join(outDir, f));
  // Only paths inside the output folder: a manifest is a file anyone could have edited.
  const inside = targets.filter((t) => !path.relative(outDir, t).startsWith('..') && !path.isAbsolute(path.relative(outDir, t)));
  const removed: string[] = [];
  for (const target of inside) {
    const existed = await rm(target, { recursive: true }).then(() => true, () => false);
    if (existed) removed.push(target);
  }
  return removed;
}
