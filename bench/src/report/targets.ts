import { medianOf, SUBJECT, type CaseResult, type TargetResult, type TargetStatus } from '../results';
import { ADDED_P50_GOAL_MS, REDIS_BROADCAST_GOAL } from '../scenarios/cluster-cases';
import { GOAL_RATIO as METRICS_ON_OFF_GOAL } from '../scenarios/metrics-overhead';
import { formatNumber, formatRatio } from './format';

/**
 * The open issues' performance goals, checked against a run's medians: issue 15 (Gatewire against
 * raw ws in the same run — the handshake and broadcast goals on the paired windows of the versus-ws
 * scenario —, the browser bundle), issue 13 (the Redis adapter) and issue 14 (metrics).
 * A goal whose scenario did not run is `n/a`, "not measured".
 */

type CaseList = readonly CaseResult[];

export const TARGET_THRESHOLDS = {
  /** Issue 15: RPC requests/s ÷ raw ws, at every size. */
  rpcVsWs: 1.0,
  /** Issue 15: broadcast deliveries/s ÷ raw ws, at every size. */
  broadcastVsWs: 1.0,
  /** Issue 15: p99 latency ÷ raw ws at the same rate (at most). */
  p99VsWs: 1.5,
  /** Issue 15: RSS per idle connection ÷ raw ws (at most). */
  memoryVsWs: 1.0,
  /** Issue 15: the browser client, kB (1,000 bytes) minified + gzipped (at most). */
  bundleKB: 12,
  /** Issue 15: handshakes/s ÷ raw ws with the shared token. */
  tokenHandshakeVsWs: 0.9,
  /** Issue 15: handshakes/s ÷ raw ws with the token and an Ed25519 device signature. */
  deviceHandshakeVsWs: 0.85,
  /** Issue 13: broadcast through 1 gateway, Redis adapter ÷ in-memory. */
  redisBroadcastVsMemory: REDIS_BROADCAST_GOAL,
  /** Issue 13: cross-gateway `node.invoke`, added p50 over the same-gateway call, ms (at most). */
  crossGatewayInvokeAddedP50Ms: ADDED_P50_GOAL_MS,
  /** Issue 14: RPC and broadcast with metrics on ÷ off. */
  metricsOnVsOff: METRICS_ON_OFF_GOAL,
} as const;

/** One case's verdict and what was measured in it. */
interface Check {
  readonly status: TargetStatus;
  readonly text: string;
}

/** A goal: the cases it is checked on, and the check of each case. */
interface TargetDefinition {
  readonly id: string;
  readonly description: string;
  readonly cases: (cases: CaseList) => CaseList;
  /** The case's label in the "measured" column. */
  readonly label: (entry: CaseResult) => string;
  readonly check: (entry: CaseResult) => Check;
}

const atLeast = (threshold: number) => (value: number) => value >= threshold;
const atMost = (threshold: number) => (value: number) => value <= threshold;

/** Gatewire ÷ raw ws on `metric` in the same case. */
function versusWs(metric: string, holds: (ratio: number) => boolean): (entry: CaseResult) => Check {
  return (entry) => verdict(medianOf(entry, SUBJECT, metric) / medianOf(entry, 'ws', metric), holds, (ratio) => `${formatRatio(ratio)} ws`);
}

/** The median per-pair Gatewire ÷ raw ws ratio of a paired-windows case (the versus-ws scenario). */
function pairedVersusWs(holds: (ratio: number) => boolean): (entry: CaseResult) => Check {
  return ownValue('ratio', holds, (ratio) => `${formatRatio(ratio)} ws`);
}

/** Gatewire's own median of `metric` (a ratio the scenario measured itself, a size, a duration). */
function ownValue(metric: string, holds: (value: number) => boolean, format: (value: number) => string): (entry: CaseResult) => Check {
  return (entry) => verdict(medianOf(entry, SUBJECT, metric), holds, format);
}

function verdict(value: number, holds: (value: number) => boolean, format: (value: number) => string): Check {
  if (!Number.isFinite(value)) return { status: 'n/a', text: '—' };
  return { status: holds(value) ? 'pass' : 'miss', text: format(value) };
}

const scenario = (name: CaseResult['scenario']) => (cases: CaseList) => cases.filter((entry) => entry.scenario === name);
const caseId = (id: string) => (cases: CaseList) => cases.filter((entry) => entry.id === id);
const withoutPrefix = (prefix: string) => (entry: CaseResult) => entry.id.replace(prefix, '');
const kilobytes = (value: number) => `${formatNumber(value)} kB`;
const milliseconds = (value: number) => `${formatNumber(value)} ms`;
const T = TARGET_THRESHOLDS;
/** A goal's factor as written in the issues: `1.0×`, `0.85×`. */
const times = (factor: number) => `${Number.isInteger(factor) ? factor.toFixed(1) : String(factor)}×`;

