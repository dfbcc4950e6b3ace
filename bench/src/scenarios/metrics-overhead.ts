import type { BenchContext } from '../harness/context';
import { runPairedCases, type PairedCase, type PairedScenario } from '../harness/paired-case';
import { broadcastWindow, operationWindow, type PairedSessionSpec } from '../harness/paired-sessions';
import type { LoadSpec } from '../harness/processes';
import type { CaseResult } from '../results';

/** The goal for Gatewire with Prometheus metrics on, as a fraction of metrics off. */
export const GOAL_RATIO = 0.95;

/** The two Gatewire servers of a case: metrics on and metrics off. */
type MetricsSide = 'on' | 'off';

const NOTES = [
  `Goal: ≥ ${GOAL_RATIO}× (issue 14). Metrics on = \`metrics: true\` and a scrape of the registry every second.`,
  'Two servers (metrics on, metrics off) stay up for the whole case, each with its own load generators; they are measured one window at a time, pair after pair, the order alternating; the idle server sends nothing. Each value is the median over the pairs; on ÷ off is the median of the per-pair ratios.',
];

/**
 * The cost of Prometheus metrics (issue 14): Gatewire with metrics on (scraped once a second)
 * against metrics off, in the RPC throughput and broadcast cases, measured in paired windows
 * (`runPairedCases`); the ratio is throughput on ÷ off of each pair, and the server's CPU time per
 * request or delivery, on ÷ off, is reported beside it.
 */
export function runMetricsOverhead(context: BenchContext): Promise<CaseResult[]> {
  const scenario: PairedScenario<MetricsSide> = {
    scenario: 'metrics-overhead',
    sides: ['off', 'on'],
    columns: { off: { key: 'metricsOff', label: 'metrics off' }, on: { key: 'metricsOn', label: 'metrics on' } },
    ratioLabel: 'on ÷ off',
    clientCpu: false,
    pairs: context.profile.metricsOverhead.pairs,
  };
  return runPairedCases(context, scenario, overheadCases(context));
}

/** Both sides: a Gatewire server with metrics on or off, and the same loads. */
function sessions(maxConnections: number, loads: readonly LoadSpec[]): Record<MetricsSide, PairedSessionSpec> {
  const side = (metrics: boolean): PairedSessionSpec => ({ system: 'gatewire', server: { maxConnections, metrics }, loads });
  return { on: side(true), off: side(false) };
}

function overheadCases(context: BenchContext): Array<PairedCase<MetricsSide>> {
  const { throughput, broadcast, metricsOverhead, connectConcurrency } = context.profile;
  const cases: Array<PairedCase<MetricsSide>> = [];
  const rpc = throughput.cases.at(-1);
  if (rpc !== undefined) {
    cases.push({
      id: `metrics-overhead-rpc-${rpc.connections}x${rpc.inflight}`,
      title: `Metrics on ÷ off: RPC throughput, ${rpc.connections} connections × ${rpc.inflight} in flight`,
      parameters: { ...rpc, pairs: metricsOverhead.pairs, windowMs: metricsOverhead.windowMs },
      unit: 'req/s',
      sessions: sessions(rpc.connections + 16, [{ workload: { kind: 'throughput-windows', ...rpc } }]),
      warmUp: (sides) => operationWindow(sides, metricsOverhead.warmupMs, metricsOverhead.windowWarmupMs),
      window: (sides) => operationWindow(sides, metricsOverhead.windowWarmupMs, metricsOverhead.windowMs),
      notes: NOTES,
    });
  }
  const clients = broadcast.clientCounts[0];
  if (clients !== undefined) {
    const nextEvent = { on: 0, off: 0 };
    const fleet = { kind: 'fleet' as const, connections: clients, subscribe: true, warmConnections: 0, waitForGo: false, connectConcurrency };
    cases.push({
      id: `metrics-overhead-broadcast-${clients}`,
      title: `Metrics on ÷ off: broadcast fan-out to ${clients} clients`,
      parameters: { clients, pairs: metricsOverhead.pairs, eventsPerWindow: metricsOverhead.eventsPerWindow },
      unit: '/s',
      sessions: sessions(clients + 64, [{ workload: fleet }]),
      warmUp: (sides) => broadcastWindow(sides, clients, broadcast.warmupEvents, nextEvent),
      window: (sides) => broadcastWindow(sides, clients, metricsOverhead.eventsPerWindow, nextEvent),
      notes: NOTES,
    });
  }
  return cases;
}
