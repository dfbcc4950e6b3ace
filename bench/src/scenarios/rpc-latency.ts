import { runAlternating } from '../harness/alternate';
import type { BenchContext } from '../harness/context';
import { runFiniteSession } from '../harness/processes';
import type { CaseResult } from '../results';
import type { SystemName } from '../systems/types';

/**
 * Scenario 2: latency percentiles at one fixed rate for every system (open loop, so a system that
 * cannot keep up shows it in its tail instead of slowing the sender down).
 */
export async function runRpcLatency(context: BenchContext, systems: readonly SystemName[], ratePerSec: number, rateOrigin: string): Promise<CaseResult> {
  const { latency } = context.profile;
  const rate = Math.max(10, Math.round(ratePerSec));
  const spec = {
    scenario: 'rpc-latency' as const,
    id: 'rpc-latency',
    title: `RPC latency at a fixed ${rate} requests/s`,
    parameters: { connections: latency.connections, ratePerSec: rate, warmupMs: latency.warmupMs, durationMs: latency.durationMs },
    metrics: [
      { key: 'p50Ms', label: 'p50', unit: 'ms', better: 'lower' as const },
      { key: 'p99Ms', label: 'p99', unit: 'ms', better: 'lower' as const },
      { key: 'p999Ms', label: 'p99.9', unit: 'ms', better: 'lower' as const },
      { key: 'unanswered', label: 'unanswered', unit: '', better: 'lower' as const },
      { key: 'failed', label: 'errors', unit: '', better: 'lower' as const },
    ],
    primaryMetric: 'p99Ms',
    systems,
    notes: [
      `Rate = ${rateOrigin}. The same rate for every system: one whose own peak is below it queues, and its percentiles show that.`,
      'Open loop: a 1 ms pacer sends every request that is due; latency runs from send to answer. Requests still unanswered at the drain deadline count at that deadline; requests answered with an error count as infinitely slow.',
    ],
  };
  const workload = { kind: 'latency' as const, connections: latency.connections, ratePerSec: rate, warmupMs: latency.warmupMs, durationMs: latency.durationMs, drainMs: latency.drainMs };
  const timeoutMs = latency.warmupMs + latency.durationMs + latency.drainMs + 30_000;
  return runAlternating(context, spec, context.profile.rounds, async (system) => {
    const result = await runFiniteSession(context, system, { maxConnections: latency.connections + 16 }, workload, timeoutMs);
    if (result.kind !== 'latency') throw new Error(`unexpected result ${result.kind}`);
    return { p50Ms: result.p50Ms, p99Ms: result.p99Ms, p999Ms: result.p999Ms, unanswered: result.unanswered, failed: result.failed };
  });
}
