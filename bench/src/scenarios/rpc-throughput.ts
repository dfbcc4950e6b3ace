import { runAlternating } from '../harness/alternate';
import type { BenchContext } from '../harness/context';
import { runFiniteSession } from '../harness/processes';
import type { CaseResult } from '../results';
import { perSecond } from '../stats';
import type { SystemName } from '../systems/types';

/** Scenario 1: requests per second, closed loop, C connections × D requests in flight. */
export async function runRpcThroughput(context: BenchContext, systems: readonly SystemName[]): Promise<CaseResult[]> {
  const { throughput } = context.profile;
  const results: CaseResult[] = [];
  for (const { connections, inflight } of throughput.cases) {
    const spec = {
      scenario: 'rpc-throughput' as const,
      id: `rpc-throughput-${connections}x${inflight}`,
      title: `RPC throughput, ${connections} connection${connections === 1 ? '' : 's'} × ${inflight} in flight`,
      parameters: { connections, inflight, warmupMs: throughput.warmupMs, durationMs: throughput.durationMs },
      metrics: [
        { key: 'requestsPerSec', label: 'requests/s', unit: 'req/s', better: 'higher' as const },
        { key: 'errors', label: 'errors', unit: '', better: 'lower' as const },
      ],
      primaryMetric: 'requestsPerSec',
      systems,
      notes: ['Small params and result: `add({a: 1, b: 2}) → {sum: 3}`.'],
    };
    results.push(
      await runAlternating(context, spec, context.profile.rounds, async (system) => {
        const workload = { kind: 'throughput' as const, connections, inflight, warmupMs: throughput.warmupMs, durationMs: throughput.durationMs };
        const result = await runFiniteSession(context, system, { maxConnections: connections + 16 }, workload, throughput.warmupMs + throughput.durationMs + 30_000);
        if (result.kind !== 'throughput') throw new Error(`unexpected result ${result.kind}`);
        return { requestsPerSec: perSecond(result.completed, result.elapsedMs), errors: result.errors };
      }),
    );
  }
  return results;
}
