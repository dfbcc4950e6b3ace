import type { LatencyResult } from '../harness/messages';
import { summarizeLatencies } from '../stats';
import type { ClientConnectOptions, SystemClient, SystemClientModule } from '../systems/types';
import { sleep } from '../sleep';
import { closeAll, connectMany } from './connect-many';

export interface LatencyParameters {
  readonly connections: number;
  readonly ratePerSec: number;
  readonly warmupMs: number;
  readonly durationMs: number;
  readonly drainMs: number;
}

/** At most this many requests outstanding; beyond it a send is skipped and counted as unanswered. */
const MAX_OUTSTANDING = 50_000;

/**
 * Open loop at a fixed rate: requests are sent on schedule whether or not earlier ones were answered
 * (a 1 ms pacer sends every request that is due), round-robin over the connections. Latency is
 * measured from each request's send to its answer.
 */
export async function runLatency(
  module: SystemClientModule,
  base: ClientConnectOptions,
  parameters: LatencyParameters,
): Promise<LatencyResult> {
  const clients = await connectMany(module, parameters.connections, 50, () => base);
  await pace(clients, parameters.ratePerSec, parameters.warmupMs, undefined);
  const total = Math.max(1, Math.round((parameters.ratePerSec * parameters.durationMs) / 1000));
  const latencies = new Float64Array(total).fill(Number.NaN);
  const startedAt = performance.now();
  const outcome = await pace(clients, parameters.ratePerSec, parameters.durationMs, latencies);
  const elapsedMs = performance.now() - startedAt;
  const drainDeadline = Date.now() + parameters.drainMs;
  while (outcome.outstanding() > 0 && Date.now() < drainDeadline) await sleep(5);
  const cutoff = performance.now();
  let unanswered = 0;
  for (let index = 0; index < latencies.length; index++) {
    if (outcome.failed.has(index)) {
      latencies[index] = Number.POSITIVE_INFINITY;
    } else if (Number.isNaN(latencies[index])) {
      unanswered++;
      latencies[index] = cutoff - (outcome.sentAt[index] ?? startedAt);
    }
  }
  closeAll(clients);
  const summary = summarizeLatencies(latencies);
  return {
    kind: 'latency',
    sent: outcome.sent,
    completed: total - unanswered - outcome.failed.size,
    unanswered,
    failed: outcome.failed.size,
    elapsedMs,
    p50Ms: summary.p50,
    p99Ms: summary.p99,
    p999Ms: summary.p999,
    maxMs: summary.max,
  };
}

interface PaceOutcome {
  readonly sent: number;
  /** Indexes of requests answered with an error. */
  readonly failed: Set<number>;
  readonly sentAt: Float64Array;
  outstanding(): number;
}

async function pace(
  clients: readonly SystemClient[],
  ratePerSec: number,
  durationMs: number,
  latencies: Float64Array | undefined,
): Promise<PaceOutcome> {
  const total = latencies?.length ?? Math.round((ratePerSec * durationMs) / 1000);
  const sentAt = new Float64Array(latencies === undefined ? 0 : total);
  const start = performance.now();
  let sent = 0;
  let outstanding = 0;
  const failed = new Set<number>();
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) * ratePerSec) / 1000) + 1);
    for (; sent < due; sent++) {
      const index = sent;
      const at = performance.now();
      if (latencies !== undefined) sentAt[index] = at;
      // Skipped: it stays unanswered and counts from when it was due.
      if (outstanding >= MAX_OUTSTANDING) continue;
      const client = clients[index % clients.length] as SystemClient;
      outstanding++;
      client.add(1, 2).then(
        () => {
          outstanding--;
          if (latencies !== undefined) latencies[index] = performance.now() - at;
        },
        () => {
          outstanding--;
          if (latencies !== undefined) failed.add(index);
        },
      );
    }
    await sleep(1);
  }
  return { sent, failed, sentAt, outstanding: () => outstanding };
}
