import type { BroadcastMessage } from '../cluster/adapter';
import type { Connection } from '../connection/connection';
import type { SerializedBroadcast } from './serialized-broadcast';

/**
 * Deliver a broadcast to the eligible connections `recipients` yields: per-event scope guard,
 * per-connection `seq`, backpressure (see `Connection.sendSequenced`). The frame is built once, on
 * the first eligible recipient, and shared. Stops once the frames sent reach `budgetBytes`, leaving
 * `recipients` at the next connection; returns the budget left (≤ 0 when it stopped early).
 */
export function deliverBroadcast(message: BroadcastMessage, broadcast: SerializedBroadcast, recipients: Iterator<Connection>, budgetBytes: number): number {
  const frameBytes = broadcast.byteLength;
  let budget = budgetBytes;
  while (budget > 0) {
    const next = recipients.next();
    if (next.done === true) return budget;
    const connection = next.value;
    if (!connection.canReceive(message.scope)) continue;
    if (connection.sendSequenced(broadcast, message.droppable) === 'sent') budget -= frameBytes;
  }
  return budget;
}
