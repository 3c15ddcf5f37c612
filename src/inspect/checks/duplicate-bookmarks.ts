import type { LayoutCheck, PageFinding } from '../inspect-context.ts';
import type { Bookmark } from '../printed-document.ts';

/** A title that is one text twice over, as Chrome writes it for some headings: 「出典と注記出典と注記」. */
export function doubledTitle(title: string): string | undefined {
  const text = title.trim();
  const half = text.length / 2;
  if (!Number.isInteger(half) || half < 2) return undefined;
  return text.slice(0, half) === text.slice(half) ? text.slice(0, half) : undefined;
}

/** Bookmarks whose title is doubled, and entries repeated beside each other (same title, same level). */
export const checkDuplicateBookmarks: LayoutCheck = (doc) => {
  const findings: PageFinding[] = [];
  const visit = (entries: readonly Bookmark[]) => {
    const seen = new Set<string>();
    for (const entry of entries) {
      const once = doubledTitle(entry.title);
      if (once !== undefined)
        findings.push({ check: 'duplicate-bookmark', page: entry.page, element: `bookmark 「${once}」`, message: `the bookmark's title is written twice: 「${entry.title}」` });
      else if (seen.has(entry.title))
        findings.push({ check: 'duplicate-bookmark', page: entry.page, element: `bookmark 「${entry.title}」`, message: 'the same bookmark is listed twice at this level' });
      seen.add(entry.title);
      visit(entry.children);
    }
  };
  visit(doc.bookmarks);
  return findings;
};
