/**
 * Interval arithmetic for rounded figures. A printed 813億円 stands for any amount in
 * [812.5, 813.5); a printed 3.5% for [3.45, 3.55). Two statements are consistent when
 * their intervals meet. Closed intervals are used throughout: the boundary cases are
 * where the documents' own rounding lands, and a check must never fail on them.
 */
export interface Interval {
  readonly lo: number;
  readonly hi: number;
}

/** Amounts cannot be negative, so a printed 0 stands for [0, 0.5]. */
export function amount(printed: number, unit = 1): Interval {
  return { lo: Math.max(0, printed - unit / 2), hi: printed + unit / 2 };
}

/** A signed printed figure (a change, a percentage) with its last digit's unit. */
export function signed(printed: number, unit: number): Interval {
  return { lo: printed - unit / 2, hi: printed + unit / 2 };
}

export const exact = (value: number): Interval => ({ lo: value, hi: value });

export function add(...terms: Interval[]): Interval {
  return terms.reduce((acc, t) => ({ lo: acc.lo + t.lo, hi: acc.hi + t.hi }), exact(0));
}

export function subtract(a: Interval, b: Interval): Interval {
  return { lo: a.lo - b.hi, hi: a.hi - b.lo };
}

/** change / base × 100 for a strictly positive base: monotone in each, so the corners bound it. */
export function percentOf(change: Interval, base: Interval): Interval {
  if (base.lo <= 0) return { lo: -Infinity, hi: Infinity };
  const corners = [change.lo / base.lo, change.lo / base.hi, change.hi / base.lo, change.hi / base.hi].map(
    (r) => r * 100,
  );
  return { lo: Math.min(...corners), hi: Math.max(...corners) };
}

// Float error in the corners must not turn a boundary case into a failure.
const EPSILON = 1e-9;

export function overlaps(a: Interval, b: Interval): boolean {
  return a.lo <= b.hi + EPSILON && b.lo <= a.hi + EPSILON;
}

/** Neither above b: used where one side of a sum is unknown but cannot be negative. */
export function canBeAtMost(a: Interval, b: Interval): boolean {
  return a.lo <= b.hi + EPSILON;
}

export function formatInterval(i: Interval, digits = 1): string {
  return `[${i.lo.toFixed(digits)}, ${i.hi.toFixed(digits)}]`;
}
