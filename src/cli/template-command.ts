import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BriefingError } from '../problems.ts';
import { acceptedMinistries, resolveMinistry } from '../schema/ministry.ts';
import { Reference, type Ministry } from '../schema/reference.ts';
import { readDataFile } from '../load/read-data-file.ts';
import { REFERENCE_FILE } from '../load/data-folder.ts';
import { Language } from '../schema/department.ts';
import { DEPARTMENTS_DIR, describeResolution, loadTemplateSet } from '../render/template-set.ts';
import { displayPath } from '../format/display-path.ts';

interface Io {
  out: (text: string) => void;
}

const settingsTemplate = (id: string, name: string, ministry: string | undefined, language: string) => `# yaml-language-server: $schema=../../../data/schema/department.schema.json
# Settings of the "${id}" edition. \`briefings build\` makes one edition per department folder:
# a ministry edition when \`ministry\` is set, otherwise the year comparison of the whole budget.

# The department as it appears on the title page, and a short form.
name: ${JSON.stringify(name)}
shortName: ${JSON.stringify(name)}

# The ministry this edition focuses on: its code (こ 総 文 厚 経 内), its name as in data/reference.yaml
# (文部科学省 or 文科省) or its English id (cfa mic mext mhlw meti cao). Leave out for the whole budget.
${ministry ? `ministry: ${ministry}` : '# ministry: 文'}

# ja or en. English editions use templates/strings/en.yaml and the English names in data/reference.yaml.
language: ${language}

# Colours of headings, tables and changes (#rrggbb); leave any out to keep the base colour.
colours:
  accent: "#1f5fa8"
  accentSoft: "#e8f0fa"
  # up: "#1f5fa8"
  # down: "#b3261e"

# An .svg or .png file in this folder, shown on the title page.
# logo: assets/logo.svg

# Which sections, in which order. Ministry editions: headline, scopes, supplementary, trend, programs, notes.
# Whole-budget editions: headline, scopes, supplementary, projects, initiatives, notes.
# sections: [headline, scopes, supplementary, trend, programs, notes]

# A paragraph shown under the title.
# introduction: >-
#   この資料は…
`;

const readmeTemplate = (id: string) => `# Department "${id}"

Any file of the base templates placed here, at the same path, replaces the base one for this
department only; everything else comes from \`templates/\`:

- \`layout.hbs\`, \`briefings/<kind>.hbs\`, \`partials/<name>.hbs\`: the page, the bodies, the sections
- \`styles/briefing.css\`: the stylesheet (copy the base one and change it)
- \`charts/<name>.vl.json\`, \`charts/theme.json\`: chart specs (Vega-Lite) and their shared config
- \`strings/<lang>.yaml\`: only the keys you word differently; the rest comes from the base

\`briefings template resolve ${id}\` lists which file each part comes from.
Files outside this folder and \`templates/\` cannot be used, and pages cannot load anything from the network.
`;

const stringsTemplate = `# Keys of templates/strings/<lang>.yaml that this department words differently.
# heading:
#   overview: 要点
`;

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

/** \`briefings template new <department>\`: a department folder with commented starting files. */
export async function scaffoldDepartment(
  templatesDir: string,
  id: string,
  opts: { name?: string; ministry?: string; language?: string; ministries?: readonly Ministry[] },
  io: Io,
): Promise<string> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) throw new BriefingError('usage', `department ids are lower-case letters, digits and hyphens, e.g. mext or health-policy; found "${id}"`);
  const ministries = opts.ministries ?? [];
  const ministry = opts.ministry === undefined ? undefined : resolveMinistry(opts.ministry, ministries);
  if (opts.ministry !== undefined && ministry === undefined)
    throw new BriefingError('usage', `--ministry: no ministry is called "${opts.ministry}"; write its code, Japanese name or English id: ${acceptedMinistries(ministries)}`);
  const language = opts.language ?? 'ja';
  if (!Language.safeParse(language).success) throw new BriefingError('usage', `--language takes ja or en; found "${language}"`);
  const dir = path.join(path.resolve(templatesDir), DEPARTMENTS_DIR, id);
  if (await exists(dir)) throw new BriefingError('usage', `${dir} already exists; choose another id or edit it`);
  // A department extends the base templates: they must be there (and load) first.
  await loadTemplateSet(templatesDir);
  try {
    await mkdir(path.join(dir, 'strings'), { recursive: true });
    await writeFile(path.join(dir, 'department.yaml'), settingsTemplate(id, opts.name ?? id, ministry, language));
    await writeFile(path.join(dir, 'README.md'), readmeTemplate(id));
    await writeFile(path.join(dir, 'strings', `${language}.yaml`), stringsTemplate);
    await loadTemplateSet(templatesDir, id);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  io.out(`created ${displayPath(dir)}/ (department.yaml, README.md, strings/${language}.yaml)`);
  io.out(`edit department.yaml, then run: briefings template resolve ${id}`);
  return dir;
}

/** \`briefings template resolve <department>\`: which file each part of the templates comes from. */
export async function printResolution(templatesDir: string, id: string | undefined, io: Io): Promise<void> {
  const set = await loadTemplateSet(templatesDir, id);
  const rows = describeResolution(set);
  const width = Math.max(...rows.map((r) => r.part.length));
  io.out(id ? `Templates of department "${id}" (department parts override the base):` : 'Base templates:');
  for (const row of rows)
    io.out(`  ${row.part.padEnd(width)}  ${row.origin.padEnd(10)}  ${row.file.split(' + ').map((f) => displayPath(f)).join(' + ')}`);
}

/** The ministries' names from the data's reference.yaml, to read `--ministry`. */
export async function referenceMinistries(dataDir: string): Promise<readonly Ministry[]> {
  const read = await readDataFile(path.join(dataDir, REFERENCE_FILE), Reference);
  if (!read.value) throw new BriefingError('data', `${read.file}: the ministries' names cannot be read, so --ministry cannot be checked; run \`briefings validate\``, read.problems);
  return read.value.ministries;
}
