import { describe, expect, it } from 'vitest';
import type { LayoutFinding } from '../../src/inspect/layout-finding.ts';
import { errorPage, pagesPage } from '../../src/preview/preview-page.ts';
import { BriefingError } from '../../src/problems.ts';

/** The preview page around the printed pages: the findings list and the error page. */
const LONE_ROW: LayoutFinding = {
  briefing: 'fy2026-vs-fy2025',
  check: 'lone-table-row',
  page: 1,
  element: 'table "インハウス研究機関経費"',
  message: 'the table leaves its header and one row at the bottom of page 1',
};
const DUPLICATE: LayoutFinding = { briefing: 'fy2026-vs-fy2025', check: 'duplicate-bookmark', page: null, element: 'bookmark <出典と注記>', message: 'doubled' };
const view = (layout: LayoutFinding[]) => ({ name: 'fy2026-vs-fy2025', pages: 7, generation: 3, durationMs: 2400, layout });

describe('the preview page', () => {
  it('says "no findings" when the build found none', () => {
    const html = pagesPage(view([]), 0);
    expect(html).toContain('Layout findings (0)');
    expect(html).toContain('no findings');
  });

  it('lists each finding with its check, element and message, linked to its page', () => {
    const html = pagesPage(view([LONE_ROW, DUPLICATE]), 0);
    expect(html).toContain('Layout findings (2)');
    expect(html).toContain('<a href="#page-1">page 1</a> · <span class="check">lone-table-row</span> · table &quot;インハウス研究機関経費&quot;<br>the table leaves its header');
    // A finding that is not tied to a page has no link, and its text is escaped.
    expect(html).toContain('<li data-page=""><span class="check">duplicate-bookmark</span> · bookmark &lt;出典と注記&gt;<br>doubled</li>');
    expect(html).not.toContain('no findings');
  });

  it('asks for the PDF of this build, so that a reload never shows an older one from the cache', () => {
    expect(pagesPage(view([]), 0)).toContain('data-pdf="/briefing.pdf?build=3"');
  });

  it('remembers how many changes the server had seen when it was made, to reload on the next', () => {
    expect(pagesPage(view([]), 4)).toContain('data-changes="4"');
    expect(errorPage(new Error('x'), 5)).toContain('<body data-changes="5">');
  });

  it('runs no inline script: the policy allows only the preview\'s own script file', () => {
    for (const html of [pagesPage(view([]), 0), errorPage(new Error('x'), 0)]) {
      expect(html).toContain('<script type="module" src="/__briefings/preview.js"></script>');
      expect(html.match(/<script/g)).toHaveLength(1);
    }
  });

  it('shows a briefing error with its problems, and an internal error as a bug', () => {
    const error = new BriefingError('data', 'data/documents/x.yaml: invalid', [{ severity: 'error', file: 'data/documents/x.yaml', line: 3, message: 'total <b>1300</b> does not add up' }]);
    const html = errorPage(error, 0);
    expect(html).toContain('data/documents/x.yaml:3: total &lt;b&gt;1300&lt;/b&gt; does not add up');
    expect(errorPage(new TypeError('boom'), 0)).toContain('internal error (a bug; the terminal running the preview has the details): boom');
  });
});
