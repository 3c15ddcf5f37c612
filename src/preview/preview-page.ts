import type { LayoutFinding } from '../inspect/layout-finding.ts';
import { BriefingError, formatProblem } from '../problems.ts';

/** The preview's own routes, apart from the briefing's PDF. */
export const PREVIEW_ROUTES = {
  changes: '/__briefings/changes',
  script: '/__briefings/preview.js',
  pdfjs: '/__briefings/pdfjs/pdf.min.mjs',
  pdfjsWorker: '/__briefings/pdfjs/pdf.worker.min.mjs',
  pdf: '/briefing.pdf',
} as const;

/**
 * The preview page may run its own script (pdf.js draws the printed pages) and load from the
 * preview server, and nothing else. The briefing itself is printed under the build's policy
 * (print/asset-server.ts), never opened here.
 */
export const PREVIEW_CSP =
  "default-src 'none'; script-src 'self'; worker-src 'self'; connect-src 'self'; img-src 'self' data: blob:; style-src 'unsafe-inline'; font-src 'self' data: blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const STYLE = `
  body { margin: 0; font-family: system-ui, sans-serif; background: #e9ecef; color: #1d2733; }
  header { position: sticky; top: 0; z-index: 1; background: #1d2733; color: #fff; padding: 8px 16px; font-size: 14px; }
  .layout { display: flex; align-items: flex-start; gap: 16px; padding: 16px; }
  #pages { flex: 1; display: flex; flex-wrap: wrap; gap: 16px; justify-content: center; }
  .page { background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.3); margin: 0; }
  .page canvas { display: block; }
  .page figcaption { font-size: 12px; text-align: center; padding: 4px; background: #e9ecef; color: #5b6775; }
  .page-text { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: pre-wrap; }
  aside { width: 320px; flex: none; position: sticky; top: 48px; max-height: calc(100vh - 64px); overflow: auto; background: #fff; padding: 12px 16px; box-shadow: 0 1px 4px rgba(0,0,0,.2); font-size: 13px; }
  aside h2 { font-size: 15px; margin: 0 0 8px; }
  aside ol { padding-left: 18px; margin: 0; }
  aside li { margin: 0 0 8px; }
  .check { font-family: ui-monospace, monospace; font-size: 12px; color: #b3261e; }
  .none { color: #1b7a4b; }
  pre { white-space: pre-wrap; }
`;

function findingItem(finding: LayoutFinding): string {
  const page = finding.page === null ? '' : `<a href="#page-${finding.page}">page ${finding.page}</a> · `;
  return `<li data-page="${finding.page ?? ''}">${page}<span class="check">${escapeHtml(finding.check)}</span> · ${escapeHtml(finding.element)}<br>${escapeHtml(finding.message)}</li>`;
}

/** The pages as printed, drawn by the preview script from the PDF, with the build's layout findings beside them. */
export function pagesPage(view: { name: string; pages: number; generation: number; durationMs: number; layout: readonly LayoutFinding[] }, changes: number): string {
  const findings = view.layout.length
    ? `<ol id="findings">${view.layout.map(findingItem).join('')}</ol>`
    : '<p id="findings" class="none">no findings</p>';
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(view.name)} — preview</title><style>${STYLE}</style></head>
<body data-pdf="${PREVIEW_ROUTES.pdf}?build=${view.generation}" data-pages="${view.pages}" data-changes="${changes}">
<header>${escapeHtml(view.name)} · ${view.pages} pages as printed · built in ${(view.durationMs / 1000).toFixed(1)} s · reloads when data or templates change</header>
<div class="layout"><main id="pages" aria-label="pages"></main>
<aside><h2>Layout findings (${view.layout.length})</h2>${findings}</aside></div>
<script type="module" src="${PREVIEW_ROUTES.script}"></script></body></html>`;
}

/** Why the briefing could not be built; the page reloads when a file changes. */
export function errorPage(error: unknown, changes: number): string {
  const lines =
    error instanceof BriefingError
      ? [error.message, ...error.problems.map(formatProblem)]
      : [`internal error (a bug; the terminal running the preview has the details): ${error instanceof Error ? error.message : String(error)}`];
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Preview error</title><style>${STYLE}</style></head><body data-changes="${changes}">
<header>The briefing cannot be rendered</header><div style="padding: 16px"><h1>The briefing cannot be rendered</h1><pre>${escapeHtml(lines.join('\n'))}</pre>
<p>Fix the file named above; this page reloads when you save.</p></div><script type="module" src="${PREVIEW_ROUTES.script}"></script></body></html>`;
}
