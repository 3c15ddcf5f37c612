import { watch, type FSWatcher } from 'node:fs';
import http from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import { allBriefings } from '../build/build-briefings.ts';
import { selectBriefings } from '../build/select.ts';
import { loadDataset } from '../validate/validate-dataset.ts';
import { pageAssets, type PageAsset } from '../print/page-assets.ts';
import { BriefingError, formatProblem } from '../problems.ts';
import { createRenderer } from '../render/handlebars-env.ts';
import { loadDocumentIndex } from '../outputs/document-index.ts';
import { makeColophon } from '../outputs/colophon.ts';
import { renderBriefing } from '../render/render-briefing.ts';
import { loadTemplateSet } from '../render/template-set.ts';
import type { ConfiguredBriefing } from '../schema/briefing.ts';

export interface PreviewOptions {
  name: string;
  dataDir: string;
  templatesDir: string;
  briefings?: readonly ConfiguredBriefing[];
  departmentEditions?: boolean;
  latestComparison?: boolean;
  host?: string;
  port?: number;
  onReload?: (changed: string) => void;
  /** An error that is a bug (not a BriefingError): the page shows its message, this gets the rest. */
  onInternalError?: (error: unknown) => void;
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
    error instanceof BriefingError
      ? [error.message, ...error.problems.map(formatProblem)]
      : [`internal error (a bug; the terminal running the preview has the details): ${error instanceof Error ? error.message : String(error)}`];
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Preview error</title></head><body style="font-family: sans-serif">
<h1>The briefing cannot be rendered</h1><pre style="white-space: pre-wrap">${escapeHtml(lines.join('\n'))}</pre>
<p>Fix the file named above; this page reloads when you save.</p>${RELOAD_SCRIPT}</body></html>`;
}

/**
 * The Host headers the preview answers: loopback names with its port (and the address it was
 * told to listen on, when that is a literal address). A page from elsewhere whose name is made
 * to resolve to 127.0.0.1 (DNS rebinding) sends its own name and is refused.
 */
export function allowedHosts(port: number, listenHost?: string): Set<string> {
  const names = ['localhost', '127.0.0.1', '[::1]'];
  const literal = listenHost && isIP(listenHost) && !['0.0.0.0', '::'].includes(listenHost) ? (isIP(listenHost) === 6 ? `[${listenHost}]` : listenHost) : undefined;
  if (literal && !names.includes(literal)) names.push(literal);
  return new Set(names.flatMap((name) => (port === 80 ? [name, `${name}:80`] : [`${name}:${port}`])));
}

/** Renders the briefing afresh: the latest data and templates on every page load. */
async function renderPage(opts: PreviewOptions): Promise<Map<string, PageAsset>> {
  const { dataset } = await loadDataset(opts.dataDir);
  const all = await allBriefings(dataset, opts.templatesDir, opts.briefings, opts.departmentEditions, opts.latestComparison);
  const [spec] = selectBriefings(all, { names: [opts.name] });
  if (!spec) throw new BriefingError('usage', `no briefing named ${opts.name}; add it under briefings: in briefings.config.yaml`);
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
  selectBriefings(await allBriefings(dataset, opts.templatesDir, opts.briefings, opts.departmentEditions, opts.latestComparison), { names: [opts.name] });

  let assets = new Map<string, PageAsset>();
  const clients = new Set<http.ServerResponse>();
  let hosts = new Set<string>();
  const server = http.createServer((req, res) => {
    if (!hosts.has((req.headers.host ?? '').toLowerCase())) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end(`the preview answers only requests for ${[...hosts].join(', ')}\n`);
      return;
    }
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
        (error: unknown) => {
          if (!(error instanceof BriefingError)) opts.onInternalError?.(error);
          res.writeHead(500, { 'content-type': 'text/html; charset=utf-8' }).end(errorPage(error));
        },
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
  hosts = allowedHosts(address.port, opts.host ?? '127.0.0.1');
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
