import type { Page } from 'puppeteer-core';
import { z } from 'zod';
import { BriefingError } from '../problems.ts';

/** A web font face of the page that its text is set in, and whether Chrome could load it. */
const UsedFaces = z.array(z.object({ family: z.string(), weight: z.string(), status: z.string() }));
export type UsedFace = z.infer<typeof UsedFaces>[number];

/**
 * Runs in the page (through DevTools; the page's own scripts are off). The families in use are
 * read from the computed style of every element, SVG chart text included, so whatever family a
 * department's stylesheet or chart theme chooses is waited for, and nothing else. Every face of
 * a family in use is loaded, bold included: a face that layout has not asked for yet would
 * otherwise load during printing, or too late on a busy machine. A string, not a function:
 * the TypeScript loader may add helpers to a function's source that the page does not have.
 */
const LOAD_USED_FACES = `(() => {
  const unquote = (name) => name.trim().replace(/^["']|["']$/g, '').toLowerCase();
  const used = new Set();
  for (const element of [document.documentElement, ...document.querySelectorAll('body *')])
    for (const family of getComputedStyle(element).fontFamily.split(',')) used.add(unquote(family));
  const faces = [];
  // Not forEach: with the page's scripts off, Chrome refuses to call back into a function.
  for (const face of document.fonts) if (used.has(unquote(face.family))) faces.push(face);
  return Promise.all(faces.map((face) => face.load().catch(() => face)))
    .then(() => document.fonts.ready)
    .then(() => faces.map((face) => ({ family: unquote(face.family), weight: face.weight, status: face.status })));
})()`;

/**
 * Waits until the web fonts the page's text is set in are loaded, and fails when one could not
 * be: Chrome would print that text in whatever font the machine has.
 */
export async function waitForFonts(page: Page): Promise<UsedFace[]> {
  const faces = UsedFaces.parse(await page.evaluate(LOAD_USED_FACES));
  const failed = faces.filter((face) => face.status !== 'loaded');
  if (failed.length > 0)
    throw new BriefingError(
      'render',
      `the page's font ${failed.map((f) => `"${f.family}" (weight ${f.weight})`).join(', ')} could not be loaded; check the @font-face rules of the stylesheet: a page may use only the bundled fonts it is served`,
    );
  return faces;
}
