import { lstat, readdir, readlink, realpath } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { readDataFile } from '../load/read-data-file.ts';
import { NotRegularFile, readRegularFile } from '../load/read-regular-file.ts';
import { BriefingError } from '../problems.ts';
import { DepartmentSettings, LANGUAGES, StringTable, type Language } from '../schema/department.ts';
import { mergeStrings } from './strings.ts';
import { DEPARTMENTS_DIR } from './departments-folder.ts';
import { PAGE_FONT_FAMILY, PAGE_ROUTES, pageHref } from '../print/page-routes.ts';
import { applyColours, chartPalette, UnknownColour, type ChartPalette } from '../chart/chart-colours.ts';

/**
 * The templates folder:
 *   layout.hbs                the HTML page around every briefing
 *   briefings/<kind>.hbs      one body template per kind of briefing
 *   partials/<name>.hbs       reusable pieces, used as {{> name}}
 *   styles/briefing.css       the print stylesheet
 *   charts/<name>.vl.json     Vega-Lite specs (data left out); charts/theme.json is their shared config;
 *                             "$colour:accent" and the like in either are the department's colours
 *   strings/<lang>.yaml       the fixed text, per language
 *   departments/<id>/         a department: department.yaml, and any of the above to override the base
 *
 * Resolution chain: a part comes from the department folder when it has one, else from the base.
 * Strings merge key by key. Nothing outside these folders can be read.
 */
export type Origin = 'base' | 'department';

export interface TemplateFile {
  file: string;
  source: string;
  origin: Origin;
}

export interface ChartSpecFile {
  file: string;
  origin: Origin;
  spec: unknown;
}

export interface DepartmentInfo {
  id: string;
  dir: string;
  settings: DepartmentSettings;
  /** route: where the page's assets map holds it; src: how the page refers to it. */
  logo?: { route: string; src: string; file: string; contentType: string };
}

export interface TemplateSet {
  dir: string;
  department?: DepartmentInfo;
  layout: TemplateFile;
  bodies: Map<string, TemplateFile>;
  partials: Map<string, TemplateFile>;
  styles: TemplateFile;
  charts: Map<string, ChartSpecFile>;
  /** The shared chart config, in the department's colours and the page's font. */
  theme: ChartSpecFile & { spec: Record<string, unknown> };
  strings: Record<Language, { table: StringTable; files: string[] }>;
}
export { DEPARTMENTS_DIR } from './departments-folder.ts';

async function isInside(root: string, file: string): Promise<boolean> {
  const [real, realRoot] = await Promise.all([realpath(file), realpath(root)]);
  return real === realRoot || real.startsWith(realRoot + path.sep);
}

/**
 * Whether anything stands at the path (a file, a link, a pipe…). A department's entry that is
 * not a proper file is then refused by name rather than silently replaced by the base file.
 */
async function present(file: string): Promise<boolean> {
  return lstat(file).then(
    () => true,
    () => false,
  );
}

/** Template files are small; anything larger is not a template. */
const MAX_TEMPLATE_BYTES = 4 * 1024 * 1024;

/**
 * Reads a file that must stay inside its folder (no ../ or symlink escape) and be a regular
 * file: a device (a link to /dev/stdin), a named pipe or a folder is refused without waiting on it.
 */
async function readInside(root: string, relative: string, origin: Origin): Promise<TemplateFile> {
  const file = path.resolve(root, relative);
  if (!(await present(file)))
    throw new BriefingError('template', `${file}: the template file is missing; restore it or copy it from the base templates`);
  const inside = await isInside(root, file).catch(() => undefined);
  if (inside === undefined) {
    const target = await readlink(file).catch(() => '?');
    throw new BriefingError('template', `${file}: a symbolic link to ${target}, which is not a file inside the templates folder (${root}); templates may only use files inside it`);
  }
  if (!inside)
    throw new BriefingError('template', `${file}: resolves outside the templates folder (${root}); templates may only use files inside it`);
  try {
    return { file, source: (await readRegularFile(file, MAX_TEMPLATE_BYTES)).toString('utf8'), origin };
  } catch (error) {
    if (error instanceof NotRegularFile)
      throw new BriefingError('template', `${file}: ${error.reason}; templates are read only as ordinary files inside ${root}`);
    throw new BriefingError('template', `${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); check the file and its permissions`);
  }
}

async function listNames(root: string, sub: string, suffix: string): Promise<string[]> {
  try {
    return (await readdir(path.join(root, sub))).filter((n) => n.endsWith(suffix)).sort();
  } catch {
    return [];
  }
}

