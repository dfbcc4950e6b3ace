import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventMap, StatusResult } from '@gatewire/protocol';
import type { MetricsRouteOptions } from '../metrics/metrics-route';
import type { GatewayOptions } from '../options/gateway-options';

/** Where the standalone gateway listens. */
export type BindMode = 'loopback' | 'all' | (string & {});

/** TLS material: PEM file paths or PEM contents. */
export interface TlsOptions {
  /** Certificate chain: a PEM file path, or PEM contents as a Buffer (or a string with `-----BEGIN`). */
  cert: string | Buffer;
  /** Private key: a PEM file path, or PEM contents. */
  key: string | Buffer;
}

/** An HTTP route of the standalone listener: answers and returns `true`, or returns `false` to pass. */
export type HttpRouteHandler = (request: IncomingMessage, response: ServerResponse) => boolean;

/** Options of `startGateway`: the gateway's options plus the listener's. */
export interface StartGatewayOptions<E extends EventMap = EventMap, S extends StatusResult = StatusResult> extends GatewayOptions<E, S> {
  /**
   * Interface to bind: `"loopback"` (127.0.0.1), `"all"` (0.0.0.0; refused by the CLI without
   * auth), or an address. Ignored with `socketPath`.
   * @default "loopback"
   */
  bind?: BindMode;
  /** TCP port; 0 picks a free one. @default 18789 */
  port?: number;
  /** Listen on this Unix socket instead of TCP. */
  socketPath?: string;
  /** Serve `wss://` with this certificate and key. */
  tls?: TlsOptions;
  /** The WebSocket path. @default "/" */
  path?: string;
  /**
   * More HTTP routes, asked in order after the health probes and before the 404 answer (the CLI
   * serves its `/monitor` page this way). Each answers with its own headers.
   * @default []
   */
  httpRoutes?: readonly HttpRouteHandler[];
  /**
   * Keep paired devices in this JSON file (atomic writes, mode 0600) unless `deviceStore` is given.
   * @default undefined (in memory)
   */
  deviceStorePath?: string;
  /**
   * Keep node approvals (paired nodes and pending node pairing requests) in this JSON file (atomic
   * writes, mode 0600) unless `nodePairing.store` is given.
   * @default undefined (in memory)
   */
  nodeStorePath?: string;
  /**
   * Time a client has to send the complete headers of its HTTP request (the WebSocket upgrade, or
   * a health probe), ms; a slower one (a slowloris) gets HTTP 408 and its socket is closed.
   * Checked every second (every `headersTimeoutMs` when shorter), so the cut comes at most that
   * much later. Node's own default is 60 s; a gateway's upgrade requests are small.
   * @default 10000
   */
  headersTimeoutMs?: number;
  /**
   * Serve `GET /metrics` (Prometheus text) on the gateway's port, for `Authorization: Bearer
   * <token>` with the gateway's token or password or `scrapeToken` (401 otherwise). Turns
   * `metrics` on, with process metrics, unless `metrics` is given.
   * @default false
   */
  serveMetrics?: boolean | MetricsRouteOptions;
}

/** Defaults of the standalone listener. */
export const standaloneDefaults = {
  bind: 'loopback',
  port: 18789,
  path: '/',
  headersTimeoutMs: 10_000,
} as const;

/** Longest interval between two checks of the HTTP server's request timeouts, ms. */
const maxTimeoutCheckIntervalMs = 1_000;

/** Node's default `requestTimeout` (the whole request), which must not be below `headersTimeout`. */
const nodeRequestTimeoutMs = 300_000;

/** The `node:http` server options that bound a slow request for `headersTimeoutMs`. */
export function requestTimeouts(headersTimeoutMs: number): { headersTimeout: number; requestTimeout: number; connectionsCheckingInterval: number } {
  if (!Number.isSafeInteger(headersTimeoutMs) || headersTimeoutMs <= 0) {
    throw new TypeError(`startGateway: headersTimeoutMs must be a positive integer (ms), got ${headersTimeoutMs}`);
  }
  return {
    headersTimeout: headersTimeoutMs,
    requestTimeout: Math.max(nodeRequestTimeoutMs, headersTimeoutMs),
    connectionsCheckingInterval: Math.min(maxTimeoutCheckIntervalMs, headersTimeoutMs),
  };
}

/** The address to bind for a bind mode. */
export function bindAddress(bind: BindMode): string {
  if (bind === 'loopback') return '127.0.0.1';
  if (bind === 'all') return '0.0.0.0';
  return bind;
}
