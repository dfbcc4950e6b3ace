import { join } from 'node:path';
import type { SystemName } from '../systems/types';
import { Child } from './child';
import type { BenchContext } from './context';
import { requiredFileDescriptorLimit } from './fd-limit';
import type {
  FiniteResult,
  FiniteWorkload,
  FleetWorkload,
  HarnessToLoad,
  HarnessToServer,
  LoadToHarness,
  ServerToHarness,
} from './messages';

/** Start and stop the two kinds of child processes. Every wait is bounded. */

export type ServerChild = Child<ServerToHarness, HarnessToServer>;
export type LoadChild = Child<LoadToHarness, HarnessToLoad>;

const START_TIMEOUT_MS = 20_000;

export interface ServerSpec {
  readonly maxConnections: number;
  readonly countBytes?: boolean;
}

/** Start the server under test; resolves with the child and its port once it listens. */
export async function startServer(context: BenchContext, system: SystemName, spec: ServerSpec): Promise<{ child: ServerChild; port: number }> {
  const nodeArgs = ['--expose-gc'];
  if (context.cpuProfile?.system === system) nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${context.cpuProfile.directory}`);
  const child: ServerChild = new Child({
    label: `server(${system})`,
    script: join(context.distDirectory, 'server-child.js'),
    config: { system, countBytes: spec.countBytes ?? false, maxConnections: spec.maxConnections },
    nodeArgs,
    fileDescriptorLimit: requiredFileDescriptorLimit(spec.maxConnections, context.fileDescriptorSoftLimit),
  });
  try {
    const ready = await child.next('ready', START_TIMEOUT_MS);
    return { child, port: ready.port };
  } catch (error) {
    await child.stop(undefined, 0);
    throw error;
  }
}

/** Start a load generator running `workload` against `port`. */
export function startLoad(context: BenchContext, system: SystemName, port: number, workload: FiniteWorkload | FleetWorkload, label = 'load'): LoadChild {
  const connections = workload.kind === 'fleet' ? workload.connections : workload.kind === 'handshake' ? 4096 : workload.connections;
  return new Child({
    label: `${label}(${system})`,
    script: join(context.distDirectory, 'load-child.js'),
    config: { system, port, workload },
    fileDescriptorLimit: requiredFileDescriptorLimit(connections, context.fileDescriptorSoftLimit),
  });
}

/** Run a finite workload to its result, then make sure the load child is gone. */
export async function runFinite(context: BenchContext, system: SystemName, port: number, workload: FiniteWorkload, timeoutMs: number): Promise<FiniteResult> {
  const load = startLoad(context, system, port, workload);
  try {
    return (await load.next('result', timeoutMs)).result;
  } finally {
    await load.exited(2000);
  }
}

/** Run `body` with a fresh server child of `system`, always stopping it afterwards. */
export async function withServer<T>(
  context: BenchContext,
  system: SystemName,
  spec: ServerSpec,
  body: (server: ServerChild, port: number) => Promise<T>,
): Promise<T> {
  const { child, port } = await startServer(context, system, spec);
  try {
    return await body(child, port);
  } finally {
    await child.stop({ kind: 'stop' });
  }
}

/** Stop load children (fleet workloads) and wait for them to exit. */
export async function stopLoads(loads: readonly LoadChild[]): Promise<void> {
  await Promise.all(loads.map((load) => load.stop({ kind: 'stop' })));
}
