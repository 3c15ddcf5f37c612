import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { createRequire } from 'node:module';
import { isIP, type AddressInfo } from 'node:net';
import { allBriefings } from '../build/build-briefings.ts';
import { selectBriefings } from '../build/select.ts';
import { loadDataset } from '../validate/validate-dataset.ts';
import { BriefingError } from '../problems.ts';
import { PreviewBuilds, type PreviewSource } from './preview-build.ts';
import { errorPage, pagesPage, PREVIEW_CSP, PREVIEW_ROUTES } from './preview-page.ts';
import { PREVIEW_SCRIPT } from './preview-script.ts';

/** What to preview (see PreviewSource), and where to serve it. */
export interface PreviewOptions extends PreviewSource {
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

const require = createRequire(import.meta.url);

/** The preview's own files: its script, and pdf.js (which draws the printed pages in the browser). */
function previewFiles(): Map<string, { contentType: string; body: () => Promise<Buffer> }> {
  const js = 'text/javascript; charset=utf-8';
  const once = (read: () => Promise<Buffer>) => {
    let body: Promise<Buffer> | undefined;
    return () => (body ??= read());
  };
  return new Map([
    [PREVIEW_ROUTES.script, { contentType: js, body: once(async () => Buffer.from(PREVIEW_SCRIPT)) }],
    [PREVIEW_ROUTES.pdfjs, { contentType: js, body: once(() => readFile(require.resolve('pdfjs-dist/build/pdf.min.mjs'))) }],
    [PREVIEW_ROUTES.pdfjsWorker, { contentType: js, body: once(() => readFile(require.resolve('pdfjs-dist/build/pdf.worker.min.mjs'))) }],
  ]);
}

/**
 * `briefings preview`: shows one briefing as printed, page by page (pdf.js draws the PDF the
 * build's own printer made), with the layout findings of that build beside the pages, and
 * reloads the page when anything under the data or templates folder changes.
 */
export async function startPreview(opts: PreviewOptions): Promise<PreviewServer> {
  // Checked before listening, so that a wrong name is an error, not an error page.
  const { dataset } = await loadDataset(opts.dataDir);
  selectBriefings(await allBriefings(dataset, opts.templatesDir, opts.briefings, opts.departmentEditions, opts.latestComparison), { names: [opts.name] });

  const builds = new PreviewBuilds(opts);
  const files = previewFiles();
  /** How many times the data or templates changed (after the pause that gathers one save's events). */
  let changes = 0;
  let hosts = new Set<string>();
  const headers = (contentType: string) => ({ 'content-type': contentType, 'cache-control': 'no-store', 'content-security-policy': PREVIEW_CSP, 'x-content-type-options': 'nosniff' });
  const server = http.createServer((req, res) => {
    if (!hosts.has((req.headers.host ?? '').toLowerCase())) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end(`the preview answers only requests for ${[...hosts].join(', ')}\n`);
      return;
    }
    const url = new URL(req.url ?? '/', 'http://preview.invalid');
    if (url.pathname === PREVIEW_ROUTES.changes) {
      res.writeHead(200, headers('application/json')).end(JSON.stringify({ changes }));
      return;
    }
    if (url.pathname === '/' || url.pathname === '/index.html' || url.pathname === PREVIEW_ROUTES.pdf) {
      const pdf = url.pathname === PREVIEW_ROUTES.pdf;
      builds.latest().then((build) => {
        if (build.ok && pdf) res.writeHead(200, headers('application/pdf')).end(build.pdf);
        else if (build.ok) res.writeHead(200, headers('text/html; charset=utf-8')).end(pagesPage({ name: opts.name, ...build }, changes));
        else {
          if (!(build.error instanceof BriefingError)) opts.onInternalError?.(build.error);
          res.writeHead(500, headers('text/html; charset=utf-8')).end(errorPage(build.error, changes));
        }
      }, (error: unknown) => {
        opts.onInternalError?.(error);
        res.writeHead(500, headers('text/html; charset=utf-8')).end(errorPage(error, changes));
      });
      return;
    }
    // Browsers ask for one; the preview has none, and a 404 would be logged in the page's console.
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const file = files.get(url.pathname);
    if (file)
      file.body().then(
        (body) => res.writeHead(200, headers(file.contentType)).end(body),
        (error: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error)),
      );
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });

  let timer: NodeJS.Timeout | undefined;
  const changed = (what: string) => {
    clearTimeout(timer);
    builds.changed();
    timer = setTimeout(() => {
      changes++;
      opts.onReload?.(what);
    }, 150);
  };
  const watchers: FSWatcher[] = [opts.dataDir, opts.templatesDir].map((dir) =>
    watch(dir, { recursive: true }, (_event, file) => changed(`${dir}/${file ?? ''}`)),
  );

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(new BriefingError('usage', `cannot listen on ${opts.host ?? '127.0.0.1'}:${opts.port ?? 4173} (${error.code ?? error.message}); choose another --port`)),
      );
      server.listen(opts.port ?? 4173, opts.host ?? '127.0.0.1', resolve);
    });
  } catch (error) {
    for (const w of watchers) w.close();
    await builds.close();
    throw error;
  }
  const address = server.address() as AddressInfo;
  hosts = allowedHosts(address.port, opts.host ?? '127.0.0.1');
  return {
    url: `http://${address.address}:${address.port}/`,
    async close() {
      clearTimeout(timer);
      for (const w of watchers) w.close();
      await new Promise<void>((resolve) => (server.close(() => resolve()), server.closeAllConnections()));
      await builds.close();
    },
  };
}
