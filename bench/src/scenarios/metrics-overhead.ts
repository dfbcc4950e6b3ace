import { runAlternating } from '../harness/alternate';
import type { BenchContext } from '../harness/context';
import type { CaseResult } from '../results';
import { measureBroadcast } from './broadcast';
import { measureThroughput } from './rpc-throughput';

/** The goal for Gatewire with Prometheus metrics on, as a fraction of metrics off. */
export const GOAL_RATIO = 0.95;

/**
 * The cost of Prometheus metrics (issue 14): Gatewire with metrics on (scraped once a second)
 * against metrics off, in the RPC throughput and broadcast cases. Each round measures both, in
 * alternating order (off first in odd rounds), on fresh servers; the ratio is on ÷ off of that
 * round, and the case reports the medians.
 */
export async function runMetricsOverhead(context: BenchContext): Promise<CaseResult[]> {
  const { throughput, broadcast } = context.profile;
  const rpc = throughput.cases.at(-1);
  const clients = broadcast.clientCounts[0];
  const cases: Array<{ id: string; title: string; parameters: Record<string, number>; unit: string; key: string; measure: (metrics: boolean) => Promise<Record<string, number>> }> = [];
  if (rpc !== undefined) {
    cases.push({
      id: `metrics-overhead-rpc-${rpc.connections}x${rpc.inflight}`,
      title: `Metrics on ÷ off: RPC throughput, ${rpc.connections} connections × ${rpc.inflight} in flight`,
      parameters: { ...rpc },
      unit: 'req/s',
      key: 'requestsPerSec',
      measure: (metrics) => measureThroughput(context, 'gatewire', rpc, metrics),
    });
  }
  if (clients !== undefined) {
    cases.push({
      id: `metrics-overhead-broadcast-${clients}`,
      title: `Metrics on ÷ off: broadcast fan-out to ${clients} clients`,
      parameters: { clients },
      unit: '/s',
      key: 'deliveriesPerSec',
      measure: (metrics) => measureBroadcast(context, 'gatewire', clients, metrics),
    });
  }
  const results: CaseResult[] = [];
  for (const entry of cases) {
    const spec = {
      scenario: 'metrics-overhead' as const,
      id: entry.id,
      title: entry.title,
      parameters: entry.parameters,
      metrics: [
        { key: 'ratio', label: 'on ÷ off', unit: '×', better: 'higher' as const },
        { key: 'metricsOff', label: 'metrics off', unit: entry.unit, better: 'higher' as const },
        { key: 'metricsOn', label: 'metrics on', unit: entry.unit, better: 'higher' as const },
      ],
      primaryMetric: 'ratio',
      systems: ['gatewire' as const],
      notes: [`Goal: ≥ ${GOAL_RATIO}× (issue 14). Metrics on = \`metrics: true\` and a scrape of the registry every second.`],
    };
    results.push(
      await runAlternating(context, spec, context.profile.rounds, async (_system, round) => {
        const offFirst = round % 2 === 1;
        const first = await entry.measure(!offFirst);
        const second = await entry.measure(offFirst);
        const [off, on] = offFirst ? [first, second] : [second, first];
        const metricsOff = off[entry.key] ?? Number.NaN;
        const metricsOn = on[entry.key] ?? Number.NaN;
        return { ratio: metricsOn / metricsOff, metricsOff, metricsOn };
      }),
    );
  }
  return results;
}
