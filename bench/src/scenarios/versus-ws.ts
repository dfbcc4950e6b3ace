import type { BenchContext } from '../harness/context';
import { runPairedCases, type PairedCase, type PairedScenario } from '../harness/paired-case';
import { broadcastWindow, operationWindow, type PairedSessionSpec } from '../harness/paired-sessions';
import type { LoadSpec } from '../harness/processes';
import type { CaseResult } from '../results';
import type { AuthKind } from '../systems/types';
import { fleetLoads } from './broadcast';

/** The two sides of every pair: the baseline and the subject. */
type Side = 'ws' | 'gatewire';

const PAIRING_NOTE =
  'A Gatewire server and a raw-ws server stay up for the whole case, each with its own load generators; they are measured one window at a time, pair after pair, the order alternating; the idle side sends nothing. Each value is the median over the pairs; Gatewire ÷ raw ws is the median of the per-pair ratios. CPU: time per handshake or delivery of the server and of the load generators, Gatewire ÷ raw ws per pair.';

/**
 * Issue 15's handshake and broadcast goals, Gatewire ÷ raw ws, measured in paired windows
 * (`runPairedCases`): both servers stay up for the whole case, each with its own load generators,
 * so the two windows of a pair see the same machine a second apart. The round-based scenarios (3
 * and 5) compare every system, but on a shared machine their rounds drift: in one full run the
 * raw-ws token handshake rounds went 1,535 → 1,408 → 1,025/s and Gatewire's 1,116 → 846 → 569/s.
 */
export function runVersusWs(context: BenchContext): Promise<CaseResult[]> {
  const scenario: PairedScenario<Side> = {
    scenario: 'versus-ws',
    sides: ['ws', 'gatewire'],
    columns: { ws: { key: 'ws', label: 'raw ws' }, gatewire: { key: 'gatewire', label: 'Gatewire' } },
    ratioLabel: 'Gatewire ÷ raw ws',
    clientCpu: true,
    pairs: context.profile.versusWs.pairs,
  };
  return runPairedCases(context, scenario, versusCases(context));
}

/** Both sides: each system's server and load generators. */
function sessions(maxConnections: number, loads: readonly LoadSpec[]): Record<Side, PairedSessionSpec> {
  const side = (system: Side): PairedSessionSpec => ({ system, server: { maxConnections }, loads });
  return { ws: side('ws'), gatewire: side('gatewire') };
}

function versusCases(context: BenchContext): Array<PairedCase<Side>> {
  const { broadcast, handshake, versusWs, connectConcurrency } = context.profile;
  const handshakeCase = (auth: AuthKind, title: string, note: string): PairedCase<Side> => ({
    id: `versus-ws-handshake-${auth}`,
    title,
    parameters: { concurrency: handshake.concurrency, pairs: versusWs.pairs, warmupMs: versusWs.handshakeWarmupMs, windowMs: versusWs.handshakeWindowMs },
    unit: '/s',
    sessions: sessions(4096, [{ workload: { kind: 'handshake-windows', auth, concurrency: handshake.concurrency } }]),
    warmUp: (sides) => operationWindow(sides, versusWs.handshakeWarmupMs, versusWs.handshakeWindowWarmupMs),
    window: (sides) => operationWindow(sides, versusWs.handshakeWindowWarmupMs, versusWs.handshakeWindowMs),
    notes: [note, PAIRING_NOTE],
  });
  const cases = [
    handshakeCase('token', 'Handshakes/s with the token, Gatewire ÷ raw ws (paired windows)', "Open, authenticate with the shared token, reach hello-ok, close, on each of the handshake scenario's lanes; handshakes completed per second in each window."),
    handshakeCase('device', 'Handshakes/s with a device signature, Gatewire ÷ raw ws (paired windows)', 'As with the token, plus the Ed25519 device signature over the challenge nonce (raw ws: node:crypto sign and verify).'),
  ];
  for (const clients of broadcast.clientCounts) {
    const nextEvent: Record<Side, number> = { ws: 0, gatewire: 0 };
    cases.push({
      id: `versus-ws-broadcast-${clients}`,
      title: `Broadcast fan-out to ${clients} clients, Gatewire ÷ raw ws (paired windows)`,
      parameters: { clients, pairs: versusWs.pairs, warmupEvents: broadcast.warmupEvents, eventsPerWindow: versusWs.eventsPerWindow },
      unit: '/s',
      sessions: sessions(clients + 64, fleetLoads(clients, clients >= broadcast.twoLoadGeneratorsFrom ? 2 : 1, connectConcurrency)),
      warmUp: (sides) => broadcastWindow(sides, clients, broadcast.warmupEvents, nextEvent),
      window: (sides) => broadcastWindow(sides, clients, versusWs.eventsPerWindow, nextEvent),
      notes: ['One event to every subscribed client, events one at a time; deliveries/s of a window = clients ÷ the median time from the server call to the last delivery.', PAIRING_NOTE],
    });
  }
  return cases;
}
