import type { Connection } from '../connection/connection';

/**
 * One ping round: ping every connection that answered the previous ping, terminate those that have
 * not answered within `pongTimeoutMs`.
 */
export function sweepPings(connections: Iterable<Connection>, pongTimeoutMs: number, now: number): void {
  for (const connection of connections) {
    if (connection.awaitingPongSince === undefined) {
      connection.awaitingPongSince = now;
      connection.socket.ping();
    } else if (now - connection.awaitingPongSince >= pongTimeoutMs) {
      connection.terminate();
    }
  }
}
