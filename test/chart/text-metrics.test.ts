import { describe, expect, it } from 'vitest';
import { measureText } from '../../src/chart/text-metrics.ts';

/** Chart text is measured with the bundled font's own advance widths, per weight. */
describe('measuring chart text with the bundled font', () => {
  it('gives a kanji or kana exactly one em, as Noto Sans JP draws them', () => {
    expect(measureText('医療分野', 10)).toBe(40);
    expect(measureText('インハウス', 12)).toBe(60);
  });

  it('gives every digit the same width (the font has tabular figures), less than an em', () => {
    const widths = [...'0123456789'].map((d) => measureText(d.repeat(10), 10));
    expect(new Set(widths).size).toBe(1);
    expect(widths[0]).toBeLessThan(100);
    expect(widths[0]).toBeGreaterThan(40);
  });

  it('tells narrow Latin letters from wide ones, which a guess by class cannot', () => {
    expect(measureText('iiiiiiiiii', 10)).toBeLessThan(measureText('WWWWWWWWWW', 10) / 2);
  });

  it('measures bold text with the bold face, wider for Latin', () => {
    expect(measureText('Ministry of Health', 10, 'bold')).toBeGreaterThan(measureText('Ministry of Health', 10));
    expect(measureText('Ministry of Health', 10, 700)).toBe(measureText('Ministry of Health', 10, 'bold'));
  });

  it('is fast once the font is read: ten thousand labels in well under a second', () => {
    measureText('warm', 10);
    const started = performance.now();
    for (let i = 0; i < 10_000; i++) measureText('インハウス研究機関経費 1,234億円', 10);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
