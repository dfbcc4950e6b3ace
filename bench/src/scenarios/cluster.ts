import { randomUUID } from 'node:crypto';
import { runAlternating } from '../harness/alternate';
import { gatewayCpuUs, publishAcross, withCluster, type ClusterSession } from '../harness/cluster-session';
import type { BenchContext } from '../harness/context';
import type { RedisAdapterTarget } from '../harness/messages';
import { measureInvokeRoundTrips } from '../harness/invoke-round-trips';
import { startBenchRedis } from '../harness/redis-server';
import type { CaseResult } from '../results';
import { median, summarizeLatencies } from '../stats';
import { clusterBroadcastSpec, clusterInvokeSpec, clusterLatencySpec } from './cluster-cases';

const EVENT_TIMEOUT_MS = 30_000;

/**
 * Issue 13's performance section: Gatewire on the Redis adapter. A real `redis-server` is started
 * on a free port for the scenario and stopped after it; without one the scenario is skipped.
 */
export async function runCluster(context: BenchContext): Promise<CaseResult[]> {
  const redis = await startBenchRedis();
  if (redis === undefined) {
    context.log('  skipped: redis-server is not installed (on PATH); install it (.ci/system-deps does) to measure the cluster scenario');
    return [];
  }
  const target = (): RedisAdapterTarget => ({ url: redis.url, cluster: `bench-${randomUUID().slice(0, 8)}` });
  try {
    const results: CaseResult[] = [];
    const { clients } = context.profile.cluster;
    const oneGateway = clusterBroadcastSpec(clients, 1);
    results.push(
      await runAlternating(context, oneGateway, context.profile.rounds, async (_system, round) => {
        const memoryFirst = round % 2 === 1;
        const first = await measureFanOut(context, clients, 1, memoryFirst ? undefined : target());
        const second = await measureFanOut(context, clients, 1, memoryFirst ? target() : undefined);
        const [memory, onRedis] = memoryFirst ? [first, second] : [second, first];
        const memoryDeliveriesPerSec = memory['deliveriesPerSec'] ?? Number.NaN;
        const redisDeliveriesPerSec = onRedis['deliveriesPerSec'] ?? Number.NaN;
        return {
          ratio: redisDeliveriesPerSec / memoryDeliveriesPerSec,
          memoryDeliveriesPerSec,
          redisDeliveriesPerSec,
          memoryCpuUsPerDelivery: memory['gateway1CpuUsPerDelivery'] ?? Number.NaN,
          redisCpuUsPerDelivery: onRedis['gateway1CpuUsPerDelivery'] ?? Number.NaN,
        };
      }),
    );
    for (const gateways of [2, 3]) {
      const spec = clusterBroadcastSpec(clients, gateways);
      results.push(await runAlternating(context, spec, context.profile.rounds, () => measureFanOut(context, clients, gateways, target())));
    }
    // The two crossing cases share one pair of gateways with one subscribed client each: a session
    // costs four child processes, and neither case leaves state the other reads.
    const { latencyEvents } = context.profile.cluster;
    await withCluster(context, { redis: target(), clientsPerGateway: [1, 1] }, async (session) => {
      results.push(await runAlternating(context, clusterLatencySpec(latencyEvents), context.profile.rounds, (_system, round) => measureLatency(context, session, round)));
      results.push(await runAlternating(context, clusterInvokeSpec(latencyEvents), context.profile.rounds, () => measureInvoke(context, session)));
    });
    return results;
  } finally {
    await redis.stop();
  }
}

/**
 * Publish on gateway 1 to `clients` subscribed clients spread evenly over `gateways` gateways (the
 * broadcast profile's warm-up and measured event counts, one event at a time). deliveries/s =
 * clients ÷ time to the last delivery on any gateway; CPU of each gateway process over the
 * measured events ÷ their deliveries.
 */
async function measureFanOut(context: BenchContext, clients: number, gateways: number, redis: RedisAdapterTarget | undefined): Promise<Record<string, number>> {
  const { warmupEvents, events } = context.profile.broadcast;
  const clientsPerGateway = Array.from({ length: gateways }, (_, index) => Math.floor(clients / gateways) + (index < clients % gateways ? 1 : 0));
  return withCluster(context, { redis, clientsPerGateway }, async (session) => {
    for (let n = 0; n < warmupEvents; n++) await publishAcross(session, n, EVENT_TIMEOUT_MS);
    const cpuBefore = await gatewayCpuUs(session, EVENT_TIMEOUT_MS);
    const times: number[] = [];
    for (let n = warmupEvents; n < warmupEvents + events; n++) times.push(Math.max(...(await publishAcross(session, n, EVENT_TIMEOUT_MS))));
    const cpuAfter = await gatewayCpuUs(session, EVENT_TIMEOUT_MS);
    const lastDeliveryMs = median(times);
    const values: Record<string, number> = { deliveriesPerSec: (clients * 1000) / lastDeliveryMs, lastDeliveryMs };
    for (const [index, after] of cpuAfter.entries()) values[`gateway${index + 1}CpuUsPerDelivery`] = (after - (cpuBefore[index] ?? after)) / (clients * events);
    return values;
  });
}

/**
 * Two gateways on Redis, one subscribed client on each; events published on gateway 1 one at a
 * time. Publish-to-deliver = from the publish call to the delivery on the client; the same-gateway
 * figure is the in-process path the cross-gateway one adds Redis to. Round `round` (1, 2, …) of a
 * session numbers its events after the previous rounds' (a load generator reports each `n` once).
 */
async function measureLatency(context: BenchContext, session: ClusterSession, round: number): Promise<Record<string, number>> {
  const { latencyEvents } = context.profile.cluster;
  const warmupEvents = Math.max(context.profile.broadcast.warmupEvents, Math.ceil(latencyEvents / 10));
  const first = (round - 1) * (warmupEvents + latencyEvents);
  for (let n = first; n < first + warmupEvents; n++) await publishAcross(session, n, EVENT_TIMEOUT_MS);
  const same: number[] = [];
  const cross: number[] = [];
  for (let n = first + warmupEvents; n < first + warmupEvents + latencyEvents; n++) {
    const [local = Number.NaN, remote = Number.NaN] = await publishAcross(session, n, EVENT_TIMEOUT_MS);
    same.push(local);
    cross.push(remote);
  }
  return crossingFigures(same, cross);
}

/**
 * `node.invoke` from a caller on the node's gateway and from one on the other gateway (two
 * gateways on Redis; a fresh node and both callers run in the harness process).
 */
async function measureInvoke(context: BenchContext, session: ClusterSession): Promise<Record<string, number>> {
  const { latencyEvents } = context.profile.cluster;
  const [nodePort = 0, otherPort = 0] = session.ports;
  const trips = await measureInvokeRoundTrips(nodePort, otherPort, Math.ceil(latencyEvents / 10), latencyEvents);
  return crossingFigures(trips.sameGatewayMs, trips.crossGatewayMs);
}

/** Same-gateway and other-gateway percentiles, ms, and what crossing adds at p50. */
function crossingFigures(sameMs: readonly number[], crossMs: readonly number[]): Record<string, number> {
  const same = summarizeLatencies(sameMs);
  const cross = summarizeLatencies(crossMs);
  return { crossP50Ms: cross.p50, crossP99Ms: cross.p99, sameP50Ms: same.p50, sameP99Ms: same.p99, addedP50Ms: cross.p50 - same.p50 };
}
