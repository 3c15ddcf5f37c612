import { beforeAll, describe, expect, it } from 'vitest';
import { allBriefings } from '../../src/build/build-briefings.ts';
import { BASE_BRIEFINGS } from '../../src/schema/base-briefings.ts';
import { parseShard, selectBriefings, type Shard } from '../../src/build/select.ts';
import { loadDataset } from '../../src/validate/validate-dataset.ts';
import type { BriefingSpec } from '../../src/schema/briefing.ts';
import { briefingError, DATA, TEMPLATES } from '../support/build-helpers.ts';

const DEPARTMENTS = ['cao', 'cfa', 'english', 'meti', 'mext', 'mhlw', 'mic'];
const EDITIONS = DEPARTMENTS.map((d) => `${d}-fy2026-vs-fy2025`);
const ALL_NAMES = [...BASE_BRIEFINGS.map((b) => b.name), ...EDITIONS];

let all: BriefingSpec[] = [];
beforeAll(async () => {
  const { dataset } = await loadDataset(DATA);
  all = await allBriefings(dataset, TEMPLATES);
});

const names = (specs: readonly BriefingSpec[]) => specs.map((s) => s.name);
const sorted = (list: readonly string[]) => [...list].sort();

describe('the briefings there are', () => {
  it('are the four of the config and one edition per department folder, eleven in all', () => {
    expect(names(all)).toEqual(ALL_NAMES);
  });

  it('selects everything when no filter is given', () => {
    expect(names(selectBriefings(all))).toEqual(ALL_NAMES);
    expect(names(selectBriefings(all, {}))).toEqual(ALL_NAMES);
    expect(names(selectBriefings(all, { names: [] }))).toEqual(ALL_NAMES);
  });
});

describe('selecting by name', () => {
  it('keeps only the briefings named, in catalogue order', () => {
    expect(names(selectBriefings(all, { names: ['mext-fy2026-vs-fy2025', 'trend-fy2021-fy2026'] }))).toEqual(['trend-fy2021-fy2026', 'mext-fy2026-vs-fy2025']);
    expect(names(selectBriefings(all, { names: ['fy2024-vs-fy2023'] }))).toEqual(['fy2024-vs-fy2023']);
  });

  it('selects a briefing named twice once', () => {
    expect(names(selectBriefings(all, { names: ['fy2024-vs-fy2023', 'fy2024-vs-fy2023'] }))).toEqual(['fy2024-vs-fy2023']);
  });

  it('rejects an unknown name with a usage error that names it and lists the briefings there are', async () => {
    const error = await briefingError(() => selectBriefings(all, { names: ['fy2024-vs-fy2023', 'fy2030-vs-fy2029'] }));
    expect(error.code).toBe('usage');
    expect(error.message).toContain('fy2030-vs-fy2029');
    for (const name of ALL_NAMES) expect(error.message).toContain(name);
  });

  it('names every unknown name at once', async () => {
    const error = await briefingError(() => selectBriefings(all, { names: ['nope-1', 'nope-2'] }));
    expect(error.message).toContain('nope-1, nope-2');
  });
});

describe('selecting by department', () => {
  it('keeps the edition of that department only', () => {
    for (const d of DEPARTMENTS) expect(names(selectBriefings(all, { department: d }))).toEqual([`${d}-fy2026-vs-fy2025`]);
  });

  it('rejects an unknown department with a usage error listing the departments', async () => {
    const error = await briefingError(() => selectBriefings(all, { department: 'mof' }));
    expect(error.code).toBe('usage');
    expect(error.message).toContain('"mof"');
    for (const d of DEPARTMENTS) expect(error.message).toContain(d);
  });

  it('does not take a base briefing for a department', async () => {
    // The base briefings have no department; "undefined" must not match them.
    const error = await briefingError(() => selectBriefings(all, { department: 'undefined' }));
    expect(error.code).toBe('usage');
  });
});

describe('selecting by fiscal year', () => {
  it('2024 selects the FY2024 comparison and the trend, not the FY2026 comparisons', () => {
    expect(names(selectBriefings(all, { year: 2024 }))).toEqual(['fy2024-vs-fy2023', 'trend-fy2021-fy2026']);
  });

  it('2023 selects what has FY2023 as its base year and the trend', () => {
    expect(names(selectBriefings(all, { year: 2023 }))).toEqual(['fy2024-vs-fy2023', 'trend-fy2021-fy2026']);
  });

  it('2025 selects the FY2025 program detail, the FY2026 vs FY2025 comparison and editions, and the trend', () => {
    const chosen = names(selectBriefings(all, { year: 2025 }));
    expect(chosen).toEqual(['fy2026-vs-fy2025', 'trend-fy2021-fy2026', 'pharmaceuticals-programs-fy2025', ...EDITIONS]);
    expect(chosen).not.toContain('fy2024-vs-fy2023');
  });

  it('2026 leaves out the FY2025 program detail and the FY2024 comparison', () => {
    expect(names(selectBriefings(all, { year: 2026 }))).toEqual(['fy2026-vs-fy2025', 'trend-fy2021-fy2026', ...EDITIONS]);
  });

  it('2021 and 2022 select only the trend, which starts at FY2021', () => {
    expect(names(selectBriefings(all, { year: 2021 }))).toEqual(['trend-fy2021-fy2026']);
    expect(names(selectBriefings(all, { year: 2022 }))).toEqual(['trend-fy2021-fy2026']);
  });

  it('a year no briefing covers is refused, naming the years the briefings cover (issue #16)', () => {
    expect(() => selectBriefings(all, { year: 2020 })).toThrow(/^no briefing covers FY2020; the briefings cover FY2021–FY2026$/);
    expect(() => selectBriefings(all, { year: 2027 })).toThrow(/^no briefing covers FY2027/);
  });
});

