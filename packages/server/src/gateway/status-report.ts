import type { ClusterGatewayStatus, StatusResult } from '@gatewire/protocol';
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

/**
 * The `status` result: state, version, uptime, connection counts, load and latency, and the
 * cluster's gateways when the adapter lists them.
 */
export function statusReport(gateway: StatusSources, queueDepth: number, latency: LatencyStats, clusterGateways?: ClusterGatewayStatus[]): StatusResult {
  return {
    status: gateway.draining ? 'draining' : 'ok',
    version: gateway.options.serverVersion,
    uptimeMs: Date.now() - gateway.startedAtMs,
    connections: gateway.connections.counts(),
    pendingRequests: gateway.counters.pendingRequests,
    queueDepth,
    events: { sent: gateway.counters.eventsSent, dropped: gateway.counters.eventsDropped },
    latencyMs: latency.summary(),
    ...(clusterGateways === undefined ? {} : { cluster: { gateways: clusterGateways } }),
  };
}
