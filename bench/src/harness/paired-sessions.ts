import { median, perSecond } from '../stats';
import { serverCpuUs } from '../scenarios/rpc-throughput';
import { broadcastOnce } from './broadcast-once';
import type { BenchContext } from './context';
import type { PairSide } from './paired-windows';
import { withSession, type LoadChild, type LoadSpec, type ServerChild } from './processes';

/** One Gatewire server child (metrics on or off) and its load generators, up for the whole case. */
export interface PairedServer {
  readonly server: ServerChild;
  readonly loads: readonly LoadChild[];
}

/** Measures one window on one side: metric key → value. */
export type MeasureWindow = (side: PairSide) => Promise<Record<string, number>>;

const WINDOW_TIMEOUT_MS = 60_000;

/**
 * Start a Gatewire server with metrics on and one with metrics off, each with its own load
 * generators (`loads`), wait until every load is `ready`, run `body`, then stop everything.
 */
export function withPairedServers<T>(
  context: BenchContext,
  maxConnections: number,
  loads: readonly LoadSpec[],
  body: (sides: Record<PairSide, PairedServer>) => Promise<T>,
): Promise<T> {
  return withSession(context, 'gatewire', { maxConnections, metrics: true }, loads, (onServer, onLoads) =>
    withSession(context, 'gatewire', { maxConnections, metrics: false }, loads, async (offServer, offLoads) => {
      for (const load of [...onLoads, ...offLoads]) await load.next('ready', 120_000);
      return body({ on: { server: onServer, loads: onLoads }, off: { server: offServer, loads: offLoads } });
    }),
  );
}

/**
 * RPC windows (`throughput-windows` loads): the requests per second answered in the window and the
 * server's CPU time per request in it.
 */
export function rpcWindow(sides: Record<PairSide, PairedServer>, warmupMs: number, durationMs: number): MeasureWindow {
  return async (side) => {
    const { server, loads } = sides[side];
    const [load] = loads;
    if (load === undefined) throw new Error('no load generator');
    load.send({ kind: 'window', warmupMs, durationMs });
    await load.next('window-start', WINDOW_TIMEOUT_MS);
    const cpuAtStart = await serverCpuUs(server);
    await load.next('window-end', WINDOW_TIMEOUT_MS);
    const serverCpu = (await serverCpuUs(server)) - cpuAtStart;
    const { result } = await load.next('window-result', WINDOW_TIMEOUT_MS);
    if (result.errors > 0) throw new Error(`${side}: ${result.errors} request(s) failed`);
    return { perSecond: perSecond(result.completed, result.elapsedMs), serverCpuUs: serverCpu / result.completed };
  };
}

/** The number of the next broadcast on each side (a fleet expects each event number once). */
export type EventCounters = Record<PairSide, number>;

/**
 * Broadcast windows (subscribed fleets): `events` broadcasts one at a time; the window's deliveries
 * per second (clients ÷ median time to the last delivery) and median server CPU time per delivery.
 */
export function broadcastWindow(sides: Record<PairSide, PairedServer>, clients: number, events: number, nextEvent: EventCounters): MeasureWindow {
  return async (side) => {
    const { server, loads } = sides[side];
    const times: number[] = [];
    const cpu: number[] = [];
    for (let index = 0; index < events; index++) {
      const timing = await broadcastOnce(server, loads, nextEvent[side]++, WINDOW_TIMEOUT_MS);
      times.push(timing.lastDeliveryMs);
      cpu.push(timing.serverCpuUs / clients);
    }
    return { perSecond: (clients * 1000) / median(times), serverCpuUs: median(cpu) };
  };
}
