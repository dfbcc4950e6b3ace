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
 * A request handler for the gateway's HTTP probes, each answered with small JSON and the security
 * headers:
 * - `GET /health` and `GET /healthz` (liveness): 200 while the process runs.
 * - `GET /ready` and `GET /readyz` (readiness): 200 when listening and not draining, else 503. A
 *   degraded gateway (cluster back end unreachable) is still ready, since it serves local work: it
 *   answers 200 with `status: "degraded"` and the `reason`.
 * - `GET /startupz` (startup): 503 until the gateway has listened once, then 200 for good (also while
 *   draining), as a Kubernetes startup probe expects.
 *
 * It returns `true` when it answered, so a host can mount it in front of its own routes:
 * `if (!healthRoutes(req, res)) next()`.
 */
export type HealthRequestHandler = (request: IncomingMessage, response: ServerResponse) => boolean;

/** Create the {@link HealthRequestHandler} of a gateway. */
export function createHealthRequestHandler(probe: HealthProbe): HealthRequestHandler {
  let started = false;
  const hasStarted = (): boolean => {
    if (!started && probe.isListening()) started = true;
    return started;
  };
  return (request, response) => {
    const method = request.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') return false;
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/health' || path === '/healthz') {
      sendJson(response, 200, { ok: true, status: 'live', uptimeMs: probe.uptimeMs() }, method);
      return true;
    }
    if (path === '/ready' || path === '/readyz') {
      sendReadiness(response, probe, method);
      return true;
    }
    if (path === '/startupz') {
      const done = hasStarted();
      sendJson(response, done ? 200 : 503, { ok: done, status: done ? 'started' : 'starting' }, method);
      return true;
    }
    return false;
  };
}

function sendReadiness(response: ServerResponse, probe: HealthProbe, method: string): void {
  const ready = probe.isListening() && !probe.isDraining();
  const degraded = ready ? probe.degradedReason?.() : undefined;
  if (degraded !== undefined) {
    sendJson(response, 200, { ok: true, status: 'degraded', reason: degraded }, method);
    return;
  }
  sendJson(response, ready ? 200 : 503, { ok: ready, status: ready ? 'ready' : probe.isDraining() ? 'draining' : 'not-listening' }, method);
}
