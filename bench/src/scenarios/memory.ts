import { runAlternating } from '../harness/alternate';
import type { BenchContext } from '../harness/context';
import type { MemorySample } from '../harness/messages';
import { withSession, type LoadSpec, type ServerChild } from '../harness/processes';
import type { CaseResult } from '../results';
import { sleep } from '../sleep';
import type { SystemName } from '../systems/types';

const WARM_CONNECTIONS = 20;
const SETTLE_MS = 200;

/**
 * Scenario 4: server memory per idle authenticated connection. The server child runs with
 * `--expose-gc`; it is sampled after a few full GCs with 0 connections (after a warm-up that opened
 * and closed a few, so lazily loaded code is not counted) and again with N idle connections.
 */
export async function runMemory(context: BenchContext, systems: readonly SystemName[]): Promise<CaseResult> {
  const { memory, connectConcurrency } = context.profile;
  const connections = memory.connections;
  const generators = connections >= memory.twoLoadGeneratorsFrom ? 2 : 1;
  const spec = {
    scenario: 'memory' as const,
    id: `memory-${connections}`,
    title: `Memory per idle authenticated connection (${connections} connections)`,
    parameters: { connections, loadGenerators: generators, warmConnections: WARM_CONNECTIONS },
    metrics: [
      { key: 'rssPerConnKiB', label: 'RSS/conn', unit: 'KiB', better: 'lower' as const },
      { key: 'heapPerConnKiB', label: 'heap/conn', unit: 'KiB', better: 'lower' as const },
      { key: 'externalPerConnKiB', label: 'external/conn', unit: 'KiB', better: 'lower' as const },
    ],
    primaryMetric: 'rssPerConnKiB',
    systems,
    notes: ['(sample with N connections − sample with 0 connections) ÷ N, both after GC, in the server process. Idle: no subscriptions, no traffic.'],
  };
  const loadSpecs: LoadSpec[] = Array.from({ length: generators }, (_, index) => ({
    label: `load${index + 1}`,
    workload: {
      kind: 'fleet' as const,
      connections: Math.floor(connections / generators) + (index < connections % generators ? 1 : 0),
      subscribe: false,
      warmConnections: index === 0 ? WARM_CONNECTIONS : 0,
      waitForGo: true,
      connectConcurrency,
    },
  }));
  return runAlternating(context, spec, context.profile.rounds, (system) =>
    withSession(context, system, { maxConnections: connections + 64 }, loadSpecs, async (server, loads) => {
      for (const load of loads) await load.next('warmed', 60_000);
      await sleep(SETTLE_MS);
      const empty = await sample(server);
      for (const load of loads) load.send({ kind: 'go' });
      for (const load of loads) await load.next('ready', 300_000);
      await sleep(SETTLE_MS);
      const full = await sample(server);
      const perConnectionKiB = (key: keyof MemorySample): number => (full[key] - empty[key]) / connections / 1024;
      return {
        rssPerConnKiB: perConnectionKiB('rss'),
        heapPerConnKiB: perConnectionKiB('heapUsed'),
        externalPerConnKiB: perConnectionKiB('external'),
      };
    }),
  );
}

async function sample(server: ServerChild): Promise<MemorySample> {
  server.send({ kind: 'memory' });
  return (await server.next('memory', 30_000)).sample;
}
