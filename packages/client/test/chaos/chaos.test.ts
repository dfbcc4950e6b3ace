/**
 * Chaos against a single gateway: three seeded runs per `pnpm test`. Each seed fixes a fault plan
 * (resets, closes by the gateway, stalls longer than the tick watchdog, fragmentation, slow
 * readers, one gateway restart) played over steady broadcasts and keyed requests; the checks are
 * the same whatever the timing: no event twice, none out of order, no hole that a `gap` or
 * `resync` did not announce, and every keyed request executed exactly once. `GATEWIRE_CHAOS_SEEDS=1,2,3` replays given seeds.
 */
import { assertExactlyOnce, seedsFrom } from '@gatewire/test-harness';
import { describe, expect, it } from 'vitest';
import { runChaos, type ChaosSettings } from './chaos-run';
import { faultKinds } from './fault-plan';

/** Three new seeds per run (printed in the test names), unless given. */
const seeds = seedsFrom('GATEWIRE_CHAOS_SEEDS', [0, 1, 2].map(() => Math.floor(Math.random() * 0x7fffffff)));

const settings: ChaosSettings = {
  gateway: { tickIntervalMs: 200, maxBufferedBytes: 32 * 1024, bulkBytes: 16 * 1024 },
  traffic: { publishIntervalMs: 5, bulkEvery: 10, requestIntervalMs: 25 },
  resumableClients: 6,
  plainClients: 2,
  requestingClients: 3,
  steps: 10,
  eventsPerFault: 40,
  settleBackstopMs: 10_000,
};

describe('chaos: one gateway under resets, closes, stalls, fragmentation, slow readers and a restart', () => {
  it.each(seeds)('seed %i: nothing duplicated, reordered or lost unannounced; keyed requests executed once', async (seed) => {
    const outcome = await runChaos(seed, settings).catch((error: unknown) => {
      throw new Error(`chaos seed ${seed} (replay with GATEWIRE_CHAOS_SEEDS=${seed}): ${String(error)}`, { cause: error });
    });
    const context = `chaos seed ${seed} (replay with GATEWIRE_CHAOS_SEEDS=${seed})`;
    expect(() => assertExactlyOnce(outcome.exactlyOnce), context).not.toThrow();
    expect(outcome.failedRequests.slice(0, 10), `${context}: ${outcome.failedRequests.length} keyed requests failed`).toEqual([]);
    expect(outcome.wrongExecutions.slice(0, 10), `${context}: ${outcome.wrongExecutions.length} keys not executed once`).toEqual([]);
    for (const kind of faultKinds) expect(outcome.applied[kind], `${context}: ${kind} applied`).toBeGreaterThan(0);
    expect(outcome.slowReaderEffects, `${context}: slow readers dropped from or closed`).toBeGreaterThan(0);
    expect(outcome.keyedRequests, context).toBeGreaterThan(100);
    expect(outcome.published, context).toBeGreaterThan(500);
  }, 40_000);
});
