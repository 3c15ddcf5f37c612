/**
 * What a page tried and was refused, as the build lists it. Kept apart from print-pdf.ts so
 * that the CLI can word it without loading the printing modules.
 */

/** How a blocked navigation is listed among a briefing's blocked requests. */
export const NAVIGATION_PREFIX = 'navigation to ';

export function describeBlocked(briefing: string, entry: string): string {
  return entry.startsWith(NAVIGATION_PREFIX)
    ? `! ${briefing}: blocked a ${entry} (pages may not navigate: remove the <meta http-equiv="refresh"> or the like from the template)`
    : `! ${briefing}: blocked a request to ${entry} (pages may only use their own assets)`;
}
