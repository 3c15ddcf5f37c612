import type { LayoutFinding } from './layout-finding.ts';
import type { Box, PrintedDocument } from './printed-document.ts';

/** The page's margins as the stylesheet's `@page` rule sets them, in points. */
export interface PageMargins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface InspectSettings {
  margins: PageMargins;
  /** The briefing's page budget (`maxPages` in the config); no limit when left out. */
  maxPages?: number;
}

/** A finding before it is given the briefing's name. */
export type PageFinding = Omit<LayoutFinding, 'briefing'>;

/** One layout check: reads the printed document, says what is wrong where. */
export type LayoutCheck = (doc: PrintedDocument, settings: InspectSettings) => PageFinding[];

/** The area content may take on a page: the page box less the `@page` margins. */
export function contentBox(page: { width: number; height: number }, margins: PageMargins): Box {
  return { left: margins.left, top: margins.top, right: page.width - margins.right, bottom: page.height - margins.bottom };
}
