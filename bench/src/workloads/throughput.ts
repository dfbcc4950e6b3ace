import type { ThroughputResult } from '../harness/messages';
import type { ClientConnectOptions, SystemClientModule } from '../systems/types';
import { closeAll, connectMany } from './connect-many';
import { MeasurementWindow, type WindowEdge } from './measurement-window';

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
  const window = new MeasurementWindow(onEdge);
  let completed = 0;
  let errors = 0;

  async function lane(client: (typeof clients)[number]): Promise<void> {
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
  await Promise.race([Promise.all(lanes), new Promise((resolve) => setTimeout(resolve, 2000))]);
  closeAll(clients);
  return { kind: 'throughput', completed, errors, elapsedMs: window.elapsedMs, clientCpuUs: window.cpuUs };
}
