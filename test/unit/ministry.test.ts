import { beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { departmentBriefings, resolveConfigured } from '../../src/build/catalogue.ts';
import { selectBriefings } from '../../src/build/select.ts';
import type { Dataset } from '../../src/load/merge-documents.ts';
import { BuildConfig } from '../../src/schema/config.ts';
import { DepartmentSettings } from '../../src/schema/department.ts';
import { acceptedMinistries, resolveMinistry } from '../../src/schema/ministry.ts';
import type { BriefingSpec } from '../../src/schema/briefing.ts';
import { loadDataset } from '../../src/validate/validate-dataset.ts';

const DATA = fileURLToPath(new URL('../../data/', import.meta.url));
let dataset: Dataset;
beforeAll(async () => {
  dataset = (await loadDataset(DATA)).dataset;
});

const resolve = (input: string) => resolveMinistry(input, dataset.reference.ministries);

describe('a ministry is named by its code, its Japanese names or its English id', () => {
  it.each([
    ['こ', 'こ'], ['cfa', 'こ'], ['こども家庭庁', 'こ'],
    ['総', '総'], ['mic', '総'], ['総務省', '総'],
    ['文', '文'], ['mext', '文'], ['文部科学省', '文'], ['文科省', '文'], ['MEXT', '文'],
    ['厚', '厚'], ['mhlw', '厚'], ['厚生労働省', '厚'], ['厚労省', '厚'],
    ['経', '経'], ['meti', '経'], ['経済産業省', '経'], ['経産省', '経'],
    ['内', '内'], ['cao', '内'], ['内閣府', '内'], ['Cabinet Office', '内'],
  ])('%s is %s', (input, code) => {
    expect(resolve(input)).toBe(code);
  });

  it('knows nothing else, and lists what it accepts', () => {
    expect(resolve('厚生省')).toBeUndefined();
    expect(resolve('')).toBeUndefined();
    expect(acceptedMinistries(dataset.reference.ministries)).toBe(
      'こ / cfa / こども家庭庁; 総 / mic / 総務省; 文 / mext / 文部科学省 / 文科省; 厚 / mhlw / 厚生労働省 / 厚労省; 経 / meti / 経済産業省 / 経産省; 内 / cao / 内閣府',
    );
  });
});

describe('department.yaml and briefings.config.yaml accept any of those names', () => {
  it('a department naming its ministry by English id gets the edition of that ministry', () => {
    const settings = DepartmentSettings.parse({ name: '文部科学省', shortName: '文科省', ministry: 'mext' });
    const [edition] = departmentBriefings(dataset, [{ id: 'science', settings }]);
    expect(edition).toMatchObject({ kind: 'ministry-edition', ministry: '文', department: 'science' });
  });

  it('a department naming an unknown ministry is told its file and the names accepted', () => {
    const settings = DepartmentSettings.parse({ name: 'x', shortName: 'x', ministry: 'Ministry of Magic' });
    expect(() => departmentBriefings(dataset, [{ id: 'magic', settings, file: 'templates/departments/magic/department.yaml' }])).toThrow(
      /templates\/departments\/magic\/department\.yaml: ministry: no ministry is called "Ministry of Magic"; write its code, Japanese name or English id: こ \/ cfa/,
    );
  });

  it('a configured ministry edition naming its ministry in Japanese is built for its code', () => {
    const config = BuildConfig.parse({ briefings: [{ name: 'health', kind: 'ministry-edition', ministry: '厚生労働省', fiscalYear: 2026, baseFiscalYear: 2025 }] });
    expect(resolveConfigured(dataset, config.briefings)).toEqual([{ name: 'health', kind: 'ministry-edition', ministry: '厚', fiscalYear: 2026, baseFiscalYear: 2025 }]);
  });

  it('a configured ministry edition naming an unknown ministry names the briefing', () => {
    const config = BuildConfig.parse({ briefings: [{ name: 'health', kind: 'ministry-edition', ministry: 'health', fiscalYear: 2026, baseFiscalYear: 2025 }] });
    expect(() => resolveConfigured(dataset, config.briefings)).toThrow(/briefing "health" \(briefings\.config\.yaml\), ministry: no ministry is called "health"/);
  });
});

describe('--ministry selects the editions of one ministry', () => {
  const editions: BriefingSpec[] = [
    { name: 'fy2026-vs-fy2025', kind: 'year-comparison', fiscalYear: 2026, baseFiscalYear: 2025 },
    { name: 'mext-fy2026-vs-fy2025', kind: 'ministry-edition', ministry: '文', department: 'mext', fiscalYear: 2026, baseFiscalYear: 2025 },
    { name: 'mhlw-fy2026-vs-fy2025', kind: 'ministry-edition', ministry: '厚', department: 'mhlw', fiscalYear: 2026, baseFiscalYear: 2025 },
  ];

  it('keeps only the ministry editions of that ministry', () => {
    expect(selectBriefings(editions, { ministry: '文' }).map((b) => b.name)).toEqual(['mext-fy2026-vs-fy2025']);
  });

  it('says which ministry editions there are when none is of that ministry', () => {
    expect(() => selectBriefings(editions, { ministry: '経' })).toThrow('no ministry edition focuses on 経; the ministry editions are: mext-fy2026-vs-fy2025 (文), mhlw-fy2026-vs-fy2025 (厚)');
  });
});
