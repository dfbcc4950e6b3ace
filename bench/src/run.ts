import type { BenchContext } from './harness/context';
import { RESULTS_SCHEMA_VERSION, medianOf, type BenchResults, type CaseResult, type MachineInfo, type ScenarioId, type SourceInfo } from './results';
import { evaluateTargets } from './report/targets';
import { runBroadcast } from './scenarios/broadcast';
import { runBundle } from './scenarios/bundle';
import { runFrameProbe } from './scenarios/frames';
import { runHandshake } from './scenarios/handshake';
import { runVersusWs } from './scenarios/versus-ws';
import { runMetricsOverhead } from './scenarios/metrics-overhead';
import { runCluster } from './scenarios/cluster';
import { runMemory } from './scenarios/memory';
import { runRpcLatency } from './scenarios/rpc-latency';
import { runRpcThroughput } from './scenarios/rpc-throughput';
import type { SystemName } from './systems/types';

/** Run the selected scenarios in order and assemble the results. */
export async function runBenchmarks(
  context: BenchContext,
  scenarios: readonly ScenarioId[],
  systems: readonly SystemName[],
  machine: MachineInfo,
  source: SourceInfo,
): Promise<BenchResults> {
  const startedAt = new Date();
  const cases: CaseResult[] = [];
  const selected = (id: ScenarioId): boolean => scenarios.includes(id);
  const step = (name: string): void => context.log(`\n# ${name}`);

  if (selected('frames')) {
    step('frame sizes');
    cases.push(await runFrameProbe(context, systems));
  }
  let throughput: CaseResult[] = [];
  if (selected('rpc-throughput')) {
    step('1. RPC throughput');
    throughput = await runRpcThroughput(context, systems);
    cases.push(...throughput);
  }
  if (selected('rpc-latency')) {
    step('2. RPC latency');
    if (throughput.length === 0) {
      context.log('  (calibrating the rate: single-connection throughput of Gatewire and raw ws, one round)');
      const calibrationSystems = systems.filter((system) => system === 'gatewire' || system === 'ws');
      const profile = { ...context.profile, rounds: 1, throughput: { ...context.profile.throughput, cases: context.profile.throughput.cases.slice(0, 1) } };
      throughput = await runRpcThroughput({ ...context, profile }, calibrationSystems.length > 0 ? calibrationSystems : systems);
    }
    const { rate, origin } = latencyRate(throughput[0], context.profile.latency.rateFraction);
    cases.push(await runRpcLatency(context, systems, rate, origin));
  }
  if (selected('broadcast')) {
    step('3. Broadcast fan-out');
    cases.push(...(await runBroadcast(context, systems)));
  }
  if (selected('memory')) {
    step('4. Memory per idle connection');
    cases.push(await runMemory(context, systems));
  }
  if (selected('handshake')) {
    step('5. Handshake rate');
    cases.push(...(await runHandshake(context, systems)));
  }
  if (selected('versus-ws') && systems.includes('gatewire') && systems.includes('ws')) {
    step('5b. Handshakes and broadcast, Gatewire ÷ raw ws in paired windows (issue 15 goals)');
    cases.push(...(await runVersusWs(context)));
  }
  if (selected('bundle')) {
    step('6. Browser client bundle');
    cases.push(await runBundle(context, systems));
  }
  if (selected('metrics-overhead') && systems.includes('gatewire')) {
    step('7. Prometheus metrics overhead (Gatewire, metrics on ÷ off)');
    cases.push(...(await runMetricsOverhead(context)));
  }
  if (selected('cluster') && systems.includes('gatewire')) {
    step('8. Cluster on Redis (Gatewire, issue 13)');
    cases.push(...(await runCluster(context)));
  }
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    profile: context.profile.name,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    machine,
    source,
    cases,
    targets: evaluateTargets(cases),
  };
}

/**
 * The fixed latency rate: a fraction of the lower single-connection peak of Gatewire and raw ws
 * (both measured in this run), so both can sustain it; the same rate is used for every system.
 */
export function latencyRate(singleConnection: CaseResult | undefined, fraction: number): { rate: number; origin: string } {
  const peaks = (['gatewire', 'ws'] as const)
    .map((system) => ({ system, peak: medianOf(singleConnection, system, 'requestsPerSec') }))
    .filter((entry) => Number.isFinite(entry.peak) && entry.peak > 0);
  if (peaks.length === 0) return { rate: 1000, origin: 'a default 1,000 requests/s (no single-connection peak was measured)' };
  const lowest = peaks.reduce((low, entry) => (entry.peak < low.peak ? entry : low));
  const described = peaks.map((entry) => `${entry.system} ${Math.round(entry.peak).toLocaleString('en-US')}/s`).join(', ');
  return { rate: lowest.peak * fraction, origin: `${fraction} × the lower single-connection peak measured in this run (${described})` };
}
