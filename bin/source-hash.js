// The hash of the TypeScript sources that dist/ was compiled from. `npm run compile` writes it to
// dist/.source-hash; bin/briefings.js compares it at start-up to tell a fresh dist/ from a stale one.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SOURCE_DIR = path.join(ROOT, 'src');
export const DIST_DIR = path.join(ROOT, 'dist');
export const HASH_FILE = path.join(DIST_DIR, '.source-hash');
/** Name, size and modification time of every source when dist/ was last found fresh: a cheaper first check. */
export const STAT_FILE = path.join(DIST_DIR, '.source-stat');

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

/** Every source's path, size and modification time: equal to the recorded one, the sources are unchanged. */
export function sourceStat() {
  const hash = createHash('sha256');
  for (const file of sources(SOURCE_DIR)) {
    const info = statSync(file);
    hash.update(`${path.relative(SOURCE_DIR, file)}\0${info.size}\0${info.mtimeMs}\0`);
  }
  return hash.digest('hex');
}

/**
 * True when dist/ was compiled from the sources as they are now. The sources' contents are hashed
 * only when their sizes or times differ from when dist/ was last found fresh (an edit, a checkout),
 * which keeps the check to a few milliseconds at every start.
 */
export function distIsFresh() {
  try {
    const stat = sourceStat();
    if (readFileSync(STAT_FILE, 'utf8').trim() === stat) return true;
  } catch {
    // no record yet: hash the contents
  }
  try {
    const fresh = readFileSync(HASH_FILE, 'utf8').trim() === sourceHash();
    if (fresh) {
      try {
        writeFileSync(STAT_FILE, `${sourceStat()}\n`);
      } catch {
        // a read-only install checks the contents every time
      }
    }
    return fresh;
  } catch {
    return false;
  }
}
