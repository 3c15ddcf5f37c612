import { BriefingError } from '../problems.ts';
import type { StringTable } from '../schema/department.ts';

/**
 * The fixed text of a briefing in one language. Templates read it as `t.group.key`; views fill
 * sentences with `fill('group.key', { name: value })`. A missing key names the files it was looked up in.
 */
export class Strings {
  constructor(
    readonly table: StringTable,
    readonly files: readonly string[],
  ) {}

  get(key: string): string {
    const [group, name] = key.split('.', 2);
    const value = group && name ? this.table[group]?.[name] : undefined;
    if (value === undefined)
      throw new BriefingError('template', `the string "${key}" is missing from ${this.files.join(' and ')}; add it (group "${group}", key "${name}")`);
    return value;
  }

  /** `{name}` placeholders replaced by the values given; an unknown placeholder is an error. */
  fill(key: string, vars: Record<string, string | number> = {}): string {
    return this.get(key).replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = vars[name];
      if (value === undefined)
        throw new BriefingError('template', `the string "${key}" in ${this.files.join(' or ')} uses {${name}}, which this sentence does not provide; available: ${Object.keys(vars).map((v) => `{${v}}`).join(' ') || 'none'}`);
      return String(value);
    });
  }
}

/** Department keys over base keys, group by group. */
export function mergeStrings(base: StringTable, override: StringTable | undefined): StringTable {
  if (!override) return base;
  const merged: StringTable = { ...base };
  for (const [group, keys] of Object.entries(override)) merged[group] = { ...(base[group] ?? {}), ...keys };
  return merged;
}
