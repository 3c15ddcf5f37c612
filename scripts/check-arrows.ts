/**
 * `npm run check:arrows`: import cycles between files (type-only imports included, since they
 * tangle the reading order as much as the others) and pairs of src/ folders that import each other.
 * No dependency: the imports are read with a regular expression, which suffices for this code base
 * (static `import … from '…'`, `export … from '…'` and `await import('…')`, all relative).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(import.meta.dirname, '..', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : /\.(ts|mts)$/.test(e.name) ? [path.join(dir, e.name)] : [],
  );
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

export function importGraph(root = SRC): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sources(root)) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(IMPORT)].map((m) => path.resolve(path.dirname(file), m[1] ?? m[2] ?? ''));
    graph.set(file, targets.filter((t) => t.startsWith(root)));
  }
  return graph;
}

export function fileCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push(stack.slice(stack.indexOf(next)));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return cycles;
}

/** Folder pairs (a → b and b → a), each with one import that makes each arrow. */
export function folderBackArrows(graph: Map<string, string[]>, root = SRC): string[] {
  const folder = (f: string) => path.relative(root, f).split(path.sep)[0] ?? '';
  const arrows = new Map<string, string>();
  for (const [from, targets] of graph)
    for (const to of targets)
      if (folder(from) !== folder(to) && path.dirname(from) !== root && path.dirname(to) !== root)
        arrows.set(`${folder(from)} → ${folder(to)}`, `${path.relative(root, from)} → ${path.relative(root, to)}`);
  const found: string[] = [];
  for (const [arrow, example] of arrows) {
    const [a, b] = arrow.split(' → ');
    const back = arrows.get(`${b} → ${a}`);
    if (back && (a ?? '') < (b ?? '')) found.push(`${a} ⇄ ${b}: ${example}; ${back}`);
  }
  return found;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const graph = importGraph();
  const rel = (f: string) => path.relative(SRC, f);
  const cycles = fileCycles(graph);
  const pairs = folderBackArrows(graph);
  for (const c of cycles) console.log(`cycle: ${[...c, c[0] ?? ''].map(rel).join(' → ')}`);
  for (const p of pairs) console.log(`folders import each other: ${p}`);
  console.log(`${graph.size} files, ${cycles.length} file cycle(s), ${pairs.length} folder pair(s) importing each other`);
  process.exitCode = cycles.length > 0 ? 1 : 0;
}
