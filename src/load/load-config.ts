import { stat } from 'node:fs/promises';
import path from 'node:path';
import { BriefingError } from '../problems.ts';
import { BuildConfig } from '../schema/config.ts';
import { BASE_BRIEFINGS } from '../build/catalogue.ts';
import { readDataFile } from './read-data-file.ts';

export const CONFIG_FILE = 'briefings.config.yaml';

export interface LoadedConfig {
  /** The config file, or undefined when the built-in default is used. */
  file?: string;
  /** The folder relative paths are resolved against. */
  root: string;
  config: BuildConfig;
}

/** Reads briefings.config.yaml (or the file given); without one, the built-in default builds everything. */
export async function loadConfig(file?: string, cwd = process.cwd()): Promise<LoadedConfig> {
  const candidate = path.resolve(cwd, file ?? CONFIG_FILE);
  const present = await stat(candidate).then((s) => s.isFile(), () => false);
  if (!present) {
    if (file) throw new BriefingError('usage', `${candidate}: no such config file`);
    return { root: cwd, config: BuildConfig.parse({ briefings: [...BASE_BRIEFINGS] }) };
  }
  const read = await readDataFile(candidate, BuildConfig);
  if (!read.value) throw new BriefingError('usage', `${candidate}: the build config is not valid`, read.problems);
  return { file: candidate, root: path.dirname(candidate), config: read.value };
}

export function resolveFrom(loaded: LoadedConfig, relative: string): string {
  return path.resolve(loaded.root, relative);
}
