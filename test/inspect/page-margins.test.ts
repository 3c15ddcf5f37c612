import { describe, expect, it } from 'vitest';
import { pageMargins } from '../../src/inspect/page-margins.ts';

const MM = 72 / 25.4;

describe('the page margins of the stylesheet', () => {
  it('reads the margin shorthand of @page, leaving out its margin boxes', () => {
    const css = '@page {\n  size: A4;\n  margin: 20mm 16mm 18mm 16mm;\n  @top-left { margin: 0; content: "x"; }\n}\nbody { margin: 5mm; }';
    const m = pageMargins(css);
    expect([m.top / MM, m.right / MM, m.bottom / MM, m.left / MM].map((v) => Math.round(v * 100) / 100)).toEqual([20, 16, 18, 16]);
  });

  it('takes the later rule and the longhands over the shorthand, in any of the print units', () => {
    const m = pageMargins('@page { margin: 1in } /* @page { margin: 9in } */ @page { margin-left: 36pt; margin-bottom: 2cm }');
    expect(m).toEqual({ top: 72, right: 72, bottom: (2 * 72) / 2.54, left: 36 });
  });

  it('is the page box itself when the stylesheet sets no margins, and ignores page selectors it cannot place', () => {
    expect(pageMargins('@page :first { margin: 30mm } body { margin: 1cm }')).toEqual({ top: 0, right: 0, bottom: 0, left: 0 });
  });
});
