/** 令和N年度 is fiscal year 2018 + N (April to March). 令和元年度 is FY2019. */
const REIWA_OFFSET = 2018;

export function reiwaNumber(fiscalYear: number): number {
  return fiscalYear - REIWA_OFFSET;
}

export function fiscalYearFromReiwa(reiwa: number): number {
  return reiwa + REIWA_OFFSET;
}

/** 令和8年度 (or 令和元年度 for the era's first year). */
export function reiwaLabel(fiscalYear: number): string {
  const n = reiwaNumber(fiscalYear);
  if (n < 1) throw new RangeError(`fiscal year ${fiscalYear} is before the Reiwa era`);
  return `令和${n === 1 ? '元' : n}年度`;
}

/** 令和8年度（2026年度） */
export function reiwaWithWestern(fiscalYear: number): string {
  return `${reiwaLabel(fiscalYear)}（${fiscalYear}年度）`;
}

export function westernLabel(fiscalYear: number): string {
  return `FY${fiscalYear}`;
}
