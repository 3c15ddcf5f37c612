import { readFile, readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { BriefingError } from '../problems.ts';

/**
 * The templates folder:
 *   layout.hbs                the HTML page around every briefing
 *   briefings/<kind>.hbs      one body template per kind of briefing
 *   partials/<name>.hbs       reusable pieces, used as {{> name}}
 *   styles/briefing.css       the print stylesheet
 *   charts/<name>.vl.json     Vega-Lite specs (data left out); charts/theme.json is their shared config
 */
export interface TemplateFile {
  file: string;
  source: string;
}

export interface TemplateSet {
  dir: string;
  layout: TemplateFile;
  bodies: Map<string, TemplateFile>;
  partials: Map<string, TemplateFile>;
  styles: TemplateFile;
  charts: Map<string, { file: string; spec: unknown }>;
  theme: Record<string, unknown>;
}

/** Reads a file that must stay inside the templates folder (no ../ or symlink escape). */
async function readInside(root: string, relative: string): Promise<TemplateFile> {
  const file = path.resolve(root, relative);
  let real: string;
  try {
    real = await realpath(file);
  } catch {
    throw new BriefingError('template', `${file}: the template file is missing; restore it or copy it from the base templates`);
  }
  const realRoot = await realpath(root);
  if (real !== realRoot && !real.startsWith(realRoot + path.sep))
    throw new BriefingError('template', `${file}: resolves outside the templates folder (${realRoot}); templates may only use files inside it`);
  return { file, source: await readFile(real, 'utf8') };
}

async function listInside(root: string, sub: string, suffix: string): Promise<string[]> {
  try {
    const names = await readdir(path.join(root, sub));
    return names.filter((n) => n.endsWith(suffix)).sort();
  } catch {
    return [];
  }
}

function parseJson(file: TemplateFile): unknown {
  try {
    return JSON.parse(file.source);
  } catch (error) {
    throw new BriefingError('template', `${file.file}: not valid JSON (${(error as Error).message}); fix the chart spec`);
  }
}

export async function loadTemplateSet(dir: string): Promise<TemplateSet> {
  const root = path.resolve(dir);
  const layout = await readInside(root, 'layout.hbs');
  const styles = await readInside(root, 'styles/briefing.css');

  const bodies = new Map<string, TemplateFile>();
  for (const name of await listInside(root, 'briefings', '.hbs'))
    bodies.set(name.replace(/\.hbs$/, ''), await readInside(root, path.join('briefings', name)));

  const partials = new Map<string, TemplateFile>();
  for (const name of await listInside(root, 'partials', '.hbs'))
    partials.set(name.replace(/\.hbs$/, ''), await readInside(root, path.join('partials', name)));

  const charts = new Map<string, { file: string; spec: unknown }>();
  for (const name of await listInside(root, 'charts', '.vl.json')) {
    const file = await readInside(root, path.join('charts', name));
    charts.set(name.replace(/\.vl\.json$/, ''), { file: file.file, spec: parseJson(file) });
  }
  const themeFile = await readInside(root, 'charts/theme.json');
  const theme = parseJson(themeFile);
  if (typeof theme !== 'object' || theme === null || Array.isArray(theme))
    throw new BriefingError('template', `${themeFile.file}: the chart theme must be a JSON object (a Vega-Lite config)`);

  return { dir: root, layout, bodies, partials, styles, charts, theme: theme as Record<string, unknown> };
}

export function chartSpec(set: TemplateSet, name: string): { file: string; spec: unknown } {
  const chart = set.charts.get(name);
  if (!chart)
    throw new BriefingError('template', `${path.join(set.dir, 'charts', `${name}.vl.json`)}: chart spec "${name}" is missing; restore it from the base templates`);
  return chart;
}
