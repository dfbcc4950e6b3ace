import type { Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';
import { hasForwardingHeaders, type ClientAddress } from '../net/client-address';
import type { UpgradeRequest } from '../transport/upgrade-request';
import { SECURITY_HEADERS } from './security-headers';

/** An upgrade refused before any WebSocket frame. */
export interface UpgradeRefusal {
  readonly status: number;
  readonly body: { error: { message: string; type: string } };
  /** For close-based refusals (a host-created WebSocketServer): close code and reason. */
  readonly closeCode: number;
  /** Sent as `Retry-After` (whole seconds, rounded up). */
  readonly retryAfterMs?: number;
}

/** The gateway state the guard looks at. */
export interface UpgradeGuardState {
  readonly draining: boolean;
  readonly totalConnections: number;
  readonly maxConnections: number;
  readonly maxUnauthenticatedPerIp: number;
  unauthenticatedFrom(clientIp: string): number;
  /** Close the oldest unauthenticated socket of `clientIp` to make room; `false` when there is none. */
  evictUnauthenticated(clientIp: string): boolean;
  /** How long the client stays locked out for every credential kind the gateway accepts, ms; 0 if not. */
  authLockedForMs(address: ClientAddress): number;
}

function refusal(status: number, message: string, type: string, closeCode: number, retryAfterMs?: number): UpgradeRefusal {
  return { status, body: { error: { message, type } }, closeCode, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
}

/**
 * Checks made at the HTTP upgrade, before a socket exists: admission closed (503), the global
 * connection limit (503), a local peer sending forwarding headers without being a trusted proxy
 * (403), a client locked out for every credential kind (429 with `Retry-After`), and the per-IP budget of unauthenticated sockets. A full budget evicts that address's
 * oldest unauthenticated socket (idle ones first) instead of refusing the newcomer, so sockets
 * parked by one local process cannot lock the operator's own CLI out; the budget still bounds
 * what one address holds at once. 503 only when nothing can be evicted.
 */
export function checkUpgrade(request: UpgradeRequest, address: ClientAddress, state: UpgradeGuardState): UpgradeRefusal | undefined {
  if (state.draining) return refusal(503, 'gateway is shutting down', 'unavailable', 1013);
  if (state.totalConnections >= state.maxConnections) return refusal(503, 'too many connections', 'connection_limit', 1013);
  if (address.isLocalPeer && hasForwardingHeaders(request.headers) && !address.viaTrustedProxy) {
    return refusal(403, 'gateway ingress attribution required', 'proxy_attribution_required', 1008);
  }
  const lockedForMs = state.authLockedForMs(address);
  if (lockedForMs > 0) return refusal(429, 'too many failed authentication attempts from this address', 'auth_rate_limited', 1013, lockedForMs);
  if (state.unauthenticatedFrom(address.clientIp) >= state.maxUnauthenticatedPerIp && !state.evictUnauthenticated(address.clientIp)) {
    return refusal(503, 'too many unauthenticated connections from this address', 'preauth_budget_exceeded', 1013);
  }
  return undefined;
}

/** Answer a refused upgrade on the raw socket with a JSON body, then close it. */
export function writeUpgradeRefusal(socket: Duplex, refused: UpgradeRefusal): void {
  const body = JSON.stringify(refused.body);
  const headers = {
    ...SECURITY_HEADERS,
    Connection: 'close',
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    ...(refused.retryAfterMs === undefined ? {} : { 'Retry-After': String(Math.ceil(refused.retryAfterMs / 1000)) }),
  };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}`).join('\r\n');
  if (socket.writable) socket.end(`HTTP/1.1 ${refused.status} ${STATUS_CODES[refused.status] ?? ''}\r\n${head}\r\n\r\n${body}`);
  else socket.destroy();
}
