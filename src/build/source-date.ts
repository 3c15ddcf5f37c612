import { BriefingError } from '../problems.ts';

/** The last second a PDF date (D:YYYY…) can hold: 9999-12-31T23:59:59Z. */
const LAST_PDF_SECOND = 253_402_300_799;

/**
 * SOURCE_DATE_EPOCH (seconds) when set, per reproducible-builds.org; otherwise the PDF carries
 * no dates at all, so the same inputs always give the same bytes. Checked before the build
 * touches anything: a value that is not a plain count of seconds, or lies beyond the year 9999,
 * would otherwise be written as a date like D:0NaN.
 */
export function buildDate(env: NodeJS.ProcessEnv = process.env): Date | undefined {
  const raw = env.SOURCE_DATE_EPOCH;
  if (raw === undefined || raw === '') return undefined;
  const seconds = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(seconds) || seconds > LAST_PDF_SECOND)
    throw new BriefingError(
      'usage',
      `SOURCE_DATE_EPOCH must be whole seconds since 1970, at most ${LAST_PDF_SECOND} (the end of the year 9999), e.g. $(git log -1 --format=%ct); found ${JSON.stringify(raw)}`,
    );
  return new Date(seconds * 1000);
}
