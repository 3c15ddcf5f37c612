// The hash of the TypeScript sources that dist/ was compiled from. `npm run compile` writes it to
// dist/.source-hash; bin/briefings.js compares it at start-up to tell a fresh dist/ from a stale one.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SOURCE_DIR = path.join(ROOT, 'src');
export const DIST_DIR = path.join(ROOT, 'dist');
export const HASH_FILE = path.join(DIST_DIR, '.source-hash');

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []))
    .sort();
}

export function sourceHash() {
  const hash = createHash('sha256');
  for (const file of sources(SOURCE_DIR)) hash.update(path.relative(SOURCE_DIR, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

/** True when dist/ was compiled from the sources as they are now. */
export function distIsFresh() {
  try {
    return readFileSync(HASH_FILE, 'utf8').trim() === sourceHash();
  } catch {
    return false;
  }
}
