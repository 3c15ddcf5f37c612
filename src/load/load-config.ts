import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { BriefingError } from '../problems.ts';
import { BuildConfig } from '../schema/config.ts';
import { BASE_BRIEFINGS } from '../schema/base-briefings.ts';
import { readDataFile } from './read-data-file.ts';

export const CONFIG_FILE = 'briefings.config.yaml';
/** Names the config file when no `-c` / `--config` is given. */
export const CONFIG_ENV = 'BRIEFINGS_CONFIG';

export interface LoadedConfig {
  /** The config file, or undefined when the built-in default is used. */
  file?: string;
  /** The folder relative paths are resolved against. */
  root: string;
  config: BuildConfig;
}

const isFile = (file: string) => stat(file).then((s) => s.isFile(), () => false);

/**
 * The config file a command uses: the one named (`-c`, then $BRIEFINGS_CONFIG), else the nearest
 * briefings.config.yaml in the current folder or above it, as git finds its repository: a command
 * run from templates/ or data/ still uses the project's config and folders.
 */
export async function findConfig(file: string | undefined, cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): Promise<{ file: string; named: string } | undefined> {
  const named = file ?? env[CONFIG_ENV];
  if (named) {
    const candidate = path.resolve(cwd, named);
    if (!(await isFile(candidate)))
      throw new BriefingError('usage', `${candidate}: no such config file (named by ${file ? '--config' : `$${CONFIG_ENV}`}). Correct the path, or leave it out to use ./${CONFIG_FILE}.`);
    return { file: candidate, named: file ? '--config' : `$${CONFIG_ENV}` };
  }
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, CONFIG_FILE);
    if (await isFile(candidate)) return { file: candidate, named: 'search' };
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** Reads the config (see findConfig); without one, the built-in default builds everything from the current folder. */
export async function loadConfig(file?: string, cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): Promise<LoadedConfig> {
  const found = await findConfig(file, cwd, env);
  if (!found) return { root: path.resolve(cwd), config: BuildConfig.parse({ briefings: [...BASE_BRIEFINGS] }) };
  const read = await readDataFile(found.file, BuildConfig, undefined, false);
  if (!read.value) throw new BriefingError('usage', `${found.file}: the build config is not valid`, read.problems);
  return { file: found.file, root: path.dirname(found.file), config: read.value };
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
