import { describe, expect, it } from 'vitest';
import { formatOku, formatOkuChange, formatPercentChange, formatShare, roundTo } from '../../src/format/number.ts';
import { reiwaLabel, reiwaWithWestern, fiscalYearFromReiwa } from '../../src/format/fiscal-year.ts';

describe('numbers in the documents’ style', () => {
  it('groups thousands and appends 億円', () => {
    expect(formatOku(1238)).toBe('1,238億円');
    expect(formatOku(0)).toBe('0億円');
  });

  it('writes increases with + and decreases with ▲', () => {
    expect(formatOkuChange(6)).toBe('+6億円');
    expect(formatOkuChange(-3)).toBe('▲3億円');
    expect(formatOkuChange(0)).toBe('±0億円');
    expect(formatPercentChange(0.487)).toBe('+0.5%');
    expect(formatPercentChange(-0.24)).toBe('▲0.2%');
    expect(formatPercentChange(-0.3)).toBe('▲0.3%');
  });

  it('rounds half away from zero, as 四捨五入 does, without float drift', () => {
    expect(roundTo(0.25, 1)).toBe(0.3);
    expect(roundTo(-0.25, 1)).toBe(-0.3);
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(formatShare(47.09)).toBe('47.1%');
  });
});

describe('fiscal years', () => {
  it('turns Western fiscal years into 令和 and back', () => {
    expect(reiwaLabel(2026)).toBe('令和8年度');
    expect(reiwaLabel(2019)).toBe('令和元年度');
    expect(reiwaWithWestern(2024)).toBe('令和6年度（2024年度）');
    expect(fiscalYearFromReiwa(8)).toBe(2026);
    expect(() => reiwaLabel(2018)).toThrow(RangeError);
  });
});
