import { BriefingError } from '../problems.ts';
import type { BriefingSpec } from '../schema/briefing.ts';
import type { MinistryCode } from '../schema/common.ts';

export interface Shard {
  /** 1-based, as written on the command line: --shard 2/4 */
  index: number;
  count: number;
}

export interface Selection {
  names?: readonly string[];
  department?: string;
  /** Only the ministry editions of this ministry. */
  ministry?: MinistryCode;
  year?: number;
  shard?: Shard;
}

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count)
    throw new BriefingError('usage', `--shard takes i/n with 1 ≤ i ≤ n, e.g. 2/4; found "${text}"`);
  return { index, count };
}

function coversYear(spec: BriefingSpec, year: number): boolean {
  switch (spec.kind) {
    case 'year-comparison':
    case 'ministry-edition':
      return spec.fiscalYear === year || spec.baseFiscalYear === year;
    case 'trend':
      return spec.fromFiscalYear <= year && year <= spec.toFiscalYear;
    case 'program-detail':
      return spec.fiscalYear === year;
  }
}

function yearsOf(spec: BriefingSpec): number[] {
  switch (spec.kind) {
    case 'year-comparison':
    case 'ministry-edition':
      return [spec.baseFiscalYear, spec.fiscalYear];
    case 'trend':
      return Array.from({ length: spec.toFiscalYear - spec.fromFiscalYear + 1 }, (_, i) => spec.fromFiscalYear + i);
    case 'program-detail':
      return [spec.fiscalYear];
  }
}

/** Where briefings are listed, with the entry to paste when the name says what it compares. */
function howToAdd(name: string): string {
  const years = /^fy(\d{4})-vs-fy(\d{4})$/.exec(name);
  const entry = years
    ? `{ name: ${name}, kind: year-comparison, fiscalYear: ${years[1]}, baseFiscalYear: ${years[2]} }`
    : `{ name: ${name || '…'}, kind: year-comparison, fiscalYear: …, baseFiscalYear: … }`;
  return `To build another, add it under briefings: in briefings.config.yaml, e.g. - ${entry} (the data must hold both years)`;
}

/**
 * A selection that matches nothing is a mistake in the command, not an empty build: it says
 * why. (An empty shard is not: CI may run more shards than there are briefings.)
 *
 * Names, then department and year filters, then the shard. Shards split the selection sorted by
 * name, round robin, so the n shards partition it exactly and each gets the same share of kinds.
 */
export function selectBriefings(all: readonly BriefingSpec[], selection: Selection = {}): BriefingSpec[] {
  const { names = [], department, ministry, year, shard } = selection;
  const unknown = names.filter((n) => !all.some((b) => b.name === n));
  if (unknown.length > 0)
    throw new BriefingError('usage', `no briefing named ${unknown.join(', ')}; the briefings are: ${all.map((b) => b.name).join(', ')}. ${howToAdd(unknown[0] ?? '')}`);
  let chosen = names.length ? all.filter((b) => names.includes(b.name)) : [...all];
  if (department !== undefined) {
    chosen = chosen.filter((b) => 'department' in b && b.department === department);
    if (chosen.length === 0 && !all.some((b) => 'department' in b && b.department === department))
      throw new BriefingError('usage', `no department edition for "${department}"; the departments are: ${[...new Set(all.flatMap((b) => ('department' in b && b.department ? [b.department] : [])))].join(', ')}`);
  }
  if (department !== undefined && chosen.length === 0)
    throw new BriefingError(
      'usage',
      `${names.length === 1 ? `${names[0]} is not` : `none of ${names.join(', ')} is`} an edition of department "${department}" (its edition: ${all.filter((b) => 'department' in b && b.department === department).map((b) => b.name).join(', ')}); leave out --department or the names`,
    );
  if (ministry !== undefined) {
    chosen = chosen.filter((b) => b.kind === 'ministry-edition' && b.ministry === ministry);
    if (chosen.length === 0) {
      const editions = all.filter((b) => b.kind === 'ministry-edition');
      throw new BriefingError(
        'usage',
        `no ${names.length || department !== undefined ? 'selected ' : ''}ministry edition focuses on ${ministry}; ${editions.length ? `the ministry editions are: ${editions.map((b) => `${b.name} (${b.ministry})`).join(', ')}` : 'there are no ministry editions'}. A department edition focuses on a ministry with \`ministry:\` in its department.yaml`,
      );
    }
  }
  if (year !== undefined) {
    const before = chosen;
    chosen = chosen.filter((b) => coversYear(b, year));
    if (chosen.length === 0) {
      const years = [...new Set(all.flatMap(yearsOf))].sort((a, b) => a - b);
      const covered = years.length ? `the briefings cover FY${years[0]}–FY${years.at(-1)}` : 'no briefing covers any year';
      throw new BriefingError('usage', `no ${before.length < all.length ? 'selected ' : ''}briefing covers FY${year}; ${covered}`);
    }
  }
  if (!shard) return chosen;
  const sorted = [...chosen].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return sorted.filter((_, i) => i % shard.count === shard.index - 1);
}
