import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { readRegularFile } from './read-regular-file.ts';

/** Every file below a folder, as sorted relative paths, optionally leaving out one subfolder. */
export async function listFiles(root: string, skip?: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string) => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!(skip && full === path.join(root, skip))) await walk(full);
      } else if (e.isFile() || e.isSymbolicLink()) out.push(full);
    }
  };
  await walk(root);
  return out.sort();
}

/**
 * A file's bytes, or a marker when it is not a regular file: a link to /dev/stdin or a named
 * pipe would otherwise block the build for ever. Building from it is refused later, by name.
 */
const contentOf = (file: string): Promise<Buffer> => readRegularFile(file).catch((error: unknown) => Buffer.from(`<unreadable: ${String(error)}>`));

export async function hashFiles(root: string, files: string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(path.relative(root, file)).update('\0');
    hash.update(await contentOf(file)).update('\0');
  }
  return hash.digest('hex');
}
