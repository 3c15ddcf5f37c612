import { beforeAll, describe, expect, it } from 'vitest';
import { departmentBriefings, latestComparableYear } from '../../src/build/catalogue.ts';
import { allBriefings } from '../../src/build/build-briefings.ts';
import { loadDataset } from '../../src/validate/validate-dataset.ts';
import type { Dataset } from '../../src/load/merge-documents.ts';
import { listDepartments, loadTemplateSet } from '../../src/render/template-set.ts';
import { count, h2s, ministrySpec, renderHtml, sectionWithHeading, TEMPLATES, yearComparisonSpec } from '../support/departments-helpers.ts';

let dataset: Dataset;
beforeAll(async () => {
  ({ dataset } = await loadDataset('data'));
});

describe('thin data: editions of ministries the documents say little about', () => {
  let cao = '';
  beforeAll(async () => {
    cao = await renderHtml(dataset, ministrySpec('cao', '内'), TEMPLATES, 'cao');
  });

  it('says 内閣府 is in neither initial breakdown, instead of showing an empty table', () => {
    expect(cao).toContain('内閣府は令和8年度と令和7年度の当初予算の内訳に記載がありません');
    expect(cao).not.toContain('<table');
    const scopes = sectionWithHeading(cao, '内閣府の当初予算');
    expect(scopes).toContain('省庁別内訳（令和8年度・令和7年度の当初予算）に内閣府の金額は掲載されていないため、表を示していません');
    // Said once, in the headline: the section does not repeat it.
    expect(scopes).not.toContain('内閣府は令和8年度と令和7年度の当初予算の内訳に記載がありません');
    expect(cao.split('内閣府は令和8年度と令和7年度の当初予算の内訳に記載がありません')).toHaveLength(2);
  });

  it('lists the supplementary budgets that name 内閣府, newest first', () => {
    const supplementary = sectionWithHeading(cao, '補正予算');
    expect(supplementary).toContain('<li>令和7年度補正予算：AMED対象経費 120億円</li><li>令和5年度補正予算：AMED対象経費 365億円</li>');
  });

  it('states the adjustment fund budgeted under 内閣府 and the share for medical R&D', () => {
    expect(cao).toContain('内閣府には科学技術イノベーション創造推進費（595億円）が計上され、そのうち175億円を医療分野の研究開発関連の調整費として充当見込み。');
  });

  it('draws no trend chart, saying why, and no chart at all', () => {
    const trend = sectionWithHeading(cao, '当初予算の推移');
    expect(trend).toContain('内閣府の当初予算は、資料の内訳に金額のある年度が少ないため、推移のグラフは示していません。');
    expect(trend).not.toContain('<svg');
    expect(count(cao, '<svg')).toBe(0);
  });

  it('says there are no 内閣府 programs in the program list', () => {
    expect(cao).toContain('医薬品プロジェクトの事業一覧（令和7年度予算額(案)）に内閣府所管の事業はありません。');
  });

  it('shows a listed 0 for こども家庭庁 as 0, not as unlisted, and says no supplementary budget lists it', async () => {
    const cfa = await renderHtml(dataset, ministrySpec('cfa', 'こ'), TEMPLATES, 'cfa');
    expect(cfa).toContain('インハウス研究機関経費は0億円（資料の内訳に「こ0」と記載）');
    expect(cfa).toContain('資料に記載された補正予算の内訳にこども家庭庁の記載はありません。');
    expect(cfa).toContain('AMED対象経費は7億円（前年度比+1億円、+16.7%）');
    // A trend exists for the AMED part, so there is a chart.
    expect(sectionWithHeading(cfa, '当初予算の推移')).toContain('<svg');
  });

  it('says the in-house breakdown does not list 総務省', async () => {
    const mic = await renderHtml(dataset, ministrySpec('mic', '総'), TEMPLATES, 'mic');
    expect(mic).toContain('インハウス研究機関経費の当初予算の内訳に総務省の記載はありません。');
    expect(mic).toContain('<td>記載なし</td><td>記載なし</td>');
    expect(mic).toContain('AMED対象経費は3億円（前年度比±0億円、±0.0%）');
  });
});

describe('the customised mhlw edition', () => {
  let mhlw = '';
  let mext = '';
  beforeAll(async () => {
    mhlw = await renderHtml(dataset, ministrySpec('mhlw', '厚'), TEMPLATES, 'mhlw');
    mext = await renderHtml(dataset, ministrySpec('mext', '文'), TEMPLATES, 'mext');
  });

  it('shows its sections in the order of its settings', () => {
    expect(h2s(mhlw)).toEqual(['要点', '医薬品プロジェクトの事業（令和7年度予算額(案)）', '厚生労働省分の当初予算の推移（令和5年度–令和8年度）', '厚生労働省の当初予算', '補正予算', '出典と注記', '用語集']);
    // An edition without its own order keeps the default one.
    expect(h2s(mext)).toEqual(['概要', '文部科学省の当初予算', '補正予算', '当初予算の推移（令和5年度–令和8年度）', '医薬品プロジェクトの事業（令和7年度予算額(案)）', '出典と注記', '用語集']);
  });

  it('uses its colours and shows its logo and introduction', () => {
    expect(mhlw).toContain(':root { --accent: #1b7a4b; --accent-soft: #e6f3ec; --up: #1b7a4b; --down: #b3261e; }');
    // The page refers to the logo by its asset route (absolute or relative to the page).
    expect(mhlw).toMatch(/<img class="logo" src="\/?assets\/department\/logo\.svg" alt="厚生労働省 研究開発政策担当">/);
    expect(mhlw).toContain('<section class="introduction">');
    expect(mext).not.toContain('<img');
    expect(mext).not.toContain('#1b7a4b');
  });

  it('uses its own overview partial: the key points in a box', () => {
    const overview = sectionWithHeading(mhlw, '要点');
    expect(overview).toContain('<div class="key-points">');
    expect(overview).toContain('<li>AMED対象経費は481億円（前年度比+2億円、+0.4%）');
    expect(mext).not.toContain('key-points');
  });

  it('draws its own trend chart as lines where the base chart draws bars', () => {
    const own = sectionWithHeading(mhlw, '当初予算の推移');
    expect(own).toContain('class="mark-line role-mark');
    expect(own).not.toContain('class="mark-rect role-mark');
    const base = sectionWithHeading(mext, '当初予算の推移');
    expect(base).toContain('class="mark-rect role-mark');
    expect(base).not.toContain('class="mark-line');
    // The programs chart is not overridden: bars in both.
    expect(sectionWithHeading(mhlw, '医薬品プロジェクトの事業')).toContain('class="mark-rect role-mark');
  });
});

