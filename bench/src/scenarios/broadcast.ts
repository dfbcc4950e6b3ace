import { runAlternating } from '../harness/alternate';
import { broadcastOnce } from '../harness/broadcast-once';
import type { BenchContext } from '../harness/context';
import { withSession, type LoadSpec } from '../harness/processes';
import type { CaseResult } from '../results';
import { median } from '../stats';
import type { SystemName } from '../systems/types';

/** Scenario 3: one event to N connected, authenticated, subscribed clients. */
export async function runBroadcast(context: BenchContext, systems: readonly SystemName[]): Promise<CaseResult[]> {
  const { broadcast } = context.profile;
  const results: CaseResult[] = [];
  for (const clients of broadcast.clientCounts) {
    const generators = clients >= broadcast.twoLoadGeneratorsFrom ? 2 : 1;
    const spec = {
      scenario: 'broadcast' as const,
      id: `broadcast-${clients}`,
      title: `Broadcast fan-out to ${clients} clients`,
      parameters: { clients, loadGenerators: generators, warmupEvents: broadcast.warmupEvents, eventsPerMeasurement: broadcast.events },
      metrics: [
        { key: 'deliveriesPerSec', label: 'deliveries/s', unit: '/s', better: 'higher' as const },
        { key: 'lastDeliveryMs', label: 'last delivery', unit: 'ms', better: 'lower' as const },
        { key: 'serverCpuUsPerDelivery', label: 'server CPU/delivery', unit: 'µs', better: 'lower' as const },
        { key: 'clientCpuUsPerDelivery', label: 'client CPU/delivery', unit: 'µs', better: 'lower' as const },
      ],
      primaryMetric: 'deliveriesPerSec',
      systems,
      notes: [
        `Each measurement: ${broadcast.warmupEvents} unmeasured warm-up event(s), then events one at a time; the value is the median over them. The first broadcasts after the handshakes run code the JIT has not optimized yet, on both sides; with 1 warm-up event the 1,000-client ratio moved between 0.70× and 1.16× raw ws from run to run (bench/profiling-notes.md).`,
        'last delivery = time from the server call to the moment the last client has the event; deliveries/s = clients ÷ that time.',
        'CPU/delivery: CPU time of the server from the broadcast call until the last client has the event, and of the load generators from one event to the next, ÷ clients.',
      ],
    };
    results.push(await runAlternating(context, spec, context.profile.rounds, (system) => measureBroadcast(context, system, clients)));
  }
  return results;
}

/** One fan-out measurement of `system` to `clients` clients (a fresh server; `metrics` turns Gatewire's metrics on). */
export function measureBroadcast(context: BenchContext, system: SystemName, clients: number, metrics = false): Promise<Record<string, number>> {
  const { broadcast, connectConcurrency } = context.profile;
  const generators = clients >= broadcast.twoLoadGeneratorsFrom ? 2 : 1;
  return withSession(context, system, { maxConnections: clients + 64, metrics }, fleetLoads(clients, generators, connectConcurrency), async (server, loads) => {
    for (const load of loads) await load.next('ready', 120_000);
    let previous = await broadcastOnce(server, loads, 0, 30_000);
    for (let n = 1; n < broadcast.warmupEvents; n++) previous = await broadcastOnce(server, loads, n, 30_000);
    const times: number[] = [];
    const serverCpu: number[] = [];
    const clientCpu: number[] = [];
    for (let n = broadcast.warmupEvents; n < broadcast.warmupEvents + broadcast.events; n++) {
      const timing = await broadcastOnce(server, loads, n, 30_000);
      times.push(timing.lastDeliveryMs);
      serverCpu.push(timing.serverCpuUs / clients);
      clientCpu.push(timing.loadCpuUs.reduce((sum, cpuUs, index) => sum + cpuUs - (previous.loadCpuUs[index] ?? cpuUs), 0) / clients);
      previous = timing;
    }
    const lastDeliveryMs = median(times);
    return {
      deliveriesPerSec: (clients * 1000) / lastDeliveryMs,
      lastDeliveryMs,
      serverCpuUsPerDelivery: median(serverCpu),
      clientCpuUsPerDelivery: median(clientCpu),
    };
  });
}

/** `clients` subscribed connections split over `generators` load generators. */
export function fleetLoads(clients: number, generators: number, connectConcurrency: number): LoadSpec[] {
  return Array.from({ length: generators }, (_, index) => ({
    label: `load${index + 1}`,
    workload: {
      kind: 'fleet' as const,
      connections: Math.floor(clients / generators) + (index < clients % generators ? 1 : 0),
      subscribe: true,
      warmConnections: 0,
      waitForGo: false,
      connectConcurrency,
    },
  }));
}
