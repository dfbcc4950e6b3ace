import type { BenchContext } from '../harness/context';
import { broadcastWindow, rpcWindow, withPairedServers, type MeasureWindow, type PairedServer } from '../harness/paired-sessions';
import { measurePairs, type PairSide, type WindowPair } from '../harness/paired-windows';
import type { LoadSpec } from '../harness/processes';
import { summarizeCase, type CaseResult, type CaseSpec } from '../results';
import { median, percentileOfSorted } from '../stats';

/** The goal for Gatewire with Prometheus metrics on, as a fraction of metrics off. */
export const GOAL_RATIO = 0.95;

interface OverheadCase {
  readonly id: string;
  readonly title: string;
  readonly parameters: Record<string, number>;
  readonly unit: string;
  readonly maxConnections: number;
  readonly loads: readonly LoadSpec[];
  /** Measures the unmeasured warm-up of one side, run on both servers before the first pair. */
  readonly warmUp: (sides: Record<PairSide, PairedServer>) => MeasureWindow;
  readonly window: (sides: Record<PairSide, PairedServer>) => MeasureWindow;
}

/**
 * The cost of Prometheus metrics (issue 14): Gatewire with metrics on (scraped once a second)
 * against metrics off, in the RPC throughput and broadcast cases. Both servers stay up for the
 * whole case, each with its own load generators, and are measured in short windows, pair after pair
 * (order alternating); the ratio is throughput on ÷ off of each pair, and the case reports the
 * median pair with the spread of the pairs. The server's CPU time per request or delivery, on ÷
 * off, is reported beside it.
 */
export async function runMetricsOverhead(context: BenchContext): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const entry of overheadCases(context)) {
    const spec: CaseSpec = {
      scenario: 'metrics-overhead',
      id: entry.id,
      title: entry.title,
      parameters: entry.parameters,
      metrics: [
        { key: 'ratio', label: 'on ÷ off', unit: '×', better: 'higher' },
        { key: 'metricsOff', label: 'metrics off', unit: entry.unit, better: 'higher' },
        { key: 'metricsOn', label: 'metrics on', unit: entry.unit, better: 'higher' },
        { key: 'serverCpuRatio', label: 'server CPU on ÷ off', unit: '×', better: 'lower' },
      ],
      primaryMetric: 'ratio',
      systems: ['gatewire'],
      notes: [
        `Goal: ≥ ${GOAL_RATIO}× (issue 14). Metrics on = \`metrics: true\` and a scrape of the registry every second.`,
        'Two servers (metrics on, metrics off) stay up for the whole case, each with its own load generators; they are measured one window at a time, pair after pair, the order alternating; the idle server sends nothing. Each value is the median over the pairs; on ÷ off is the median of the per-pair ratios.',
      ],
    };
    const { pairs } = context.profile.metricsOverhead;
    let measured: Array<WindowPair | undefined> = [];
    const errors: string[] = [];
    try {
      measured = await withPairedServers(context, entry.maxConnections, entry.loads, async (sides) => {
        const warmUp = entry.warmUp(sides);
        for (const side of ['on', 'off'] as const) await warmUp(side);
        return measurePairs(context, entry.id, pairs, entry.window(sides));
      });
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
      context.log(`  ! ${entry.id}: ${errors.at(-1)}`);
    }
    const done = measured.filter((pair): pair is WindowPair => pair !== undefined);
    if (done.length < measured.length) errors.push(`${measured.length - done.length} of ${measured.length} pairs failed`);
    const samples = {
      ratio: done.map((pair) => (pair.on.perSecond ?? Number.NaN) / (pair.off.perSecond ?? Number.NaN)),
      metricsOff: done.map((pair) => pair.off.perSecond ?? Number.NaN),
      metricsOn: done.map((pair) => pair.on.perSecond ?? Number.NaN),
      serverCpuRatio: done.map((pair) => (pair.on.serverCpuUs ?? Number.NaN) / (pair.off.serverCpuUs ?? Number.NaN)),
    };
    const withSpread = { ...spec, notes: [...spec.notes, `${done.length} pairs. Per pair, on ÷ off: ${spread(samples.ratio)}; server CPU on ÷ off: ${spread(samples.serverCpuRatio)}.`] };
    results.push(summarizeCase(withSpread, done.length, { gatewire: samples }, errors.length === 0 ? {} : { gatewire: errors }));
  }
  return results;
}

function overheadCases(context: BenchContext): OverheadCase[] {
  const { throughput, broadcast, metricsOverhead, connectConcurrency } = context.profile;
  const cases: OverheadCase[] = [];
  const rpc = throughput.cases.at(-1);
  if (rpc !== undefined) {
    cases.push({
      id: `metrics-overhead-rpc-${rpc.connections}x${rpc.inflight}`,
      title: `Metrics on ÷ off: RPC throughput, ${rpc.connections} connections × ${rpc.inflight} in flight`,
      parameters: { ...rpc, pairs: metricsOverhead.pairs, windowMs: metricsOverhead.windowMs },
      unit: 'req/s',
      maxConnections: rpc.connections + 16,
      loads: [{ workload: { kind: 'throughput-windows', ...rpc } }],
      warmUp: (sides) => rpcWindow(sides, metricsOverhead.warmupMs, metricsOverhead.windowWarmupMs),
      window: (sides) => rpcWindow(sides, metricsOverhead.windowWarmupMs, metricsOverhead.windowMs),
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
      maxConnections: clients + 64,
      loads: [{ workload: fleet }],
      warmUp: (sides) => broadcastWindow(sides, clients, broadcast.warmupEvents, nextEvent),
      window: (sides) => broadcastWindow(sides, clients, metricsOverhead.eventsPerWindow, nextEvent),
    });
  }
  return cases;
}

/** "min a, p25 b, median c, p75 d, max e" of the finite values (the median as the case reports it). */
function spread(values: readonly number[]): string {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((left, right) => left - right);
  const at = (p: number) => percentileOfSorted(sorted, p).toFixed(3);
  return `min ${at(0)}, p25 ${at(25)}, median ${median(sorted).toFixed(3)}, p75 ${at(75)}, max ${at(100)}`;
}
