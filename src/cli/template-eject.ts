import { lstat, mkdir, realpath, writeFile } from 'node:fs/promises';
import { readRegularFile } from '../load/read-regular-file.ts';
import path from 'node:path';
import { BriefingError } from '../problems.ts';
import { displayPath } from '../format/display-path.ts';
import { LANGUAGES } from '../schema/department.ts';
import { DEPARTMENTS_DIR, loadDepartment, loadTemplateSet, type TemplateSet } from '../render/template-set.ts';

interface Io {
  out: (text: string) => void;
}

/** A base part a department can take over: its name, the names `template resolve` prints, its file. */
export interface EjectablePart {
  name: string;
  aliases: string[];
  /** Relative to the templates folder, and to the department folder. */
  relative: string;
  /** The base file copied. */
  file: string;
}

function part(name: string, resolveName: string, relative: string, file: string): EjectablePart {
  return { name, aliases: [resolveName, relative, relative.replace(/\.(hbs|css|json|yaml)$/, '')], relative, file };
}

/** Every part of the base templates, named as the README and `template resolve` name them. */
export function ejectableParts(base: TemplateSet): EjectablePart[] {
  return [
    part('layout', 'layout', 'layout.hbs', base.layout.file),
    ...[...base.bodies].map(([n, f]) => part(`briefings/${n}`, `body ${n}`, `briefings/${n}.hbs`, f.file)),
    ...[...base.partials].map(([n, f]) => part(`partials/${n}`, `partial ${n}`, `partials/${n}.hbs`, f.file)),
    part('styles/briefing.css', 'stylesheet', 'styles/briefing.css', base.styles.file),
    ...[...base.charts].map(([n, f]) => part(`charts/${n}`, `chart ${n}`, `charts/${n}.vl.json`, f.file)),
    part('charts/theme', 'chart theme', 'charts/theme.json', base.theme.file),
    ...LANGUAGES.map((lang) => part(`strings/${lang}`, `strings ${lang}`, `strings/${lang}.yaml`, path.join(base.dir, 'strings', `${lang}.yaml`))),
  ];
}

/**
 * A department's strings file is merged key by key over the base table, so the copy is all
 * comments: it changes nothing until the author uncomments the keys to reword.
 */
export function commentedStrings(departmentId: string, lang: string, baseSource: string): string {
  const header = [
    `# Strings of department "${departmentId}" (${lang}): a commented copy of templates/strings/${lang}.yaml.`,
    `# This file is merged with the base table key by key: a key written here replaces the base text of`,
    `# that key only, and every key left out (or commented out) keeps the base text, also when it changes.`,
    `# To reword a sentence, uncomment its group line and its key line and change the text; keep the`,
    `# {placeholders} the sentence uses. \`briefings template fields <kind> --department ${departmentId}\` lists the keys.`,
    '',
  ];
  const body = baseSource.split('\n').map((line) => (line.trim() === '' ? line : `# ${line}`));
  return [...header, ...body].join('\n').replace(/\n*$/, '\n');
}

async function kindOf(file: string): Promise<'missing' | 'file' | 'other'> {
  try {
    const info = await lstat(file);
    return info.isFile() ? 'file' : 'other';
  } catch {
    return 'missing';
  }
}

/** `briefings template eject <department> <part>`: the base part copied into the department folder, to be edited there. */
export async function ejectPart(templatesDir: string, departmentId: string, partName: string, opts: { force: boolean }, io: Io): Promise<string> {
  const base = await loadTemplateSet(templatesDir);
  const settings = path.join(base.dir, DEPARTMENTS_DIR, departmentId, 'department.yaml');
  if (/^[a-z0-9][a-z0-9-]*$/.test(departmentId) && (await kindOf(settings)) === 'missing')
    throw new BriefingError('usage', `${displayPath(settings)}: no such department; create it with \`briefings template new ${departmentId}\`, then eject parts into it`);
  const department = await loadDepartment(templatesDir, departmentId);
  const parts = ejectableParts(base);
  const wanted = partName.trim().replace(/\\/g, '/');
  const chosen = parts.find((p) => p.name === wanted || p.aliases.includes(wanted));
  if (!chosen) throw new BriefingError('usage', `no template part "${partName}"; the parts are: ${parts.map((p) => p.name).join(', ')}`);

  const target = path.join(department.dir, chosen.relative);
  const existing = await kindOf(target);
  if (existing === 'other')
    throw new BriefingError('usage', `${displayPath(target)} exists and is not an ordinary file (a link, a folder…); remove it first`);
  // The strings file `template new` writes holds only comments: nothing of the department's is lost.
  const onlyComments = existing === 'file' && /^strings\//.test(chosen.relative) && (await readRegularFile(target)).toString('utf8').split('\n').every((l) => l.trim() === '' || l.trim().startsWith('#'));
  if (existing === 'file' && !opts.force && !onlyComments)
    throw new BriefingError('usage', `${displayPath(target)} exists (the department's own ${chosen.name}); add --force to replace it with the base one`);
  await mkdir(path.dirname(target), { recursive: true });
  // A sub-folder that is a link out of the department folder would make the copy land elsewhere.
  const [realFolder, realDepartment] = await Promise.all([realpath(path.dirname(target)), realpath(department.dir)]);
  if (realFolder !== realDepartment && !realFolder.startsWith(realDepartment + path.sep))
    throw new BriefingError('usage', `${displayPath(path.dirname(target))} leads outside the department folder (to ${realFolder}); departments may only use files inside their folder`);

  const lang = /^strings\/(\w+)\.yaml$/.exec(chosen.relative)?.[1];
  const source = (await readRegularFile(chosen.file)).toString('utf8');
  const content = lang ? commentedStrings(departmentId, lang, source) : source;
  await writeFile(target, content);
  // The copy must load as part of the department, as the base part did.
  await loadTemplateSet(templatesDir, departmentId);
  io.out(`wrote ${displayPath(target)} (${existing === 'file' ? 'replacing the department\'s own, ' : ''}a copy of ${displayPath(path.join(base.dir, chosen.relative))})`);
  io.out(
    lang
      ? `uncomment the keys to reword, then see the result with: briefings template fields <kind> --department ${departmentId}`
      : `edit it there; \`briefings template resolve ${departmentId}\` shows that ${chosen.name} now comes from the department`,
  );
  return target;
}
