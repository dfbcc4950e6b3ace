import type { BenchContext } from './context';
import type { RedisAdapterTarget } from './messages';
import { spawnLoad, spawnServer, START_TIMEOUT_MS, type LoadChild, type ServerChild } from './processes';

/**
 * A Gatewire cluster for one measurement: one fresh server child per gateway (each its own
 * process, so each has its own CPU time) and one load generator per gateway, whose subscribed
 * clients all connect to that gateway. Everything is stopped afterwards, loads first.
 */
export interface ClusterSession {
  /** The gateways; the first one is where the harness publishes. */
  readonly servers: readonly ServerChild[];
  /** `loads[i]` holds the clients of `servers[i]`. */
  readonly loads: readonly LoadChild[];
  /** `ports[i]`: the WebSocket port of `servers[i]` on 127.0.0.1. */
  readonly ports: readonly number[];
}

export interface ClusterSpec {
  /** The Redis adapter of every gateway; `undefined` = one gateway on the in-memory adapter. */
  readonly redis: RedisAdapterTarget | undefined;
  /** Subscribed clients on each gateway (its length is the number of gateways). */
  readonly clientsPerGateway: readonly number[];
}

export async function withCluster<T>(context: BenchContext, spec: ClusterSpec, body: (session: ClusterSession) => Promise<T>): Promise<T> {
  if (spec.redis === undefined && spec.clientsPerGateway.length !== 1) throw new Error('several gateways need the Redis adapter');
  const total = spec.clientsPerGateway.reduce((sum, clients) => sum + clients, 0);
  const servers = spec.clientsPerGateway.map(() => spawnServer(context, 'gatewire', { maxConnections: total + 64, ...(spec.redis === undefined ? {} : { redis: spec.redis }) }));
  const loads = spec.clientsPerGateway.map((clients, index) =>
    spawnLoad(context, 'gatewire', {
      label: `gateway${index + 1}-load`,
      workload: { kind: 'fleet', connections: clients, subscribe: true, warmConnections: 0, waitForGo: false, connectConcurrency: context.profile.connectConcurrency },
    }),
  );
  try {
    const ports: number[] = [];
    for (const [index, server] of servers.entries()) {
      const { port } = await server.next('ready', START_TIMEOUT_MS);
      loads[index]?.send({ kind: 'start', port });
      ports.push(port);
    }
    for (const load of loads) await load.next('ready', 120_000);
    return await body({ servers, loads, ports });
  } finally {
    await Promise.all(loads.map((load) => load.stop({ kind: 'stop' })));
    await Promise.all(servers.map((server) => server.stop({ kind: 'stop' })));
  }
}

/**
 * Publish event `n` on the first gateway and wait until every load generator has it on all its
 * clients: the time from the publish call to the last delivery on each gateway, ms (one
 * CLOCK_MONOTONIC for every process of the machine).
 */
export async function publishAcross(session: ClusterSession, n: number, timeoutMs: number): Promise<number[]> {
  const [publisher] = session.servers;
  if (publisher === undefined) throw new Error('no gateway');
  publisher.send({ kind: 'broadcast', n });
  const sent = await publisher.next('broadcast-sent', timeoutMs);
  const perGateway: number[] = [];
  for (const load of session.loads) {
    const received = await load.next('received', timeoutMs);
    if (received.n !== n) throw new Error(`${load.label}: expected event ${n}, got ${received.n}`);
    perGateway.push((received.lastAtNs - sent.startNs) / 1e6);
  }
  return perGateway;
}

/** Total CPU time (user + system) of each gateway process so far, µs. */
export async function gatewayCpuUs(session: ClusterSession, timeoutMs: number): Promise<number[]> {
  const cpu: number[] = [];
  for (const server of session.servers) {
    server.send({ kind: 'cpu' });
    cpu.push((await server.next('cpu', timeoutMs)).cpuUs);
  }
  return cpu;
}
