import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './security-headers';

/** What the health routes ask the gateway. */
export interface HealthProbe {
  /** Attached to a listener (or standalone and listening). */
  isListening(): boolean;
  /** Shutting down. */
  isDraining(): boolean;
  uptimeMs(): number;
  /** Why the gateway is degraded (its cluster back end is unreachable), or `undefined` when it is not. */
  degradedReason?(): string | undefined;
}

/**
 * A request handler for `GET /health` (liveness) and `GET /ready` (readiness: listening and not
 * draining). A degraded gateway (cluster back end unreachable) is still ready, since it serves local
 * work: `/ready` answers 200 with `status: "degraded"` and the `reason`. It returns `true` when it answered, so a host can mount it in front of its own routes:
 * `if (!healthRoutes(req, res)) next()`.
 */
export type HealthRequestHandler = (request: IncomingMessage, response: ServerResponse) => boolean;

/** Create the {@link HealthRequestHandler} of a gateway. */
export function createHealthRequestHandler(probe: HealthProbe): HealthRequestHandler {
  return (request, response) => {
    const method = request.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') return false;
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/health') {
      sendJson(response, 200, { ok: true, status: 'live', uptimeMs: probe.uptimeMs() }, method);
      return true;
    }
    if (path === '/ready') {
      const ready = probe.isListening() && !probe.isDraining();
      const degraded = ready ? probe.degradedReason?.() : undefined;
      if (degraded !== undefined) {
        sendJson(response, 200, { ok: true, status: 'degraded', reason: degraded }, method);
        return true;
      }
      sendJson(response, ready ? 200 : 503, { ok: ready, status: ready ? 'ready' : probe.isDraining() ? 'draining' : 'not-listening' }, method);
      return true;
    }
    return false;
  };
}
