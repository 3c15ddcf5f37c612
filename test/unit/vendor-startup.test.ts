import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
// @ts-expect-error: a plain JavaScript build script without types
import { importedNames, pointAtVendored, vendorStartupPackages } from '../../bin/vendor-startup.js';

type Names = Map<string, Set<string> | null>;
const names = (sources: string[]): Record<string, string[] | null> =>
  Object.fromEntries([...(importedNames(sources) as Names)].map(([pkg, set]) => [pkg, set ? [...set].sort() : null]));

describe('bundling the packages every command loads', () => {
  it('collects the names the compiled code imports from each package, renamed or not', () => {
    expect(
      names([
        "import { z } from 'zod';",
        "import { LineCounter, parseDocument } from 'yaml';\nimport { parse as parseYaml } from 'yaml';",
        "export { Command } from 'commander';",
        "import { readFile } from 'node:fs/promises';",
      ]),
    ).toEqual({ zod: ['z'], yaml: ['LineCounter', 'parse', 'parseDocument'], commander: ['Command'] });
  });

  it('leaves alone a package that is also imported whole, by default or at run time', () => {
    expect(names(["import { z } from 'zod';", "import * as everything from 'zod';"]).zod).toBeNull();
    expect(names(["import YAML from 'yaml';"]).yaml).toBeNull();
    expect(names(["const { Command } = await import('commander');"]).commander).toBeNull();
  });

  it('points static imports at the bundle, relative to each file', () => {
    const vendored = new Set(['zod']);
    const text = "import { z } from 'zod';\nimport { parse } from 'yaml';\n";
    expect(pointAtVendored(text, '/x/dist/schema', '/x/dist/vendor', vendored)).toBe("import { z } from '../vendor/zod.js';\nimport { parse } from 'yaml';\n");
    expect(pointAtVendored(text, '/x/dist', '/x/dist/vendor', vendored)).toContain("from './vendor/zod.js'");
  });

  it('writes bundles that export what the code imports, and the code runs with them', { timeout: 60_000 }, async () => {
    // Inside the project, where the packages resolve as they do from dist/.
    const dist = mkdtempSync(path.join(process.cwd(), 'node_modules', '.vendor-test-'));
    onTestFinished(() => rmSync(dist, { recursive: true, force: true }));
    mkdirSync(path.join(dist, 'load'));
    writeFileSync(path.join(dist, 'load', 'read.js'), "import { parse as parseYaml } from 'yaml';\nexport const read = (text) => parseYaml(text);\n");
    expect(await vendorStartupPackages(dist)).toEqual(['yaml']);
    expect(readFileSync(path.join(dist, 'load', 'read.js'), 'utf8')).toContain("from '../vendor/yaml.js'");
    const { read } = (await import(path.join(dist, 'load', 'read.js'))) as { read: (t: string) => unknown };
    expect(read('a: [1, 2]')).toEqual({ a: [1, 2] });
  });
});
