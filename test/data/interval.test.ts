import { describe, expect, it } from 'vitest';
import {
  add,
  amount,
  canBeAtMost,
  exact,
  formatInterval,
  overlaps,
  percentOf,
  signed,
  subtract,
  type Interval,
} from '../../src/validate/interval.ts';

const contains = (i: Interval, x: number) => i.lo <= x && x <= i.hi;

describe('a printed amount stands for the interval it was rounded from', () => {
  it('reads 813 as [812.5, 813.5]', () => {
    expect(amount(813)).toEqual({ lo: 812.5, hi: 813.5 });
  });

  it('never goes below 0: a printed 0 is [0, 0.5]', () => {
    expect(amount(0).lo).toBe(0);
    expect(amount(0).hi).toBe(0.5);
  });

  it('takes the unit of the last printed digit', () => {
    expect(amount(3.5, 0.1).lo).toBeCloseTo(3.45);
    expect(amount(3.5, 0.1).hi).toBeCloseTo(3.55);
  });

  it('lets a signed figure (a change) go below 0', () => {
    expect(signed(-3, 1)).toEqual({ lo: -3.5, hi: -2.5 });
    expect(signed(0.5, 0.1).lo).toBeCloseTo(0.45);
  });
});

describe('interval arithmetic', () => {
  it('adds bounds to bounds', () => {
    expect(add(amount(7), amount(3), amount(583), amount(481), amount(166))).toEqual({ lo: 1237.5, hi: 1242.5 });
    expect(add()).toEqual(exact(0));
  });

  it('subtracts the widest way', () => {
    expect(subtract(amount(841), amount(813))).toEqual({ lo: 27, hi: 29 });
  });

  it('overlaps at a shared boundary, so the documents’ own rounding never fails a check', () => {
    expect(overlaps(amount(1238), add(amount(7), amount(3), amount(583), amount(481), amount(166)))).toBe(true);
    expect(overlaps({ lo: 0, hi: 1 }, { lo: 1, hi: 2 })).toBe(true);
    expect(overlaps({ lo: 0, hi: 1 }, { lo: 1.01, hi: 2 })).toBe(false);
    expect(overlaps({ lo: 0.1 + 0.2, hi: 1 }, { lo: 0, hi: 0.3 })).toBe(true);
  });

  it('checks an upper bound on its own where the rest is unknown', () => {
    expect(canBeAtMost(amount(175), amount(595))).toBe(true);
    expect(canBeAtMost(amount(605), amount(595))).toBe(false);
    expect(canBeAtMost(amount(596), amount(595))).toBe(true);
  });

  it('formats an interval with the given digits', () => {
    expect(formatInterval(amount(813))).toBe('[812.5, 813.5]');
    expect(formatInterval({ lo: 3.3169, hi: 3.5692 }, 2)).toBe('[3.32, 3.57]');
  });
});

describe('percentOf', () => {
  it('puts a change of 28 on 813 around 3.5%, and nowhere near 3.9%', () => {
    const rate = percentOf(signed(28, 1), amount(813));
    expect(contains(rate, 3.5)).toBe(true);
    expect(contains(rate, 3.44)).toBe(true);
    expect(contains(rate, 3.9)).toBe(false);
  });

  it('with both years read as intervals (841 − 813) lies in [3.32, 3.57]', () => {
    const rate = percentOf(subtract(amount(841), amount(813)), amount(813));
    expect(rate.lo).toBeCloseTo((27 / 813.5) * 100, 9);
    expect(rate.hi).toBeCloseTo((29 / 812.5) * 100, 9);
    expect(formatInterval(rate, 2)).toBe('[3.32, 3.57]');
    expect(overlaps(rate, signed(3.5, 0.1))).toBe(true);
    expect(overlaps(rate, signed(3.9, 0.1))).toBe(false);
  });

  it('handles a decrease: ▲3 on 1,248 is consistent with ▲0.3%', () => {
    const rate = percentOf(subtract(amount(1245), amount(1248)), amount(1248));
    expect(rate.lo).toBeLessThan(0);
    expect(rate.hi).toBeLessThan(0);
    expect(overlaps(rate, signed(-0.3, 0.1))).toBe(true);
    expect(overlaps(rate, signed(-0.5, 0.1))).toBe(false);
  });

  it('is unbounded where the base may be 0', () => {
    expect(percentOf(signed(1, 1), amount(0))).toEqual({ lo: -Infinity, hi: Infinity });
  });
});
