import { medianOf, SUBJECT, type CaseResult, type TargetResult, type TargetStatus } from '../results';
import type { SystemName } from '../systems/types';
import { formatNumber, formatRatio } from './format';

/** The targets, checked against a run's medians (by reading the report, never in a unit test). */

type CaseList = readonly CaseResult[];

export const TARGET_THRESHOLDS = {
  throughputVsWs: 0.8,
  p99VsWs: 1.5,
  broadcastVsWs: 0.8,
  memoryVsWs: 1.3,
  bundleKB: 15,
} as const;

export function evaluateTargets(cases: CaseList): TargetResult[] {
  return [throughputTarget(cases), latencyTarget(cases), broadcastTarget(cases), memoryTarget(cases), bundleTarget(cases)];
}

function byScenario(cases: CaseList, scenario: CaseResult['scenario']): CaseList {
  return cases.filter((entry) => entry.scenario === scenario);
}

/** Gatewire's ratio to `baseline` on `metric`, with pass when `holds(ratio)`; n/a when either is missing. */
function check(entry: CaseResult, metric: string, baseline: SystemName, holds: (ratio: number) => boolean): { status: TargetStatus; text: string } {
  const ratio = medianOf(entry, SUBJECT, metric) / medianOf(entry, baseline, metric);
  if (!Number.isFinite(ratio)) return { status: 'n/a', text: `${baseline} —` };
  return { status: holds(ratio) ? 'pass' : 'miss', text: `${formatRatio(ratio)} ${baseline}` };
}

function combine(id: string, description: string, checks: readonly { status: TargetStatus; text: string; label: string }[]): TargetResult {
  const statuses = checks.map((entry) => entry.status);
  const status: TargetStatus = statuses.length === 0 || statuses.includes('n/a') ? 'n/a' : statuses.includes('miss') ? 'miss' : 'pass';
  const measured = checks.map((entry) => `${entry.label}: ${entry.text}`).join('; ');
  return { id, description, measured: measured === '' ? 'not measured' : measured, status };
}

function throughputTarget(cases: CaseList): TargetResult {
  const checks = byScenario(cases, 'rpc-throughput').flatMap((entry) => [
    { label: entry.id.replace('rpc-throughput-', ''), ...check(entry, 'requestsPerSec', 'ws', (r) => r >= TARGET_THRESHOLDS.throughputVsWs) },
    ...(['socketio', 'trpc', 'rpc-websockets'] as const).map((peer) => ({ label: entry.id.replace('rpc-throughput-', ''), ...check(entry, 'requestsPerSec', peer, (r) => r > 1) })),
  ]);
  return combine('rpc-throughput', `RPC throughput ≥ ${TARGET_THRESHOLDS.throughputVsWs}× raw ws, and ahead of socket.io, tRPC and rpc-websockets`, checks);
}

function latencyTarget(cases: CaseList): TargetResult {
  const checks = byScenario(cases, 'rpc-latency').map((entry) => ({ label: 'p99', ...check(entry, 'p99Ms', 'ws', (r) => r <= TARGET_THRESHOLDS.p99VsWs) }));
  return combine('rpc-latency', `p99 latency ≤ ${TARGET_THRESHOLDS.p99VsWs}× raw ws at the same rate`, checks);
}

function broadcastTarget(cases: CaseList): TargetResult {
  const checks = byScenario(cases, 'broadcast').flatMap((entry) => [
    { label: entry.id.replace('broadcast-', 'N='), ...check(entry, 'deliveriesPerSec', 'ws', (r) => r >= TARGET_THRESHOLDS.broadcastVsWs) },
    { label: entry.id.replace('broadcast-', 'N='), ...check(entry, 'deliveriesPerSec', 'socketio', (r) => r > 1) },
  ]);
  return combine('broadcast', `Broadcast deliveries/s ≥ ${TARGET_THRESHOLDS.broadcastVsWs}× raw ws, ahead of socket.io`, checks);
}

function memoryTarget(cases: CaseList): TargetResult {
  const checks = byScenario(cases, 'memory').map((entry) => ({ label: 'RSS/conn', ...check(entry, 'rssPerConnKiB', 'ws', (r) => r <= TARGET_THRESHOLDS.memoryVsWs) }));
  return combine('memory', `Memory per idle connection ≤ ${TARGET_THRESHOLDS.memoryVsWs}× raw ws`, checks);
}

function bundleTarget(cases: CaseList): TargetResult {
  const entry = byScenario(cases, 'bundle')[0];
  const size = medianOf(entry, SUBJECT, 'gzipKB');
  const status: TargetStatus = Number.isFinite(size) ? (size <= TARGET_THRESHOLDS.bundleKB ? 'pass' : 'miss') : 'n/a';
  return {
    id: 'bundle',
    description: `Browser client ≤ ${TARGET_THRESHOLDS.bundleKB} kB min+gz`,
    measured: Number.isFinite(size) ? `${formatNumber(size)} kB (client class only: ${formatNumber(medianOf(entry, SUBJECT, 'clientOnlyGzipKB'))} kB)` : 'not measured',
    status,
  };
}
