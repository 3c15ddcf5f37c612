import { watch, type FSWatcher } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { allBriefings } from '../build/build-briefings.ts';
import { selectBriefings } from '../build/select.ts';
import { loadDataset } from '../load/load-dataset.ts';
import { pageAssets, type PageAsset } from '../print/page-assets.ts';
import { BriefingError, formatProblem } from '../problems.ts';
import { createRenderer } from '../render/handlebars-env.ts';
import { loadDocumentIndex } from '../outputs/document-index.ts';
import { makeColophon } from '../outputs/colophon.ts';
import { renderBriefing } from '../render/render-briefing.ts';
import { loadTemplateSet } from '../render/template-set.ts';
import type { BriefingSpec } from '../schema/briefing.ts';

export interface PreviewOptions {
  name: string;
  dataDir: string;
  templatesDir: string;
  briefings?: readonly BriefingSpec[];
  departmentEditions?: boolean;
  host?: string;
  port?: number;
  onReload?: (changed: string) => void;
}

export interface PreviewServer {
  url: string;
  close(): Promise<void>;
}

const EVENTS = '/__briefings/events';
// The preview page reloads itself when the server says the data or templates changed.
const RELOAD_SCRIPT = `<script>new EventSource(${JSON.stringify(EVENTS)}).onmessage = () => location.reload();</script>`;

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

function errorPage(error: unknown): string {
  const lines =
    error instanceof BriefingError ? [error.message, ...error.problems.map(formatProblem)] : [error instanceof Error ? (error.stack ?? error.message) : String(error)];
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Preview error</title></head><body style="font-family: sans-serif">
<h1>The briefing cannot be rendered</h1><pre style="white-space: pre-wrap">${escapeHtml(lines.join('\n'))}</pre>
<p>Fix the file named above; this page reloads when you save.</p>${RELOAD_SCRIPT}</body></html>`;
}

/** Renders the briefing afresh: the latest data and templates on every page load. */
async function renderPage(opts: PreviewOptions): Promise<Map<string, PageAsset>> {
  const { dataset } = await loadDataset(opts.dataDir);
  const all = await allBriefings(dataset, opts.templatesDir, opts.briefings, opts.departmentEditions);
  const [spec] = selectBriefings(all, { names: [opts.name] });
  if (!spec) throw new BriefingError('usage', `no briefing named ${opts.name}`);
  const templates = await loadTemplateSet(opts.templatesDir, 'department' in spec ? spec.department : undefined);
  // The preview shows the closing appendix and colophon as the build prints them (no build date: it is not a build).
  const extras = { documents: await loadDocumentIndex(opts.dataDir), colophon: await makeColophon(opts.dataDir, undefined), attached: false };
  const rendered = await renderBriefing(dataset, spec, templates, createRenderer(templates), extras);
  const html = rendered.html.replace('</body>', `${RELOAD_SCRIPT}</body>`);
  return pageAssets(html, templates.styles.source, templates.department?.logo);
}

/**
 * `briefings preview`: serves one briefing's HTML on localhost with its fonts and stylesheet, and
 * reloads the page when anything under the data or templates folder changes.
 */
export async function startPreview(opts: PreviewOptions): Promise<PreviewServer> {
  // Checked before listening, so that a wrong name is an error, not an error page.
  const { dataset } = await loadDataset(opts.dataDir);
  selectBriefings(await allBriefings(dataset, opts.templatesDir, opts.briefings, opts.departmentEditions), { names: [opts.name] });

  let assets = new Map<string, PageAsset>();
  const clients = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://preview.invalid');
    if (url.pathname === EVENTS) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write('retry: 500\n\n');
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    if (url.pathname === '/' || url.pathname === '/index.html') {
      renderPage(opts).then(
        (fresh) => {
          assets = fresh;
          const page = fresh.get('/index.html');
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page?.body);
        },
        (error: unknown) => res.writeHead(500, { 'content-type': 'text/html; charset=utf-8' }).end(errorPage(error)),
      );
      return;
    }
    const asset = assets.get(url.pathname);
    if (asset) res.writeHead(200, { 'content-type': asset.contentType }).end(asset.body);
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });

  let timer: NodeJS.Timeout | undefined;
  const changed = (what: string) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      opts.onReload?.(what);
      for (const client of clients) client.write('data: reload\n\n');
    }, 150);
  };
  const watchers: FSWatcher[] = [opts.dataDir, opts.templatesDir].map((dir) =>
    watch(dir, { recursive: true }, (_event, file) => changed(`${dir}/${file ?? ''}`)),
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new BriefingError('usage', `cannot listen on ${opts.host ?? '127.0.0.1'}:${opts.port ?? 4173} (${error.code ?? error.message}); choose another --port`)),
    );
    server.listen(opts.port ?? 4173, opts.host ?? '127.0.0.1', resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.address}:${address.port}/`,
    async close() {
      clearTimeout(timer);
      for (const w of watchers) w.close();
      for (const client of clients) client.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
