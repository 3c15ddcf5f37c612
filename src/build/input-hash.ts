import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BriefingSpec } from '../schema/briefing.ts';
import { DEPARTMENTS_DIR } from '../render/departments-folder.ts';
import { readRegularFile } from '../load/read-regular-file.ts';
import { hashFiles, listFiles } from '../load/hash-files.ts';

/**
 * The text of every data and base template file (for the build's font subset). Department
 * folders are left out: a briefing reads no department but its own, and a department page's
 * own characters are added to its subset (page-assets.ts).
 */
export async function inputTexts(dataDir: string, templatesDir: string): Promise<string[]> {
  const files = [...(await listFiles(dataDir)), ...(await listFiles(templatesDir, DEPARTMENTS_DIR))].filter((f) => /\.(ya?ml|hbs|json|css|txt)$/i.test(f));
  return Promise.all(files.map(async (f) => (await readRegularFile(f).catch(() => Buffer.alloc(0))).toString('utf8')));
}

/** This tool's own code: the folder this module's parent is (src/, or the compiled copy that ships). */
const TOOL_CODE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TOOL_PACKAGE = path.resolve(TOOL_CODE_DIR, '..', 'package.json');

/** The version of a package as installed where Node would find it from this tool (package.json need not be exported). */
async function installedVersion(name: string): Promise<string> {
  for (let dir = TOOL_CODE_DIR; ; dir = path.dirname(dir)) {
    const text = await readFile(path.join(dir, 'node_modules', name, 'package.json'), 'utf8').catch(() => undefined);
    if (text) return (JSON.parse(text) as { version?: string }).version ?? 'unknown';
    if (path.dirname(dir) === dir) return 'missing';
  }
}

/**
 * The tool's code: compiled dist/ is named by the hash of the sources it was compiled from
 * (dist/.source-hash, written by `npm run compile`; bin/briefings.js runs dist/ only when it matches
 * src/), which spares hashing the compiled files at every start; sources run directly are hashed.
 */
async function codeHash(codeDir: string): Promise<string> {
  const compiledFrom = await readFile(path.join(codeDir, '.source-hash'), 'utf8').catch(() => undefined);
  if (compiledFrom?.trim()) return `compiled from ${compiledFrom.trim()}`;
  const code = (await listFiles(codeDir)).filter((f) => /\.(m?[jt]s|json)$/.test(f));
  return hashFiles(codeDir, code);
}

/**
 * What shapes the output besides the inputs: this tool's own code (a fix to number formatting must
 * reach the PDFs) and the installed version of every dependency (renderers, browser driver, fonts).
 */
export async function toolFingerprint(codeDir = TOOL_CODE_DIR): Promise<string> {
  const hash = createHash('sha256');
  hash.update(await codeHash(codeDir));
  const pkg = JSON.parse(await readFile(TOOL_PACKAGE, 'utf8').catch(() => '{}')) as { name?: string; version?: string; dependencies?: Record<string, string> };
  hash.update(`${pkg.name}@${pkg.version}`);
  // typescript: dist/ is what it compiled.
  for (const dep of [...Object.keys(pkg.dependencies ?? {}), 'vega', 'vega-lite', 'harfbuzzjs', 'typescript'].sort())
    hash.update(`\0${dep}@${await installedVersion(dep)}`);
  return hash.digest('hex');
}

/** The source documents of the data folder: every file of each, and the files one briefing uses. */
export interface DocumentFiles {
  all: readonly string[];
  of: (spec: BriefingSpec) => readonly string[];
}

/**
 * The hash of everything a briefing is made from: the data it uses (the shared files, and only
 * the documents it is built from where `documents` says which, so that a new edition leaves
 * the briefings of earlier ones up to date), the templates it resolves (the base, plus its
 * department's folder only), its own entry in the config, the tool's code, its dependencies'
 * versions (fonts included) and SOURCE_DATE_EPOCH. Unchanged hash and unchanged output file →
 * the briefing is skipped.
 */
export async function makeInputHasher(
  dataDir: string,
  templatesDir: string,
  env: NodeJS.ProcessEnv,
  documents?: DocumentFiles,
  outputs: readonly string[] = [],
  /** The config's author, written into the PDFs. */
  author?: string,
): Promise<(spec: BriefingSpec) => Promise<string>> {
  const dataFiles = await listFiles(dataDir);
  const documentFiles = new Set((documents?.all ?? []).map((f) => path.resolve(f)));
  const shared = dataFiles.filter((f) => !documentFiles.has(path.resolve(f)));
  const dataHashes = new Map<string, Promise<string>>();
  const dataHash = (spec: BriefingSpec) => {
    const used = documents ? documents.of(spec).map((f) => path.resolve(f)).filter((f) => documentFiles.has(f)) : [];
    const files = [...shared, ...used].sort();
    const key = files.join('\0');
    let h = dataHashes.get(key);
    if (!h) {
      h = hashFiles(dataDir, files);
      dataHashes.set(key, h);
    }
    return h;
  };
  const base = await hashFiles(templatesDir, await listFiles(templatesDir, DEPARTMENTS_DIR));
  const tool = await toolFingerprint();
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
    const data = await dataHash(spec);
    return createHash('sha256')
      .update(JSON.stringify({ spec, data, base, department, tool, epoch: env.SOURCE_DATE_EPOCH ?? '', ...(outputs.length ? { outputs } : {}), ...(author !== undefined ? { author } : {}) }))
      .digest('hex');
  };
}