describe('the English edition of the whole budget', () => {
  let en = '';
  beforeAll(async () => {
    en = await renderHtml(dataset, yearComparisonSpec('english'), TEMPLATES, 'english');
  });

  it('is marked as English and uses the English names of the ministries', () => {
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('<title>Medical R&amp;D budget FY2026: comparison with FY2025</title>');
    expect(en).toContain('<th scope="row">Ministry of Education, Culture, Sports, Science and Technology</th>');
    expect(en).toContain('Ministry of Health, Labour and Welfare');
  });

  it('writes amounts in ¥100M with signed changes', () => {
    expect(en).toContain('AMED expenses: 1,238 (¥100M) (+6, +0.5% on the previous year)');
    expect(en).toContain('In-house institution expenses: 841 (¥100M) (+28, +3.5%)');
    expect(en).toContain('Together: 2,079 (¥100M) (+34, +1.7%), the sum of the rounded figures.');
    expect(en).toContain('<p class="card-value">1,238 (¥100M)</p>');
    expect(en).toContain('<td class="up">+6</td><td class="up">+0.5%</td>');
  });

  it('titles the chart axes in ¥100M', () => {
    expect(en).toMatch(/<svg[\s\S]*>¥100M<\/text>/);
    expect(en).not.toMatch(/>億円<\/text>/);
  });

  it('writes no Japanese unit in its headings and sentences', () => {
    const headings = [...en.matchAll(/<h[23][^>]*>([^<]*)<\/h[23]>/g)].map((m) => m[1] ?? '');
    expect(headings.length).toBeGreaterThan(5);
    for (const h of headings) expect(h).not.toMatch(/億円|令和|年度/);
    const leads = [...en.matchAll(/<p class="lead">([^<]*)<\/p>/g)].map((m) => m[1] ?? '');
    expect(leads.length).toBeGreaterThan(0);
    for (const p of leads) expect(p).not.toMatch(/億円|令和/);
  });
});

describe('the department editions in the catalogue', () => {
  const departments = async () =>
    Promise.all(
      (await listDepartments(TEMPLATES)).map(async (id) => {
        const settings = (await loadTemplateSet(TEMPLATES, id)).department?.settings;
        if (!settings) throw new Error(`${id} has no settings`);
        return { id, settings };
      }),
    );

  it('compares the latest year that has an initial budget and one the year before', () => {
    expect(latestComparableYear(dataset)).toBe(2026);
  });

  it('makes a ministry edition for each ministry department and a year comparison for the English one', async () => {
    const specs = departmentBriefings(dataset, await departments());
    expect(specs.map((s) => [s.name, s.kind])).toEqual([
      ['cao-fy2026-vs-fy2025', 'ministry-edition'],
      ['cfa-fy2026-vs-fy2025', 'ministry-edition'],
      ['english-fy2026-vs-fy2025', 'year-comparison'],
      ['meti-fy2026-vs-fy2025', 'ministry-edition'],
      ['mext-fy2026-vs-fy2025', 'ministry-edition'],
      ['mhlw-fy2026-vs-fy2025', 'ministry-edition'],
      ['mic-fy2026-vs-fy2025', 'ministry-edition'],
    ]);
    expect(specs.find((s) => s.name === 'mhlw-fy2026-vs-fy2025')).toEqual({
      name: 'mhlw-fy2026-vs-fy2025',
      kind: 'ministry-edition',
      ministry: '厚',
      department: 'mhlw',
      fiscalYear: 2026,
      baseFiscalYear: 2025,
    });
    expect(specs.find((s) => s.name === 'english-fy2026-vs-fy2025')).toEqual({
      name: 'english-fy2026-vs-fy2025',
      kind: 'year-comparison',
      department: 'english',
      fiscalYear: 2026,
      baseFiscalYear: 2025,
    });
  });

  it('uses a department’s own fiscal year in the name', () => {
    const [spec] = departmentBriefings(dataset, [{ id: 'past', settings: { name: 'x', shortName: 'x', language: 'ja', colours: {}, ministry: '文', fiscalYear: 2024 } }]);
    expect(spec).toMatchObject({ name: 'past-fy2024-vs-fy2023', fiscalYear: 2024, baseFiscalYear: 2023 });
  });

  it('lists the department editions after the base briefings', async () => {
    const names = (await allBriefings(dataset, TEMPLATES)).map((s) => s.name);
    expect(names.slice(0, 4)).toEqual(['fy2026-vs-fy2025', 'fy2024-vs-fy2023', 'trend-fy2021-fy2026', 'pharmaceuticals-programs-fy2025']);
    expect(names.slice(4)).toHaveLength(7);
  });
});
