import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './security-headers';

/** What the health routes ask the gateway. */
export interface HealthProbe {
  /** Attached to a listener (or standalone and listening). */
  isListening(): boolean;
  /** Shutting down. */
  isDraining(): boolean;
  uptimeMs(): number;
}

/**
 * A request handler for `GET /health` (liveness) and `GET /ready` (readiness: listening and not
 * draining). It returns `true` when it answered, so a host can mount it in front of its own routes:
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
      sendJson(response, ready ? 200 : 503, { ok: ready, status: ready ? 'ready' : probe.isDraining() ? 'draining' : 'not-listening' }, method);
      return true;
    }
    return false;
  };
}
