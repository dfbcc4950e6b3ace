import type { CaseSpec, MetricSpec } from '../results';

/** The case descriptions of the cluster scenario (issue 13): ids, metrics, notes with the goals. */

/** Issue 13: broadcast deliveries/s through 1 gateway on Redis ≥ this × the in-memory adapter. */
export const REDIS_BROADCAST_GOAL = 0.7;
/** Issue 13: cross-gateway round trip adds at most this over the same-gateway one, ms (p50). */
export const ADDED_P50_GOAL_MS = 1;

const perSecond = (key: string, label: string): MetricSpec => ({ key, label, unit: '/s', better: 'higher' });
const cpu = (key: string, label: string): MetricSpec => ({ key, label, unit: 'µs', better: 'lower' });
const milliseconds = (key: string, label: string): MetricSpec => ({ key, label, unit: 'ms', better: 'lower' });

const CPU_NOTE =
  'CPU/delivery of a gateway: CPU time (process.cpuUsage, user + system) of that gateway process from before the first measured event to after the last, ÷ (all clients of the cluster × events); redis-server\'s own CPU is not counted.';

/** 1 gateway: Redis adapter ÷ in-memory adapter; 2 or 3: deliveries/s and each process's CPU. */
export function clusterBroadcastSpec(clients: number, gateways: number): CaseSpec {
  const common = { scenario: 'cluster' as const, parameters: { clients, gateways }, systems: ['gatewire' as const] };
  if (gateways === 1) {
    return {
      ...common,
      id: `cluster-broadcast-${clients}-1-gateway`,
      title: `Cluster: broadcast to ${clients} clients through 1 gateway, Redis adapter ÷ in-memory adapter`,
      metrics: [
        { key: 'ratio', label: 'Redis ÷ in-memory', unit: '×', better: 'higher' },
        perSecond('memoryDeliveriesPerSec', 'in-memory deliveries/s'),
        perSecond('redisDeliveriesPerSec', 'Redis deliveries/s'),
        cpu('memoryCpuUsPerDelivery', 'in-memory gateway CPU/delivery'),
        cpu('redisCpuUsPerDelivery', 'Redis gateway CPU/delivery'),
      ],
      primaryMetric: 'ratio',
      notes: [
        `Goal: ≥ ${REDIS_BROADCAST_GOAL}× (issue 13). Each round measures both adapters on fresh gateways, in alternating order; the ratio is that round's Redis ÷ in-memory, the case reports medians.`,
        'deliveries/s = clients ÷ time from the publish call to the last client having the event (median over the measured events).',
        CPU_NOTE,
      ],
    };
  }
  return {
    ...common,
    id: `cluster-broadcast-${clients}-${gateways}-gateways`,
    title: `Cluster: broadcast to ${clients} clients through ${gateways} gateways on Redis`,
    metrics: [
      perSecond('deliveriesPerSec', 'deliveries/s'),
      milliseconds('lastDeliveryMs', 'last delivery'),
      ...Array.from({ length: gateways }, (_, index) => cpu(`gateway${index + 1}CpuUsPerDelivery`, `gateway ${index + 1} CPU/delivery`)),
    ],
    primaryMetric: 'deliveriesPerSec',
    notes: [
      `Each gateway is its own process with its share of the clients (one load generator each); events are published on gateway 1 and reach the others through Redis.`,
      'deliveries/s = all clients ÷ time from the publish call to the last client on any gateway having the event (median over the measured events).',
      CPU_NOTE,
    ],
  };
}

/** Same-gateway and other-gateway percentiles, and what crossing adds at p50. */
const crossingMetrics: readonly MetricSpec[] = [
  milliseconds('crossP50Ms', 'other gateway p50'),
  milliseconds('crossP99Ms', 'other gateway p99'),
  milliseconds('sameP50Ms', 'same gateway p50'),
  milliseconds('sameP99Ms', 'same gateway p99'),
  milliseconds('addedP50Ms', 'added p50'),
];

/** A two-gateway case that compares the other gateway with the same gateway. */
function crossingSpec(id: string, title: string, parameters: Readonly<Record<string, number>>, primaryMetric: string, notes: readonly string[]): CaseSpec {
  return { scenario: 'cluster', id, title, parameters: { gateways: 2, ...parameters }, metrics: crossingMetrics, primaryMetric, systems: ['gatewire'], notes };
}

/** Publish-to-deliver latency across two gateways, against the same-gateway delivery. */
export function clusterLatencySpec(events: number): CaseSpec {
  return crossingSpec('cluster-publish-latency', 'Cluster: publish-to-deliver latency across 2 gateways on Redis', { events }, 'crossP50Ms', [
    'One subscribed client on each gateway; events published on gateway 1 one at a time (the next after both clients have the previous one), after unmeasured warm-up events.',
    'Latency = from the publish call in gateway 1 to the arrival at the client (one CLOCK_MONOTONIC for every process of the machine); added p50 = other-gateway p50 − same-gateway p50.',
  ]);
}

/** `node.invoke` round trip from another gateway, against the call on the node's own gateway. */
export function clusterInvokeSpec(calls: number): CaseSpec {
  return crossingSpec('cluster-invoke-round-trip', "Cluster: node.invoke round trip, caller on the other gateway vs on the node's gateway (Redis)", { calls }, 'addedP50Ms', [
    `Goal: added p50 ≤ ${ADDED_P50_GOAL_MS} ms (issue 13). The node (role node, approved by an operator) and both callers run in the harness process; calls go one at a time, alternating same and other gateway, after unmeasured warm-up calls.`,
    'Round trip = from the request call to its response in the caller (the node echoes its params); added p50 = other-gateway p50 − same-gateway p50.',
  ]);
}
