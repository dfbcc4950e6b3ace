import type { BroadcastMessage } from '../cluster/adapter';
import type { Connection } from '../connection/connection';

/**
 * Serialize a broadcast once, up to and including `"seq":`, so each recipient costs one string
 * concatenation with its own `seq`.
 */
export function serializeBroadcast(message: BroadcastMessage): string {
  const frame = {
    type: 'event',
    event: message.event,
    payload: message.payload,
    ...(message.stateVersion === undefined ? {} : { stateVersion: message.stateVersion }),
  };
  const body = JSON.stringify(frame);
  return `${body.slice(0, -1)},"seq":`;
}

/** The outcome of delivering one broadcast to this process's connections. */
export interface DeliveryReport {
  sent: number;
  dropped: number;
}

/**
 * Deliver a broadcast to every eligible local connection: per-event scope guard, per-connection
 * `seq`, backpressure (see `Connection.sendSequenced`).
 */
export function deliverBroadcast(message: BroadcastMessage, connections: Iterable<Connection>): DeliveryReport {
  const report: DeliveryReport = { sent: 0, dropped: 0 };
  let prefix: string | undefined;
  for (const connection of connections) {
    if (!connection.canReceive(message.scope)) continue;
    prefix ??= serializeBroadcast(message);
    const outcome = connection.sendSequenced(prefix, message.droppable);
    if (outcome === 'sent') report.sent += 1;
    else if (outcome === 'dropped') report.dropped += 1;
  }
  return report;
}
