import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpRouteHandler } from '@gatewire/server';

/**
 * The policy of the `/monitor` page: its own script, style and WebSocket only. No inline script or
 * style, no framing, no form posts, nothing from another origin (`'self'` covers the page's own
 * `ws:`/`wss:` origin in CSP Level 3 browsers).
 */
export const MONITOR_CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'";

const MONITOR_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': MONITOR_CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/** The page's files: path → file name in the assets directory and content type. */
const ASSETS: ReadonlyMap<string, { file: string; type: string }> = new Map([
  ['/monitor', { file: 'index.html', type: 'text/html; charset=utf-8' }],
  ['/monitor/', { file: 'index.html', type: 'text/html; charset=utf-8' }],
  ['/monitor/app.js', { file: 'app.js', type: 'text/javascript; charset=utf-8' }],
  ['/monitor/monitor.css', { file: 'monitor.css', type: 'text/css; charset=utf-8' }],
]);

/** `Sec-Fetch-Site` values of requests the page itself makes, or a person typing the address. */
const SAME_ORIGIN_FETCHES: ReadonlySet<string> = new Set(['same-origin', 'none']);

/**
 * Serve the monitor page from `assetsDirectory` (the built `dist/monitor-page`): `GET /monitor` and
 * its script and style, with {@link MONITOR_CONTENT_SECURITY_POLICY}. Cross-origin requests (a
 * `Sec-Fetch-Site` other than same-origin/none, or an `Origin` that is not this host) get 403;
 * methods other than GET and HEAD get 405. Files are read once, at the first request.
 */
export function createMonitorRoutes(assetsDirectory: URL): HttpRouteHandler {
  const cache = new Map<string, Promise<Buffer>>();
  const load = (file: string) => {
    let content = cache.get(file);
    if (content === undefined) {
      content = readFile(new URL(file, assetsDirectory));
      cache.set(file, content);
    }
    return content;
  };
  return (request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const asset = ASSETS.get(path);
    if (asset === undefined) return false;
    const method = request.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      answer(response, 405, 'text/plain; charset=utf-8', Buffer.from('method not allowed\n'), method, { Allow: 'GET, HEAD' });
      return true;
    }
    if (isCrossOrigin(request)) {
      answer(response, 403, 'text/plain; charset=utf-8', Buffer.from('the monitor page is same-origin only\n'), method);
      return true;
    }
    load(asset.file).then(
      (content) => answer(response, 200, asset.type, content, method),
      () => answer(response, 500, 'text/plain; charset=utf-8', Buffer.from('the monitor page is not built (run the CLI build)\n'), method),
    );
    return true;
  };
}

function isCrossOrigin(request: IncomingMessage): boolean {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string' && !SAME_ORIGIN_FETCHES.has(site)) return true;
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  try {
    return new URL(origin).host !== request.headers.host;
  } catch {
    return true;
  }
}

function answer(response: ServerResponse, status: number, type: string, body: Buffer, method: string, extra: Record<string, string> = {}): void {
  response.writeHead(status, { ...MONITOR_HEADERS, ...extra, 'Content-Type': type, 'Content-Length': body.length });
  response.end(method === 'HEAD' ? undefined : body);
}
