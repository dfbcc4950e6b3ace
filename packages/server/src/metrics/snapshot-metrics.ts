import { Counter, Gauge, type Registry } from 'prom-client';
import type { InstrumentationSnapshot } from '../instrumentation/instrumentation-snapshot';
import type { ScrapeSnapshot } from './scrape-snapshot';

type Read = (snapshot: InstrumentationSnapshot) => number;

/** A counter that follows a running total of the snapshot (read at each scrape). */
function totalCounter(registry: Registry, snapshots: ScrapeSnapshot, name: string, help: string, read: Read): void {
  let counted = 0;
  new Counter({
    name,
    help,
    registers: [registry],
    collect() {
      const total = read(snapshots.read());
      if (total > counted) this.inc(total - counted);
      counted = Math.max(counted, total);
    },
  });
}

function gauge(registry: Registry, snapshots: ScrapeSnapshot, name: string, help: string, read: Read): void {
  new Gauge({
    name,
    help,
    registers: [registry],
    collect() {
      this.set(read(snapshots.read()));
    },
  });
}

/**
 * The metrics read from the instrumentation snapshot at each scrape: sockets by role and state,
 * buffered bytes, the work queue, event totals, slow-consumer closes and, when the adapter reports
 * its back end, its connection state, lag and outbox depth.
 */
export function registerSnapshotMetrics(registry: Registry, prefix: string, snapshots: ScrapeSnapshot, withAdapter: boolean): void {
  new Gauge({
    name: `${prefix}connections`,
    help: 'Sockets by role and state: open (authenticated operators and nodes), awaiting_connect and authenticating (role none).',
    labelNames: ['role', 'state'] as const,
    registers: [registry],
    collect() {
      const { connections } = snapshots.read();
      this.set({ role: 'operator', state: 'open' }, connections.operator);
      this.set({ role: 'node', state: 'open' }, connections.node);
      this.set({ role: 'none', state: 'awaiting_connect' }, connections.awaitingConnect);
      this.set({ role: 'none', state: 'authenticating' }, connections.authenticating);
    },
  });
  gauge(registry, snapshots, `${prefix}buffered_bytes`, 'Bytes waiting in the send buffers of all sockets.', (snapshot) => snapshot.bufferedBytes.total);
  gauge(registry, snapshots, `${prefix}buffered_bytes_max`, 'Bytes waiting in the send buffer of the fullest socket.', (snapshot) => snapshot.bufferedBytes.max);
  gauge(registry, snapshots, `${prefix}work_queue_depth`, 'Requests waiting for a handler slot (maxQueuedRequests bounds it).', (snapshot) => snapshot.queueDepth);
  gauge(registry, snapshots, `${prefix}handlers_active`, 'Method handlers running (maxConcurrentHandlers bounds it).', (snapshot) => snapshot.activeHandlers);
  gauge(registry, snapshots, `${prefix}requests_pending`, 'Requests admitted and not answered yet.', (snapshot) => snapshot.pendingRequests);
  totalCounter(registry, snapshots, `${prefix}events_sent_total`, 'Events sent to connections (broadcast deliveries and targeted events).', (snapshot) => snapshot.events.sent);
  totalCounter(registry, snapshots, `${prefix}events_dropped_total`, 'Droppable events skipped for slow consumers.', (snapshot) => snapshot.events.dropped);
  totalCounter(registry, snapshots, `${prefix}events_replayed_total`, 'Events sent back by gateway.resume answers.', (snapshot) => snapshot.events.replayed);
  totalCounter(registry, snapshots, `${prefix}slow_consumer_closes_total`, 'Connections closed 1008 "slow consumer".', (snapshot) => snapshot.slowConsumerCloses);
  if (!withAdapter) return;
  gauge(registry, snapshots, `${prefix}adapter_connected`, '1 while the cluster back end (e.g. Redis) is reachable, else 0.', (snapshot) => (snapshot.adapter?.connected === false ? 0 : 1));
  gauge(registry, snapshots, `${prefix}adapter_lag_entries`, 'Cluster log entries published but not applied by this gateway yet.', (snapshot) => snapshot.adapter?.lagEntries ?? 0);
  gauge(registry, snapshots, `${prefix}adapter_outbox_depth`, 'Writes waiting for the cluster back end.', (snapshot) => snapshot.adapter?.outboxDepth ?? 0);
  totalCounter(registry, snapshots, `${prefix}adapter_broadcasts_refused_total`, 'Broadcasts refused (gateway.broadcast() returned false) because the cluster back end was unreachable and the outbox full.', (snapshot) => snapshot.adapter?.outboxRefused ?? 0);
}
