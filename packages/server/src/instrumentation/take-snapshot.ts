import type { GatewayAdapter } from '../cluster/adapter';
import type { ConnectionRegistry } from '../connection/connection-registry';
import type { GatewayCounters } from '../connection/counters';
import type { WorkLimiter } from '../methods/work-limiter';
import type { InstrumentationSnapshot } from './instrumentation-snapshot';

/** What a snapshot is read from. */
export interface SnapshotSources {
  readonly connections: ConnectionRegistry;
  readonly counters: GatewayCounters;
  readonly limiter: WorkLimiter;
  readonly adapter: GatewayAdapter;
}

/** Read the gauges and totals now (one pass over the sockets). */
export function takeSnapshot(sources: SnapshotSources): InstrumentationSnapshot {
  let operator = 0;
  let node = 0;
  let awaitingConnect = 0;
  let authenticating = 0;
  let total = 0;
  let max = 0;
  for (const connection of sources.connections.all()) {
    if (connection.state === 'awaiting-connect') awaitingConnect += 1;
    else if (connection.state === 'authenticating') authenticating += 1;
    else if (connection.state === 'open' && connection.info?.role === 'node') node += 1;
    else if (connection.state === 'open') operator += 1;
    const buffered = connection.socket.bufferedAmount;
    total += buffered;
    if (buffered > max) max = buffered;
  }
  const { counters, limiter } = sources;
  return {
    connections: { operator, node, awaitingConnect, authenticating },
    bufferedBytes: { total, max },
    queueDepth: limiter.queueDepth,
    activeHandlers: limiter.active,
    pendingRequests: counters.pendingRequests,
    events: { sent: counters.eventsSent, dropped: counters.eventsDropped, replayed: counters.eventsReplayed },
    slowConsumerCloses: counters.slowConsumerCloses,
    adapter: sources.adapter.observe?.(),
  };
}
