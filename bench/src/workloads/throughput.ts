import type { ThroughputResult } from '../harness/messages';
import type { ClientConnectOptions, SystemClient, SystemClientModule } from '../systems/types';
import { closeAll, connectMany } from './connect-many';
import { MeasurementWindow, type WindowEdge } from './measurement-window';

/** How long the end of a window waits for the requests still in flight, ms. */
const DRAIN_TIMEOUT_MS = 2000;

export interface ThroughputParameters {
  readonly connections: number;
  readonly inflight: number;
  readonly warmupMs: number;
  readonly durationMs: number;
}

/** Closed loop: every connection keeps `inflight` requests outstanding; counts answers in the window. */
export async function runThroughput(
  module: SystemClientModule,
  base: ClientConnectOptions,
  parameters: ThroughputParameters,
  onEdge?: (edge: WindowEdge) => void,
): Promise<ThroughputResult> {
  const clients = await connectMany(module, parameters.connections, 50, () => base);
  const result = await throughputWindow(clients, parameters, onEdge);
  closeAll(clients);
  return result;
}

/**
 * One warm-up and measurement window of the closed loop on connections already open; every lane
 * has stopped (or `DRAIN_TIMEOUT_MS` passed) when it resolves, so the connections are idle again.
 */
export async function throughputWindow(
  clients: readonly SystemClient[],
  parameters: Omit<ThroughputParameters, 'connections'>,
  onEdge?: (edge: WindowEdge) => void,
): Promise<ThroughputResult> {
  const window = new MeasurementWindow(onEdge);
  let completed = 0;
  let errors = 0;

  async function lane(client: SystemClient): Promise<void> {
    while (!window.stopped) {
      try {
        await client.add(1, 2);
        if (window.measuring) completed++;
      } catch {
        errors++;
        return;
      }
    }
  }

  const lanes = clients.flatMap((client) => Array.from({ length: parameters.inflight }, () => lane(client)));
  await window.run(parameters.warmupMs, parameters.durationMs);
  await Promise.race([Promise.all(lanes), new Promise((resolve) => setTimeout(resolve, DRAIN_TIMEOUT_MS))]);
  return { kind: 'throughput', completed, errors, elapsedMs: window.elapsedMs, clientCpuUs: window.cpuUs };
}
