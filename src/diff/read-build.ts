import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { BriefingError } from '../problems.ts';
import { BriefingData } from '../schema/briefing-data.ts';

export interface BuiltBriefing {
  name: string;
  data: BriefingData;
  /** The PDF beside the JSON, when the build wrote one. */
  pdf: string | null;
}

/** The briefings of an output folder: every <name>.json written by a build, with its PDF. */
export async function readBuild(dir: string): Promise<Map<string, BuiltBriefing>> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    throw new BriefingError('usage', `${dir}: no such output folder; give two folders that \`briefings build\` wrote (with their .json files)`);
  }
  const out = new Map<string, BuiltBriefing>();
  for (const file of names.filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort()) {
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(path.join(dir, file), 'utf8'));
    } catch {
      continue; // not JSON: not ours
    }
    // Other JSON files in the folder (e.g. a build summary) are not briefings.
    if (typeof raw !== 'object' || raw === null || (raw as { format?: unknown }).format !== 'briefing-data/1') continue;
    const parsed = BriefingData.safeParse(raw);
    if (!parsed.success)
      throw new BriefingError('usage', `${path.join(dir, file)}: not a valid briefing data file (${parsed.error.issues[0]?.message ?? 'invalid'}); rebuild that folder with this version of briefings`);
    const name = file.slice(0, -'.json'.length);
    const pdf = names.includes(`${name}.pdf`) ? path.join(dir, `${name}.pdf`) : null;
    out.set(name, { name, data: parsed.data, pdf });
  }
  return out;
}
