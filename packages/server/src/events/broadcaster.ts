import type { BroadcastMessage } from '../cluster/adapter';
import type { Connection } from '../connection/connection';
import type { SerializedBroadcast } from './serialized-broadcast';

/** The outcome of delivering one broadcast to this process's connections. */
export interface DeliveryReport {
  sent: number;
  dropped: number;
}

/**
 * Deliver a broadcast to every eligible local connection: per-event scope guard, per-connection
 * `seq`, backpressure (see `Connection.sendSequenced`). The frame text is built once, on the first
 * eligible recipient, and shared.
 */
export function deliverBroadcast(message: BroadcastMessage, broadcast: SerializedBroadcast, connections: Iterable<Connection>): DeliveryReport {
  const report: DeliveryReport = { sent: 0, dropped: 0 };
  for (const connection of connections) {
    if (!connection.canReceive(message.scope)) continue;
    const outcome = connection.sendSequenced(broadcast, message.droppable);
    if (outcome === 'sent') report.sent += 1;
    else if (outcome === 'dropped') report.dropped += 1;
  }
  return report;
}
