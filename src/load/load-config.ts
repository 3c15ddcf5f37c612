import { realpath, stat } from 'node:fs/promises';
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
  const read = await readDataFile(candidate, BuildConfig, undefined, false);
  if (!read.value) throw new BriefingError('usage', `${candidate}: the build config is not valid`, read.problems);
  return { file: candidate, root: path.dirname(candidate), config: read.value };
}

export function resolveFrom(loaded: LoadedConfig, relative: string): string {
  return path.resolve(loaded.root, relative);
}

/** The real path of a folder that may not exist yet: its nearest existing ancestor, resolved, plus the rest. */
async function realFolder(folder: string): Promise<string> {
  const absolute = path.resolve(folder);
  const parent = path.dirname(absolute);
  try {
    return await realpath(absolute);
  } catch {
    return parent === absolute ? absolute : path.join(await realFolder(parent), path.basename(absolute));
  }
}

const within = (folder: string, root: string) => folder === root || folder.startsWith(root + path.sep);

/**
 * The output folder may not be (or be inside) the data or templates folder: the PDFs would
 * count as inputs, so every build would find its inputs changed and rebuild everything, and a
 * build could overwrite what it reads. Links are followed. `source` says where `out` was set.
 */
export async function checkOutputFolder(
  folders: { out: string; data: string; templates: string },
  source: { flag: string } | { config: LoadedConfig },
): Promise<void> {
  const out = await realFolder(folders.out);
  for (const [name, folder] of [['data', folders.data], ['templates', folders.templates]] as const) {
    if (!within(out, await realFolder(folder))) continue;
    let where = '--out';
    if ('config' in source) {
      const file = source.config.file;
      const line = file ? await readDataFile(file, BuildConfig, undefined, false).then((read) => read.locate(['out'])) : undefined;
      where = file ? `${file}${line ? `:${line}` : ''} out` : 'out';
    } else where = source.flag;
    throw new BriefingError(
      'usage',
      `${where}: the output folder ${folders.out} is inside the ${name} folder ${folder}; the PDFs would become inputs of the build. Choose an output folder outside ${name}/ (e.g. out)`,
    );
  }
}
