import { runAlternating } from '../harness/alternate';
import { broadcastOnce } from '../harness/broadcast-once';
import type { BenchContext } from '../harness/context';
import { withSession } from '../harness/processes';
import type { CaseResult } from '../results';
import { sleep } from '../sleep';
import type { SystemName } from '../systems/types';

const RPC_SAMPLES = 100;
const EVENT_SAMPLES = 10;

/**
 * Frame sizes on the wire, counted as TCP bytes at the server (WebSocket framing included; client
 * frames carry a 4-byte mask): connection setup, one request, one response, one broadcast event.
 */
export async function runFrameProbe(context: BenchContext, systems: readonly SystemName[]): Promise<CaseResult> {
  const spec = {
    scenario: 'frames' as const,
    id: 'frames',
    title: 'Frame sizes on the wire (TCP bytes per frame, WebSocket header included)',
    parameters: { requests: RPC_SAMPLES, events: EVENT_SAMPLES },
    metrics: [
      { key: 'setupIn', label: 'setup in', unit: 'B', better: 'lower' as const },
      { key: 'setupOut', label: 'setup out', unit: 'B', better: 'lower' as const },
      { key: 'request', label: 'request', unit: 'B', better: 'lower' as const },
      { key: 'response', label: 'response', unit: 'B', better: 'lower' as const },
      { key: 'event', label: 'event', unit: 'B', better: 'lower' as const },
    ],
    primaryMetric: 'request',
    systems,
    notes: [
      'Setup = HTTP upgrade + handshake/authentication + event subscription, both directions.',
      'request/response: `add({a,b}) → {sum}`; event: `{n, text}` (~50 B payload).',
    ],
  };
  const workload = { kind: 'fleet' as const, connections: 1, subscribe: true, warmConnections: 0, waitForGo: false, connectConcurrency: 1 };
  return runAlternating(context, spec, 1, (system) =>
    withSession(context, system, { maxConnections: 16, countBytes: true }, [{ workload }], async (server, [load]) => {
      if (load === undefined) throw new Error('no load generator');
      await load.next('ready', 10_000);
      await sleep(50);
      const before = await bytes(server);
      load.send({ kind: 'rpc', count: RPC_SAMPLES });
      await load.next('rpc-done', 10_000);
      const afterRpc = await bytes(server);
      for (let n = 1; n <= EVENT_SAMPLES; n++) await broadcastOnce(server, [load], n, 10_000);
      const afterEvents = await bytes(server);
      return {
        setupIn: before.bytesIn,
        setupOut: before.bytesOut,
        request: (afterRpc.bytesIn - before.bytesIn) / RPC_SAMPLES,
        response: (afterRpc.bytesOut - before.bytesOut) / RPC_SAMPLES,
        event: (afterEvents.bytesOut - afterRpc.bytesOut) / EVENT_SAMPLES,
      };
    }),
  );
}

async function bytes(server: Parameters<typeof broadcastOnce>[0]): Promise<{ bytesIn: number; bytesOut: number }> {
  server.send({ kind: 'bytes' });
  return server.next('bytes', 5000);
}
