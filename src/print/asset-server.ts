import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PageAsset } from './page-assets.ts';
import { PAGE_ROUTES, pageHref } from './page-routes.ts';

/**
 * What a page may load: its own assets, and nothing else. Chrome enforces it before any request
 * leaves the page (other hosts, other ports of this machine, file:// alike), and reports each
 * refusal in the page's console; scripts never run.
 */
export const PAGE_CSP =
  "default-src 'none'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; base-uri 'none'; form-action 'none'";

/**
 * Serves the pages being printed, and only them, on the loopback interface: each page's HTML,
 * stylesheet, logo and fonts under a random prefix (/p/<token>/…). Chrome loads from a real
 * socket much faster than through the DevTools protocol, which would carry the 11 MB of fonts
 * base64-encoded for every page.
 */
export class AssetServer {
  private readonly pages = new Map<string, ReadonlyMap<string, PageAsset>>();
  private server: Promise<{ server: http.Server; origin: string }> | undefined;

  private start(): Promise<{ server: http.Server; origin: string }> {
    const server = http.createServer((req, res) => {
      const m = /^\/p\/([0-9a-f]+)(\/.*)$/.exec(new URL(req.url ?? '/', 'http://loopback.invalid').pathname);
      const asset = m ? this.pages.get(m[1] ?? '')?.get(m[2] ?? '') : undefined;
      if (req.method === 'GET' && asset)
        res.writeHead(200, { 'content-type': asset.contentType, 'content-length': asset.body.byteLength, 'content-security-policy': PAGE_CSP }).end(asset.body);
      else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
    });
  }

  /** Makes a page's assets available until released; returns the page's URL and the prefix it may load from. */
  async serve(assets: ReadonlyMap<string, PageAsset>): Promise<{ url: string; prefix: string; release: () => void }> {
    this.server ??= this.start();
    const { origin } = await this.server;
    const token = randomBytes(12).toString('hex');
    this.pages.set(token, assets);
    const prefix = `${origin}/p/${token}/`;
    return { url: prefix + pageHref(PAGE_ROUTES.page), prefix, release: () => this.pages.delete(token) };
  }

  async close(): Promise<void> {
    const pending = this.server;
    this.server = undefined;
    this.pages.clear();
    const started = await pending?.catch(() => undefined);
    // Chrome keeps its connections alive; without dropping them, close() would wait forever.
    if (started) await new Promise<void>((resolve) => (started.server.close(() => resolve()), started.server.closeAllConnections()));
  }
}
