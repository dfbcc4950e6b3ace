import { join } from 'node:path';
import type { SystemName } from '../systems/types';
import { Child } from './child';
import type { BenchContext } from './context';
import { requiredFileDescriptorLimit } from './fd-limit';
import type { FiniteResult, RedisAdapterTarget, FiniteWorkload, HarnessToLoad, HarnessToServer, LoadToHarness, ServerToHarness, Workload } from './messages';

/** Start and stop the two kinds of child processes. Every wait is bounded. */

export type ServerChild = Child<ServerToHarness, HarnessToServer>;
export type LoadChild = Child<LoadToHarness, HarnessToLoad>;

export const START_TIMEOUT_MS = 20_000;

export interface ServerSpec {
  readonly maxConnections: number;
  readonly countBytes?: boolean;
  /** Gatewire only: Prometheus metrics on, scraped once a second. */
  readonly metrics?: boolean;
  /** Gatewire only: run on the Redis adapter (the cluster scenario). */
  readonly redis?: RedisAdapterTarget;
}

export interface LoadSpec {
  readonly workload: Workload;
  readonly label?: string;
}

function cpuProfileArgs(context: BenchContext, system: SystemName, kind: 'server' | 'load'): string[] {
  const profile = context.cpuProfile;
  return profile?.system === system ? ['--cpu-prof', `--cpu-prof-dir=${join(profile.directory, kind)}`] : [];
}

export function spawnServer(context: BenchContext, system: SystemName, spec: ServerSpec): ServerChild {
  return new Child({
    label: `server(${system})`,
    script: join(context.distDirectory, 'server-child.js'),
    config: { system, countBytes: spec.countBytes ?? false, maxConnections: spec.maxConnections, metrics: spec.metrics ?? false, ...(spec.redis === undefined ? {} : { redis: spec.redis }) },
    nodeArgs: ['--expose-gc', ...cpuProfileArgs(context, system, 'server')],
    fileDescriptorLimit: requiredFileDescriptorLimit(spec.maxConnections, context.fileDescriptorLimits),
  });
}

/** A load generator; it loads its client library at once and starts its workload when told the port. */
export function spawnLoad(context: BenchContext, system: SystemName, spec: LoadSpec): LoadChild {
  const { workload } = spec;
  const connections = workload.kind === 'handshake' || workload.kind === 'handshake-windows' ? 4096 : workload.connections;
  return new Child({
    label: `${spec.label ?? 'load'}(${system})`,
    script: join(context.distDirectory, 'load-child.js'),
    config: { system, workload },
    nodeArgs: cpuProfileArgs(context, system, 'load'),
    fileDescriptorLimit: requiredFileDescriptorLimit(connections, context.fileDescriptorLimits),
  });
}

/**
 * One measurement: a fresh server child of `system` and fresh load generators (started in parallel
 * to save time; the loads begin once the server reports its port). Everything is stopped afterwards,
 * loads first.
 */
export async function withSession<T>(
  context: BenchContext,
  system: SystemName,
  serverSpec: ServerSpec,
  loadSpecs: readonly LoadSpec[],
  body: (server: ServerChild, loads: readonly LoadChild[]) => Promise<T>,
): Promise<T> {
  const server = spawnServer(context, system, serverSpec);
  const loads = loadSpecs.map((spec) => spawnLoad(context, system, spec));
  try {
    const { port } = await server.next('ready', START_TIMEOUT_MS);
    for (const load of loads) load.send({ kind: 'start', port });
    return await body(server, loads);
  } finally {
    await Promise.all(loads.map((load) => load.stop({ kind: 'stop' })));
    await server.stop({ kind: 'stop' });
  }
}

/** One measurement of a run-to-completion workload: its result. */
export function runFiniteSession(context: BenchContext, system: SystemName, serverSpec: ServerSpec, workload: FiniteWorkload, timeoutMs: number): Promise<FiniteResult> {
  return withSession(context, system, serverSpec, [{ workload }], async (_server, loads) => {
    const [load] = loads;
    if (load === undefined) throw new Error('no load generator');
    return (await load.next('result', timeoutMs)).result;
  });
}