/** A chart spec or theme in the edition's colours; a colour name it does not know names the file. */
function coloured(file: TemplateFile, spec: unknown, palette: ChartPalette): unknown {
  try {
    return applyColours(spec, palette);
  } catch (error) {
    if (error instanceof UnknownColour) throw new BriefingError('template', `${file.file}: ${error.message}`);
    throw error;
  }
}

function parseJson(file: TemplateFile): unknown {
  try {
    return JSON.parse(file.source);
  } catch (error) {
    throw new BriefingError('template', `${file.file}: not valid JSON (${(error as Error).message}); fix the chart spec`);
  }
}

/** A single file: the department's when it has one, else the base's. */
async function resolveFile(base: string, department: string | undefined, relative: string): Promise<TemplateFile> {
  if (department && (await present(path.join(department, relative)))) return readInside(base, path.relative(base, path.join(department, relative)), 'department');
  return readInside(base, relative, 'base');
}

/** A folder of named parts: the union of both, the department's winning by name. */
async function resolveFolder(base: string, department: string | undefined, sub: string, suffix: string): Promise<Map<string, TemplateFile>> {
  const parts = new Map<string, TemplateFile>();
  for (const [root, origin] of [[base, 'base'], [department, 'department']] as const) {
    if (!root) continue;
    // Department files too must resolve inside the templates folder (a link to a base file is fine).
    for (const name of await listNames(root, sub, suffix))
      parts.set(name.slice(0, -suffix.length), await readInside(base, path.relative(base, path.join(root, sub, name)), origin));
  }
  return parts;
}

async function readStrings(base: string, root: string, lang: Language, origin: Origin, required: boolean): Promise<{ table: StringTable; file: string } | undefined> {
  const relative = path.join('strings', `${lang}.yaml`);
  if (!required && !(await present(path.join(root, relative)))) return undefined;
  const file = await readInside(base, path.relative(base, path.join(root, relative)), origin);
  const known = parsedStrings.get(file.source);
  if (known) return { table: known, file: file.file };
  let raw: unknown;
  try {
    raw = parseYaml(file.source);
  } catch (error) {
    throw new BriefingError('template', `${file.file}: not valid YAML (${(error as Error).message.split('\n')[0]})`);
  }
  const parsed = StringTable.safeParse(raw ?? {});
  if (!parsed.success)
    throw new BriefingError('template', `${file.file}: a string table is groups of keys with text values (group: {key: text}); ${parsed.error.issues[0]?.message ?? ''} at ${parsed.error.issues[0]?.path.join('.') ?? ''}`);
  if (parsedStrings.size >= MAX_PARSED_STRINGS) parsedStrings.clear();
  parsedStrings.set(file.source, parsed.data);
  return { table: parsed.data, file: file.file };
}

/**
 * String tables already parsed, by their text: every department's template set reads the base
 * tables again, and parsing them was a tenth of a build's work. Keyed by the text read, so an
 * edited file is parsed again. The tables are only read (mergeStrings copies), never changed.
 */
const parsedStrings = new Map<string, StringTable>();
const MAX_PARSED_STRINGS = 32;

/**
 * A department's settings (department.yaml) and logo, and nothing else of its folder: enough to
 * list its edition. Its templates are read only when its edition is built.
 */
export async function loadDepartment(templatesDir: string, id: string): Promise<DepartmentInfo> {
  const base = path.resolve(templatesDir);
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id))
    throw new BriefingError('usage', `department ids are lower-case letters, digits and hyphens; found "${id}"`);
  const dir = path.join(base, DEPARTMENTS_DIR, id);
  const settingsFile = path.join(dir, 'department.yaml');
  if (!(await present(settingsFile)))
    throw new BriefingError('template', `${settingsFile}: no such department; create it with \`briefings template new ${id}\``);
  const inside = async () => (await isInside(path.join(base, DEPARTMENTS_DIR), dir)) && (await isInside(dir, settingsFile));
  if (!(await inside().catch(() => false)))
    throw new BriefingError('template', `${dir}: the department folder or its settings resolve outside ${path.join(base, DEPARTMENTS_DIR)}; departments must live inside the templates folder`);
  const read = await readDataFile(settingsFile, DepartmentSettings, 'correct the setting; data/schema/department.schema.json describes them');
  if (!read.value) throw new BriefingError('template', `${settingsFile}: the department settings are not valid`, read.problems);
  const settings = read.value;
  const info: DepartmentInfo = { id, dir, settings };
  if (settings.logo) {
    const file = path.resolve(dir, settings.logo);
    const ext = path.extname(file).toLowerCase();
    const contentType = ext === '.svg' ? 'image/svg+xml' : ext === '.png' ? 'image/png' : undefined;
    const line = read.locate(['logo']);
    if (!contentType) throw new BriefingError('template', `${settingsFile}${line ? `:${line}` : ''}: logo must be an .svg or .png file; found ${settings.logo}`);
    if (!(await present(file))) throw new BriefingError('template', `${settingsFile}${line ? `:${line}` : ''}: logo ${settings.logo} does not exist in ${dir}`);
    if (!(await isInside(dir, file).catch(() => false))) throw new BriefingError('template', `${settingsFile}${line ? `:${line}` : ''}: logo ${settings.logo} resolves outside the department folder`);
    await readRegularFile(file, MAX_TEMPLATE_BYTES).catch((error: unknown) => {
      throw new BriefingError('template', `${settingsFile}${line ? `:${line}` : ''}: logo ${settings.logo} ${error instanceof NotRegularFile ? error.reason : 'cannot be read'}`);
    });
    info.logo = { route: PAGE_ROUTES.logo(ext), src: pageHref(PAGE_ROUTES.logo(ext)), file, contentType };
  }
  return info;
}

