import { describe, expect, it } from 'vitest';
import { en, ja } from '../../src/format/locale.ts';

describe('amounts in a table', () => {
  it('keep 億円 in every Japanese cell, as the source prints them, and add nothing to the header', () => {
    expect(ja.cell(1238)).toBe('1,238億円');
    expect(ja.cell(null)).toBe('記載なし');
    expect(ja.column('令和8年度')).toBe('令和8年度');
  });

  it('are plain numbers in English, with the unit once in the column header', () => {
    expect(en.cell(1238)).toBe('1,238');
    expect(en.cell(null)).toBe('not stated');
    expect(en.column('FY2026')).toBe('FY2026 (¥100M)');
  });

  it('keep their unit in English sentences, which have no header to name it', () => {
    expect(en.oku(1238)).toBe('1,238 (¥100M)');
  });
});
