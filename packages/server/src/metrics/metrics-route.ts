import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import { secretsEqual } from '../auth/shared-secret';
import { SECURITY_HEADERS, sendJson } from '../http/security-headers';

/** Options of the `/metrics` route (`gateway.metricsRoute()`, `startGateway({ serveMetrics })`). */
export interface MetricsRouteOptions {
  /**
   * A token that authorizes scrapes (`Authorization: Bearer <scrapeToken>`) besides the gateway's
   * own token or password, so a Prometheus server need not hold the gateway's secret.
   * @default none: only the gateway's token or password
   */
  scrapeToken?: string;
  /** The path served. @default "/metrics" */
  path?: string;
}

/** Answers `GET /metrics`; returns `true` when it answered, so a host can mount it before its own routes. */
export type MetricsRequestHandler = (request: IncomingMessage, response: ServerResponse) => boolean;

/** What the route reads at each request. */
export interface MetricsRouteSource {
  readonly registry: Registry;
  /** The secrets that authorize a scrape now (the gateway's current token or password, the scrape token). */
  secrets(): readonly string[];
}

/** `Authorization: Bearer <token>` (RFC 6750 §2.1), else `undefined`. */
function bearerToken(request: IncomingMessage): string | undefined {
  const match = /^Bearer +(\S+) *$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

/** Whether `presented` equals one of `secrets`: every secret is compared (constant time each), none skipped. */
function authorized(presented: string | undefined, secrets: readonly string[]): boolean {
  if (presented === undefined) return false;
  let matched = false;
  for (const secret of secrets) matched = secretsEqual(presented, secret) || matched;
  return matched;
}

/**
 * Create the `/metrics` handler: the registry's text exposition for a scrape that presents a secret
 * as a bearer token; 401 with `WWW-Authenticate: Bearer` otherwise; 500 if collecting fails.
 */
export function createMetricsRequestHandler(source: MetricsRouteSource, options: MetricsRouteOptions = {}): MetricsRequestHandler {
  const path = options.path ?? '/metrics';
  return (request, response) => {
    const method = request.method ?? 'GET';
    if ((method !== 'GET' && method !== 'HEAD') || (request.url ?? '/').split('?')[0] !== path) return false;
    if (!authorized(bearerToken(request), source.secrets())) {
      response.setHeader('WWW-Authenticate', 'Bearer realm="gatewire metrics"');
      sendJson(response, 401, { error: { message: 'metrics need Authorization: Bearer <gateway token or scrape token>', type: 'unauthorized' } }, method);
      return true;
    }
    source.registry.metrics().then(
      (text) => {
        response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': source.registry.contentType, 'Content-Length': Buffer.byteLength(text) });
        response.end(method === 'HEAD' ? undefined : text);
      },
      () => sendJson(response, 500, { error: { message: 'collecting metrics failed', type: 'internal' } }, method),
    );
    return true;
  };
}