const TARGETS: readonly TargetDefinition[] = [
  {
    id: 'rpc-throughput',
    description: `RPC requests/s ≥ ${times(T.rpcVsWs)} raw ws at every size (issue 15)`,
    cases: scenario('rpc-throughput'),
    label: withoutPrefix('rpc-throughput-'),
    check: versusWs('requestsPerSec', atLeast(T.rpcVsWs)),
  },
  {
    id: 'broadcast',
    description: `Broadcast deliveries/s ≥ ${times(T.broadcastVsWs)} raw ws at every size (issue 15)`,
    cases: (cases) => scenario('versus-ws')(cases).filter((entry) => entry.id.startsWith('versus-ws-broadcast-')),
    label: (entry) => entry.id.replace('versus-ws-broadcast-', 'N='),
    check: pairedVersusWs(atLeast(T.broadcastVsWs)),
  },
  {
    id: 'rpc-latency',
    description: `p99 latency ≤ ${times(T.p99VsWs)} raw ws at the same rate (issue 15)`,
    cases: scenario('rpc-latency'),
    label: () => 'p99',
    check: versusWs('p99Ms', atMost(T.p99VsWs)),
  },
  {
    id: 'memory',
    description: `RSS per idle connection ≤ ${times(T.memoryVsWs)} raw ws (issue 15)`,
    cases: scenario('memory'),
    label: () => 'RSS/conn',
    check: versusWs('rssPerConnKiB', atMost(T.memoryVsWs)),
  },
  {
    id: 'bundle',
    description: `Browser client ≤ ${T.bundleKB} kB min+gz (issue 15)`,
    cases: scenario('bundle'),
    label: () => 'min+gz',
    check: ownValue('gzipKB', atMost(T.bundleKB), kilobytes),
  },
  {
    id: 'handshake-token',
    description: `Handshakes/s with the token ≥ ${times(T.tokenHandshakeVsWs)} raw ws (issue 15)`,
    cases: caseId('versus-ws-handshake-token'),
    label: () => 'token',
    check: pairedVersusWs(atLeast(T.tokenHandshakeVsWs)),
  },
  {
    id: 'handshake-device',
    description: `Handshakes/s with a device signature ≥ ${times(T.deviceHandshakeVsWs)} raw ws (issue 15)`,
    cases: caseId('versus-ws-handshake-device'),
    label: () => 'device',
    check: pairedVersusWs(atLeast(T.deviceHandshakeVsWs)),
  },
  {
    id: 'cluster-broadcast',
    description: `Broadcast through 1 gateway on Redis ≥ ${times(T.redisBroadcastVsMemory)} the in-memory adapter (issue 13)`,
    cases: (cases) => scenario('cluster')(cases).filter((entry) => entry.id.endsWith('-1-gateway')),
    label: (entry) => entry.id.replace('cluster-broadcast-', 'N=').replace('-1-gateway', ''),
    check: ownValue('ratio', atLeast(T.redisBroadcastVsMemory), (ratio) => `${formatRatio(ratio)} in-memory`),
  },
  {
    id: 'cluster-invoke',
    description: `Cross-gateway node.invoke adds ≤ ${T.crossGatewayInvokeAddedP50Ms} ms at p50 (issue 13)`,
    cases: caseId('cluster-invoke-round-trip'),
    label: () => 'added p50',
    check: ownValue('addedP50Ms', atMost(T.crossGatewayInvokeAddedP50Ms), milliseconds),
  },
  {
    id: 'metrics-overhead',
    description: `RPC and broadcast with metrics on ≥ ${times(T.metricsOnVsOff)} metrics off (issue 14)`,
    cases: scenario('metrics-overhead'),
    label: withoutPrefix('metrics-overhead-'),
    check: ownValue('ratio', atLeast(T.metricsOnVsOff), (ratio) => `${formatRatio(ratio)} metrics off`),
  },
];

/** Every goal's status: `pass` when each of its cases holds, `miss` when one does not, `n/a` when one (or all) is not measured. */
export function evaluateTargets(cases: CaseList): TargetResult[] {
  return TARGETS.map((target) => {
    const checks = target.cases(cases).map((entry) => ({ label: target.label(entry), ...target.check(entry) }));
    const statuses = checks.map((entry) => entry.status);
    const status: TargetStatus = statuses.length === 0 || statuses.includes('n/a') ? 'n/a' : statuses.includes('miss') ? 'miss' : 'pass';
    const measured = checks.length === 0 ? 'not measured' : checks.map((entry) => `${entry.label}: ${entry.text}`).join('; ');
    return { id: target.id, description: target.description, measured, status };
  });
}