export async function loadTemplateSet(dir: string, departmentId?: string): Promise<TemplateSet> {
  const base = path.resolve(dir);
  const department = departmentId ? await loadDepartment(base, departmentId) : undefined;
  const dept = department?.dir;

  const palette = chartPalette(department?.settings.colours);
  const theme = await resolveFile(base, dept, 'charts/theme.json');
  const themeSpec = coloured(theme, parseJson(theme), palette);
  if (typeof themeSpec !== 'object' || themeSpec === null || Array.isArray(themeSpec))
    throw new BriefingError('template', `${theme.file}: the chart theme must be a JSON object (a Vega-Lite config)`);

  const charts = new Map<string, ChartSpecFile>();
  for (const [name, file] of await resolveFolder(base, dept, 'charts', '.vl.json'))
    charts.set(name, { file: file.file, origin: file.origin, spec: coloured(file, parseJson(file), palette) });

  const strings = {} as TemplateSet['strings'];
  for (const lang of LANGUAGES) {
    const own = await readStrings(base, base, lang, 'base', true);
    const over = dept ? await readStrings(base, dept, lang, 'department', false) : undefined;
    strings[lang] = {
      table: mergeStrings(own?.table ?? {}, over?.table),
      files: [own?.file, over?.file].filter((f): f is string => !!f),
    };
  }

  return {
    dir: base,
    department,
    layout: await resolveFile(base, dept, 'layout.hbs'),
    bodies: await resolveFolder(base, dept, 'briefings', '.hbs'),
    partials: await resolveFolder(base, dept, 'partials', '.hbs'),
    styles: await resolveFile(base, dept, 'styles/briefing.css'),
    charts,
    // Chart text is set in the page's font unless the theme names another.
    theme: { file: theme.file, origin: theme.origin, spec: { font: PAGE_FONT_FAMILY, ...(themeSpec as Record<string, unknown>) } },
    strings,
  };
}

export function chartSpec(set: TemplateSet, name: string): ChartSpecFile {
  const chart = set.charts.get(name);
  if (!chart)
    throw new BriefingError('template', `${path.join(set.dir, 'charts', `${name}.vl.json`)}: chart spec "${name}" is missing; restore it from the base templates`);
  return chart;
}

/** Which file every part of a template set comes from, for `briefings template resolve`. */
export function describeResolution(set: TemplateSet): { part: string; file: string; origin: Origin }[] {
  const rows = [
    { part: 'layout', file: set.layout.file, origin: set.layout.origin },
    { part: 'stylesheet', file: set.styles.file, origin: set.styles.origin },
    { part: 'chart theme', file: set.theme.file, origin: set.theme.origin },
    ...[...set.bodies].map(([n, f]) => ({ part: `body ${n}`, file: f.file, origin: f.origin })),
    ...[...set.partials].map(([n, f]) => ({ part: `partial ${n}`, file: f.file, origin: f.origin })),
    ...[...set.charts].map(([n, f]) => ({ part: `chart ${n}`, file: f.file, origin: f.origin })),
    ...LANGUAGES.map((lang) => ({
      part: `strings ${lang}`,
      file: set.strings[lang].files.join(' + '),
      origin: (set.strings[lang].files.length > 1 ? 'department' : 'base') as Origin,
    })),
  ];
  if (set.department?.logo) rows.push({ part: 'logo', file: set.department.logo.file, origin: 'department' });
  return rows;
}

/** Departments that have a folder under templates/departments. */
export async function listDepartments(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(path.join(path.resolve(dir), DEPARTMENTS_DIR), { withFileTypes: true });
    const ids: string[] = [];
    for (const e of entries) if (e.isDirectory() && (await present(path.join(dir, DEPARTMENTS_DIR, e.name, 'department.yaml')))) ids.push(e.name);
    return ids.sort();
  } catch {
    return [];
  }
}