describe('combining the filters', () => {
  it('applies names, department and year together', () => {
    expect(names(selectBriefings(all, { department: 'mext', year: 2026 }))).toEqual(['mext-fy2026-vs-fy2025']);
    expect(() => selectBriefings(all, { department: 'mext', year: 2024 })).toThrow(/^no selected briefing covers FY2024/);
    expect(names(selectBriefings(all, { names: ['fy2024-vs-fy2023', 'fy2026-vs-fy2025', 'cao-fy2026-vs-fy2025'], year: 2024 }))).toEqual(['fy2024-vs-fy2023']);
    expect(() => selectBriefings(all, { names: ['fy2024-vs-fy2023'], department: 'cao' })).toThrow(/^fy2024-vs-fy2023 is not an edition of department "cao"/);
    expect(names(selectBriefings(all, { names: ['cao-fy2026-vs-fy2025', 'mic-fy2026-vs-fy2025'], department: 'cao' }))).toEqual(['cao-fy2026-vs-fy2025']);
  });

  it('shards what the other filters left', () => {
    const year2025 = names(selectBriefings(all, { year: 2025 }));
    const shards = [1, 2, 3].map((index) => names(selectBriefings(all, { year: 2025, shard: { index, count: 3 } })));
    expect(sorted(shards.flat())).toEqual(sorted(year2025));
    expect(shards.map((s) => s.length)).toEqual([4, 3, 3]);
  });

  it('still rejects an unknown name when a year or shard would have left nothing', async () => {
    const error = await briefingError(() => selectBriefings(all, { names: ['nope'], year: 2022, shard: { index: 1, count: 2 } }));
    expect(error.code).toBe('usage');
  });
});

/** A deterministic shuffle (mulberry32), so a failure can be reproduced. */
function shuffled<T>(list: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const synthetic = (count: number): BriefingSpec[] =>
  Array.from({ length: count }, (_, i): BriefingSpec =>
    i % 2 === 0
      ? { name: `b-${i}`, kind: 'trend', fromFiscalYear: 2023, toFiscalYear: 2026 }
      : { name: `b-${i}`, kind: 'year-comparison', fiscalYear: 2026, baseFiscalYear: 2025 },
  );

function expectExactPartition(list: readonly BriefingSpec[], count: number): void {
  const shards = Array.from({ length: count }, (_, i) => names(selectBriefings(list, { shard: { index: i + 1, count } })));
  const where = `${list.length} briefings in ${count} shards`;
  // The union is the selection…
  expect(sorted(shards.flat()), where).toEqual(sorted(names(list)));
  // …no briefing is in two shards (nor twice in one)…
  expect(new Set(shards.flat()).size, where).toBe(shards.flat().length);
  // …and the shards are as even as can be.
  const sizes = shards.map((s) => s.length);
  expect(Math.max(...sizes) - Math.min(...sizes), where).toBeLessThanOrEqual(1);
  // Whatever order the briefings come in, each shard gets the same ones.
  for (const seed of [1, 2, 3]) {
    const again = Array.from({ length: count }, (_, i) => names(selectBriefings(shuffled(list, seed), { shard: { index: i + 1, count } })));
    expect(again.map(sorted), `${where}, shuffled (seed ${seed})`).toEqual(shards.map(sorted));
  }
}

describe('sharding', () => {
  it('partitions the eleven briefings exactly for every shard count from 1 to 12', () => {
    expect(all).toHaveLength(11);
    for (let n = 1; n <= 12; n++) expectExactPartition(all, n);
  });

  it('partitions lists of 0, 1, 7 and 50 briefings exactly for every shard count from 1 to 12', () => {
    for (const size of [0, 1, 7, 50]) for (let n = 1; n <= 12; n++) expectExactPartition(synthetic(size), n);
  });

  it('gives the one shard of one everything', () => {
    expect(names(selectBriefings(all, { shard: { index: 1, count: 1 } })).sort()).toEqual(sorted(ALL_NAMES));
  });

  it('leaves the shards beyond the number of briefings empty', () => {
    expect(selectBriefings(all, { shard: { index: 12, count: 12 } })).toEqual([]);
  });

  it('spreads the kinds: the two shards of the base briefings each get a year comparison', () => {
    const base = (index: number) => selectBriefings(BASE_BRIEFINGS, { shard: { index, count: 2 } });
    expect(base(1).map((s) => s.kind)).toContain('year-comparison');
    expect(base(2).map((s) => s.kind)).toContain('year-comparison');
  });
});

describe('parsing --shard', () => {
  it('reads i/n, 1-based', () => {
    expect(parseShard('1/1')).toEqual<Shard>({ index: 1, count: 1 });
    expect(parseShard('2/4')).toEqual<Shard>({ index: 2, count: 4 });
    expect(parseShard('12/12')).toEqual<Shard>({ index: 12, count: 12 });
    expect(parseShard(' 3/5 ')).toEqual<Shard>({ index: 3, count: 5 });
  });

  it.each(['0/3', '4/3', '2', 'a/b', '1/0', '0/0', '-1/3', '1/3/5', '1.5/3', '', '/3', '2/'])('rejects "%s" with a usage error', async (text) => {
    const error = await briefingError(() => parseShard(text));
    expect(error.code).toBe('usage');
    expect(error.message).toContain(`"${text}"`);
  });
});
