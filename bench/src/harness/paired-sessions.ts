import { median, perSecond } from '../stats';
import { serverCpuUs } from '../scenarios/rpc-throughput';
import type { SystemName } from '../systems/types';
import { broadcastOnce } from './broadcast-once';
import type { BenchContext } from './context';
import { withSession, type LoadChild, type LoadSpec, type ServerChild, type ServerSpec } from './processes';

/** One server child and its load generators, up for the whole case. */
export interface PairedServer {
  readonly server: ServerChild;
  readonly loads: readonly LoadChild[];
}

/** What one side of a pair runs: a system's server and its load generators. */
export interface PairedSessionSpec {
  readonly system: SystemName;
  readonly server: ServerSpec;
  readonly loads: readonly LoadSpec[];
}

/** Measures one window on one side: metric key → value. */
export type MeasureWindow<S extends string> = (side: S) => Promise<Record<string, number>>;

const WINDOW_TIMEOUT_MS = 60_000;

/** Start both sides' servers and load generators, wait until every load is `ready`, run `body`, then stop everything. */
export function withPairedSessions<S extends string, T>(
  context: BenchContext,
  sides: readonly [S, S],
  specs: Readonly<Record<S, PairedSessionSpec>>,
  body: (sides: Record<S, PairedServer>) => Promise<T>,
): Promise<T> {
  const [first, second] = sides;
  const a = specs[first];
  const b = specs[second];
  return withSession(context, a.system, a.server, a.loads, (aServer, aLoads) =>
    withSession(context, b.system, b.server, b.loads, async (bServer, bLoads) => {
      for (const load of [...aLoads, ...bLoads]) await load.next('ready', 120_000);
      const started = { [first]: { server: aServer, loads: aLoads }, [second]: { server: bServer, loads: bLoads } };
      return body(started as Record<S, PairedServer>);
    }),
  );
}

/** The one load generator of a side that has exactly one. */
function onlyLoad(paired: PairedServer): LoadChild {
  const [load] = paired.loads;
  if (load === undefined) throw new Error('no load generator');
  return load;
}

/**
 * A `window` on a side with one windowed load generator (`throughput-windows`: RPC;
 * `handshake-windows`: handshakes): the operations (requests answered, handshakes completed) per
 * second in it and the CPU time per operation of the server and of the load generator.
 */
export function operationWindow<S extends string>(sides: Record<S, PairedServer>, warmupMs: number, durationMs: number): MeasureWindow<S> {
  return async (side) => {
    const { server } = sides[side];
    const load = onlyLoad(sides[side]);
    load.send({ kind: 'window', warmupMs, durationMs });
    await load.next('window-start', WINDOW_TIMEOUT_MS);
    const cpuAtStart = await serverCpuUs(server);
    await load.next('window-end', WINDOW_TIMEOUT_MS);
    const serverCpu = (await serverCpuUs(server)) - cpuAtStart;
    const { result } = await load.next('window-result', WINDOW_TIMEOUT_MS);
    if (result.errors > 0) throw new Error(`${side}: ${result.errors} operation(s) failed`);
    return {
      perSecond: perSecond(result.completed, result.elapsedMs),
      serverCpuUs: serverCpu / result.completed,
      clientCpuUs: result.clientCpuUs / result.completed,
    };
  };
}

/**
 * Broadcast windows (subscribed fleets): `events` broadcasts one at a time; the window's deliveries
 * per second (clients ÷ median time to the last delivery), median server CPU time per delivery and,
 * from the second event on, median load-generator CPU time per delivery (from one event's last
 * arrival to the next one's, all load generators).
 */
export function broadcastWindow<S extends string>(sides: Record<S, PairedServer>, clients: number, events: number, nextEvent: Record<S, number>): MeasureWindow<S> {
  return async (side) => {
    const { server, loads } = sides[side];
    const times: number[] = [];
    const cpu: number[] = [];
    const clientCpu: number[] = [];
    let previous: readonly number[] | undefined;
    for (let index = 0; index < events; index++) {
      const timing = await broadcastOnce(server, loads, nextEvent[side]++, WINDOW_TIMEOUT_MS);
      times.push(timing.lastDeliveryMs);
      cpu.push(timing.serverCpuUs / clients);
      if (previous !== undefined) {
        const before = previous;
        clientCpu.push(timing.loadCpuUs.reduce((sum, cpuUs, load) => sum + cpuUs - (before[load] ?? cpuUs), 0) / clients);
      }
      previous = timing.loadCpuUs;
    }
    return { perSecond: (clients * 1000) / median(times), serverCpuUs: median(cpu), clientCpuUs: clientCpu.length === 0 ? Number.NaN : median(clientCpu) };
  };
}
