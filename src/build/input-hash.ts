import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { BriefingSpec } from '../schema/briefing.ts';
import { DEPARTMENTS_DIR } from '../render/template-set.ts';

const require = createRequire(import.meta.url);

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

export async function hashFiles(root: string, files: string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(path.relative(root, file)).update('\0');
    hash.update(await readFile(file).catch(() => Buffer.from('<unreadable>'))).update('\0');
  }
  return hash.digest('hex');
}

/** The text of every data and template file (for the build's font subset). */
export async function inputTexts(dataDir: string, templatesDir: string): Promise<string[]> {
  const files = [...(await listFiles(dataDir)), ...(await listFiles(templatesDir))].filter((f) => /\.(ya?ml|hbs|json|css|txt)$/i.test(f));
  return Promise.all(files.map((f) => readFile(f, 'utf8').catch(() => '')));
}

/** The versions that shape the output besides the inputs: this tool, its renderers, the fonts. */
function toolFingerprint(): string {
  const versions = ['../../package.json', 'vega/package.json', 'vega-lite/package.json', 'handlebars/package.json', 'puppeteer-core/package.json', 'pdf-lib/package.json', 'exceljs/package.json', 'subset-font/package.json', 'harfbuzzjs/package.json', '@expo-google-fonts/noto-sans-jp/package.json'].map(
    (p) => {
      try {
        const pkg = require(p) as { name?: string; version?: string };
        return `${pkg.name}@${pkg.version}`;
      } catch {
        return p;
      }
    },
  );
  return versions.join(' ');
}

/**
 * The hash of everything a briefing is made from: the data, the templates it resolves (the base,
 * plus its department's folder only), its own entry in the config, the tool and font versions and
 * SOURCE_DATE_EPOCH. Unchanged hash and unchanged output file → the briefing is skipped.
 */
export async function makeInputHasher(dataDir: string, templatesDir: string, env: NodeJS.ProcessEnv, outputs: readonly string[] = []): Promise<(spec: BriefingSpec) => Promise<string>> {
  const data = await hashFiles(dataDir, await listFiles(dataDir));
  const base = await hashFiles(templatesDir, await listFiles(templatesDir, DEPARTMENTS_DIR));
  const tool = toolFingerprint();
  const departments = new Map<string, Promise<string>>();
  const departmentHash = (id: string) => {
    let h = departments.get(id);
    if (!h) {
      const dir = path.join(templatesDir, DEPARTMENTS_DIR, id);
      h = listFiles(dir).then((files) => hashFiles(dir, files));
      departments.set(id, h);
    }
    return h;
  };
  return async (spec) => {
    const department = 'department' in spec && spec.department ? await departmentHash(spec.department) : '';
    return createHash('sha256')
      .update(JSON.stringify({ spec, data, base, department, tool, epoch: env.SOURCE_DATE_EPOCH ?? '', ...(outputs.length ? { outputs } : {}) }))
      .digest('hex');
  };
}
