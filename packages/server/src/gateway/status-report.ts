import type { ClusterGatewayStatus, StatusResult } from '@gatewire/protocol';
import type { ConnectionRegistry } from '../connection/connection-registry';
import type { GatewayCounters } from '../connection/counters';
import type { WindowStats } from '../monitor/request-window';
import { MONITOR_SLOT_MS, MONITOR_WINDOW_SLOTS } from '../monitor/monitor-options';

/** What the `status` method reports on. */
export interface StatusSources {
  readonly draining: boolean;
  readonly options: { readonly serverVersion: string; readonly maxQueuedRequests: number };
  readonly startedAtMs: number;
  readonly connections: ConnectionRegistry;
  readonly counters: GatewayCounters;
}

/**
 * The `status` result: state, version, uptime, connection counts, load, the latency of the requests
 * of the last 10 s, and the cluster's gateways when the adapter lists them.
 */
export function statusReport(gateway: StatusSources, queueDepth: number, latency: WindowStats, clusterGateways?: ClusterGatewayStatus[]): StatusResult {
  return {
    status: gateway.draining ? 'draining' : 'ok',
    version: gateway.options.serverVersion,
    uptimeMs: Date.now() - gateway.startedAtMs,
    connections: gateway.connections.counts(),
    pendingRequests: gateway.counters.pendingRequests,
    queueDepth,
    queueLimit: gateway.options.maxQueuedRequests,
    events: { sent: gateway.counters.eventsSent, dropped: gateway.counters.eventsDropped },
    latencyMs: { avg: latency.avgMs, p99: latency.p99Ms },
    latencyWindowMs: MONITOR_SLOT_MS * MONITOR_WINDOW_SLOTS,
    ...(clusterGateways === undefined ? {} : { cluster: { gateways: clusterGateways } }),
  };
}
