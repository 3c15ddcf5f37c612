import { describe, expect, it } from 'vitest';
import { pageMargins } from '../../src/inspect/page-margins.ts';

const MM = 72 / 25.4;

describe('the page margins of the stylesheet', () => {
  it('reads the margin shorthand of @page, leaving out its margin boxes, in whole CSS pixels as Chrome lays them out', () => {
    const css = '@page {\n  size: A4;\n  margin: 20mm 16mm 18mm 16mm;\n  @top-left { margin: 0; content: "x"; }\n}\nbody { margin: 5mm; }';
    // 20 mm = 75.6 px → 76 px = 57 pt; 16 mm = 60.5 px → 60 px = 45 pt; 18 mm = 68.0 px → 68 px = 51 pt.
    expect(pageMargins(css)).toEqual({ top: 57, right: 45, bottom: 51, left: 45 });
    expect(Math.abs(pageMargins(css).left - 16 * MM)).toBeLessThan(0.75);
  });

  it('takes the later rule and the longhands over the shorthand, in any of the print units', () => {
    const m = pageMargins('@page { margin: 1in } /* @page { margin: 9in } */ @page { margin-left: 36pt; margin-bottom: 2cm }');
    expect(m).toEqual({ top: 72, right: 72, bottom: 57, left: 36 });
  });

  it('is the page box itself when the stylesheet sets no margins, and ignores page selectors it cannot place', () => {
    expect(pageMargins('@page :first { margin: 30mm } body { margin: 1cm }')).toEqual({ top: 0, right: 0, bottom: 0, left: 0 });
  });
});
