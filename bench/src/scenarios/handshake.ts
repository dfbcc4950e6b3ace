import { runAlternating } from '../harness/alternate';
import type { BenchContext } from '../harness/context';
import { runFiniteSession } from '../harness/processes';
import type { CaseResult } from '../results';
import { perSecond } from '../stats';
import type { AuthKind, SystemName } from '../systems/types';

interface HandshakeCase {
  readonly auth: AuthKind;
  readonly title: string;
  /** Systems that can do this handshake. */
  readonly systems: readonly SystemName[];
  readonly note: string;
}

/**
 * Scenario 5: new connections per second through `hello-ok` (or each peer's equivalent), with
 * token auth, with Ed25519 device signatures, and the bare `ws` upgrade as the floor.
 */
export async function runHandshake(context: BenchContext, systems: readonly SystemName[]): Promise<CaseResult[]> {
  const { handshake } = context.profile;
  const cases: HandshakeCase[] = [
    {
      auth: 'token',
      title: 'Handshake rate, token auth',
      systems,
      note: 'Open, authenticate with the shared token, reach the ready state, close. Gatewire and raw ws: challenge → connect → hello-ok. socket.io: `auth` in CONNECT. tRPC: `connectionParams` + one authenticated query. rpc-websockets: `login()`.',
    },
    {
      auth: 'device',
      title: 'Handshake rate, token + Ed25519 device signature',
      systems: systems.filter((system) => system === 'gatewire' || system === 'ws'),
      note: 'The client signs the v3 device payload over the challenge nonce; the server verifies it against a paired key. The peers have no device-key auth, so only Gatewire and the raw-ws baseline (node:crypto verify) run it.',
    },
    {
      auth: 'upgrade',
      title: 'Bare WebSocket upgrade rate (floor)',
      systems: systems.filter((system) => system === 'ws'),
      note: 'Raw ws: HTTP upgrade to open, then close; no application handshake. The floor every handshake above is built on.',
    },
  ];
  const results: CaseResult[] = [];
  for (const entry of cases) {
    if (entry.systems.length === 0) continue;
    const spec = {
      scenario: 'handshake' as const,
      id: `handshake-${entry.auth}`,
      title: entry.title,
      parameters: { concurrency: handshake.concurrency, warmupMs: handshake.warmupMs, durationMs: handshake.durationMs },
      metrics: [
        { key: 'handshakesPerSec', label: 'handshakes/s', unit: '/s', better: 'higher' as const },
        { key: 'errors', label: 'errors', unit: '', better: 'lower' as const },
      ],
      primaryMetric: 'handshakesPerSec',
      systems: entry.systems,
      notes: [
        entry.note,
        `${handshake.concurrency} handshakes under way at once; each connection is closed right after it is ready.`,
        `${handshake.warmupMs} ms of unmeasured handshakes first: CPU time per handshake keeps falling for every system over its first few thousand handshakes (bench/profiling-notes.md).`,
      ],
    };
    results.push(
      await runAlternating(context, spec, context.profile.rounds, async (system) => {
        const workload = { kind: 'handshake' as const, auth: entry.auth, concurrency: handshake.concurrency, warmupMs: handshake.warmupMs, durationMs: handshake.durationMs };
        const result = await runFiniteSession(context, system, { maxConnections: 4096 }, workload, handshake.warmupMs + handshake.durationMs + 30_000);
        if (result.kind !== 'handshake') throw new Error(`unexpected result ${result.kind}`);
        return { handshakesPerSec: perSecond(result.completed, result.elapsedMs), errors: result.errors };
      }),
    );
  }
  return results;
}
