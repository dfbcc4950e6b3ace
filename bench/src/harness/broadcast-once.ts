import type { LoadChild, ServerChild } from './processes';

/** One broadcast as measured: time to the last arrival and CPU spent on each side. */
export interface BroadcastTiming {
  /** From just before the broadcast call to the last arrival, ms (both ends read CLOCK_MONOTONIC, shared by the processes of one machine). */
  readonly lastDeliveryMs: number;
  /** CPU time of the server from just before the broadcast call until every client had the event, µs (asynchronous sends included). */
  readonly serverCpuUs: number;
  /** Total CPU time of each load generator when its last client got the event, µs (subtract the previous event's to get this one's cost). */
  readonly loadCpuUs: readonly number[];
}

/**
 * Ask the server to broadcast event `n` and wait until every load generator reports that all its
 * clients have it.
 */
export async function broadcastOnce(server: ServerChild, loads: readonly LoadChild[], n: number, timeoutMs: number): Promise<BroadcastTiming> {
  server.send({ kind: 'broadcast', n });
  const sent = await server.next('broadcast-sent', timeoutMs);
  let lastAtNs = 0;
  const loadCpuUs: number[] = [];
  for (const load of loads) {
    const received = await load.next('received', timeoutMs);
    if (received.n !== n) throw new Error(`${load.label}: expected event ${n}, got ${received.n}`);
    lastAtNs = Math.max(lastAtNs, received.lastAtNs);
    loadCpuUs.push(received.cpuUs);
  }
  server.send({ kind: 'cpu' });
  const cpuAtEnd = await server.next('cpu', timeoutMs);
  return { lastDeliveryMs: (lastAtNs - sent.startNs) / 1e6, serverCpuUs: cpuAtEnd.cpuUs - sent.cpuAtStartUs, loadCpuUs };
}
