import type { LoadToHarness, ThroughputWindowsWorkload } from '../harness/messages';
import type { ClientConnectOptions, SystemClientModule } from '../systems/types';
import { closeAll, connectMany } from './connect-many';
import { Inbox } from './inbox';
import { throughputWindow } from './throughput';

/**
 * The closed-loop throughput load (every connection keeps `inflight` requests outstanding), run
 * only inside the windows the harness asks for: the connections stay open between windows and send
 * nothing, so their server is idle while another one is measured. Each window reports
 * `window-start` and `window-end` (the harness samples the server's CPU time there), then a
 * `window-result`.
 */
export async function runThroughputWindows(
  module: SystemClientModule,
  base: ClientConnectOptions,
  workload: ThroughputWindowsWorkload,
  send: (message: LoadToHarness) => void,
): Promise<void> {
  const inbox = Inbox.listen();
  const clients = await connectMany(module, workload.connections, 50, () => base);
  send({ kind: 'ready', connected: clients.length });
  for (;;) {
    const message = await inbox.next();
    if (message.kind === 'stop') break;
    if (message.kind !== 'window') continue;
    const parameters = { inflight: workload.inflight, warmupMs: message.warmupMs, durationMs: message.durationMs };
    const result = await throughputWindow(clients, parameters, (edge) => send({ kind: edge }));
    send({ kind: 'window-result', result });
  }
  closeAll(clients);
}
