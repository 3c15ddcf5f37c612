// Start-up: Node's ESM loader pays about a millisecond for every module it loads, and zod, yaml and
// commander, which every command loads, are some 250 modules between them. `npm run compile` bundles
// each into one file under dist/vendor/ and points the compiled code at it, which starts every
// command about 0.15 s sooner (a no-op build: 0.58 → 0.41 s here). The tool's own modules stay as tsc
// wrote them; only what the code imports by name is bundled, from the installed package, so the
// versions are those of package-lock.json. Without esbuild, dist/ keeps the packages' own imports.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const VENDORED = ['zod', 'yaml', 'commander'];

/** `import { a, b as c } from 'pkg'` and `export { … } from 'pkg'`, static only. */
const NAMED = /\b(?:import|export)\s*\{([^}]*)\}\s*from\s*(['"])([^'"]+)\2/g;
/** Any other static import of a package (default, namespace, side effect): such a package is left alone. */
const OTHER = /\bimport\s+(?:[\w$]+\s*,?\s*)?(?:\*\s+as\s+[\w$]+\s+)?from\s*(['"])([^'"]+)\1|\bimport\s*(['"])([^'"]+)\3/g;
const DYNAMIC = /\bimport\s*\(\s*(['"])([^'"]+)\1\s*\)/g;

/**
 * The names the compiled code imports from each package, or null for a package it also imports in
 * another way (a default or namespace import, a dynamic import): bundling only some names of it
 * would break that import, so it is not vendored.
 */
export function importedNames(sources, packages = VENDORED) {
  const names = new Map(packages.map((p) => [p, new Set()]));
  for (const text of sources) {
    for (const m of text.matchAll(NAMED)) {
      const set = names.get(m[3]);
      if (!set) continue;
      for (const part of m[1].split(',')) {
        const name = part.trim().split(/\s+as\s+/)[0]?.trim();
        if (name && name !== 'type') set.add(name.replace(/^type\s+/, ''));
      }
    }
    for (const m of [...text.matchAll(OTHER)].map((o) => o[2] ?? o[4]).concat([...text.matchAll(DYNAMIC)].map((d) => d[2])))
      if (names.has(m)) names.set(m, null);
  }
  return names;
}

/** The compiled file with its static imports of vendored packages pointing at dist/vendor/<pkg>.js. */
export function pointAtVendored(text, fileDir, vendorDir, vendored) {
  return text.replace(NAMED, (whole, list, quote, spec) => {
    if (!vendored.has(spec)) return whole;
    let relative = path.relative(fileDir, path.join(vendorDir, `${spec}.js`)).split(path.sep).join('/');
    if (!relative.startsWith('.')) relative = `./${relative}`;
    return whole.replace(`${quote}${spec}${quote}`, `${quote}${relative}${quote}`);
  });
}

function jsFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? jsFiles(path.join(dir, e.name)) : e.name.endsWith('.js') ? [path.join(dir, e.name)] : [],
  );
}

/** Bundles the vendored packages into distDir/vendor and rewrites distDir's imports of them. */
export async function vendorStartupPackages(distDir, log = () => undefined) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    log('esbuild is not installed: dist/ imports zod, yaml and commander from node_modules (a slower start)');
    return [];
  }
  const vendorDir = path.join(distDir, 'vendor');
  const files = jsFiles(distDir);
  const texts = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));
  const vendored = new Set();
  for (const [pkg, names] of importedNames(texts.values())) {
    if (!names || names.size === 0) continue;
    await esbuild.build({
      stdin: { contents: `export { ${[...names].sort().join(', ')} } from '${pkg}';`, resolveDir: distDir, loader: 'js' },
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      outfile: path.join(vendorDir, `${pkg}.js`),
      // A package bundled from CommonJS still calls require() for Node's own modules.
      banner: { js: "import { createRequire as vendorRequire } from 'node:module'; const require = vendorRequire(import.meta.url);" },
      legalComments: 'inline',
      logLevel: 'error',
    });
    vendored.add(pkg);
  }
  for (const [file, text] of texts) {
    const pointed = pointAtVendored(text, path.dirname(file), vendorDir, vendored);
    if (pointed !== text) writeFileSync(file, pointed);
  }
  return [...vendored];
}
