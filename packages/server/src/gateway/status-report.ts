import type { StatusResult } from '@gatewire/protocol';
import type { ConnectionRegistry } from '../connection/connection-registry';
import type { GatewayCounters } from '../connection/counters';
import type { LatencyStats } from '../methods/latency-stats';

/** What the `status` method reports on. */
export interface StatusSources {
  readonly draining: boolean;
  readonly options: { readonly serverVersion: string };
  readonly startedAtMs: number;
  readonly connections: ConnectionRegistry;
  readonly counters: GatewayCounters;
}

/** The `status` result: state, version, uptime, connection counts, load and latency. */
export function statusReport(gateway: StatusSources, queueDepth: number, latency: LatencyStats): StatusResult {
  return {
    status: gateway.draining ? 'draining' : 'ok',
    version: gateway.options.serverVersion,
    uptimeMs: Date.now() - gateway.startedAtMs,
    connections: gateway.connections.counts(),
    pendingRequests: gateway.counters.pendingRequests,
    queueDepth,
    events: { sent: gateway.counters.eventsSent, dropped: gateway.counters.eventsDropped },
    latencyMs: latency.summary(),
  };
}
