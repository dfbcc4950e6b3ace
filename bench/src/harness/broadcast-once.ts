import type { LoadChild, ServerChild } from './processes';

/**
 * Ask the server to broadcast event `n` and wait until every load generator reports that all its
 * clients have it. Returns the time from just before the broadcast call to the last arrival, ms
 * (both ends read CLOCK_MONOTONIC, shared by the processes of one machine).
 */
export async function broadcastOnce(server: ServerChild, loads: readonly LoadChild[], n: number, timeoutMs: number): Promise<number> {
  server.send({ kind: 'broadcast', n });
  const sent = await server.next('broadcast-sent', timeoutMs);
  let lastAtNs = 0;
  for (const load of loads) {
    const received = await load.next('received', timeoutMs);
    if (received.n !== n) throw new Error(`${load.label}: expected event ${n}, got ${received.n}`);
    lastAtNs = Math.max(lastAtNs, received.lastAtNs);
  }
  return (lastAtNs - sent.startNs) / 1e6;
}
