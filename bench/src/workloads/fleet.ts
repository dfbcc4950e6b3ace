import type { FleetWorkload, HarnessToLoad, LoadToHarness } from '../harness/messages';
import type { TickPayload } from '../systems/shared/fixture';
import type { ClientConnectOptions, SystemClient, SystemClientModule } from '../systems/types';
import { sleep } from '../sleep';
import { closeAll, connectMany } from './connect-many';
import { Inbox } from './inbox';

/**
 * A fleet of connected, authenticated clients that stays up until the harness says `stop`:
 * broadcast receivers (each event's last arrival is reported) and idle connections (memory).
 */
export async function runFleet(
  module: SystemClientModule,
  base: ClientConnectOptions,
  workload: FleetWorkload,
  send: (message: LoadToHarness) => void,
  nowNs: () => number,
): Promise<void> {
  const inbox = new Inbox();
  process.on('message', (message: HarnessToLoad) => inbox.push(message));

  if (workload.warmConnections > 0) {
    closeAll(await connectMany(module, workload.warmConnections, workload.connectConcurrency, () => base));
    await sleep(200);
  }
  if (workload.waitForGo) {
    send({ kind: 'warmed' });
    await inbox.next('go');
  }

  const received = new Map<number, number>();
  const onEvent = (payload: TickPayload): void => {
    const count = (received.get(payload.n) ?? 0) + 1;
    received.set(payload.n, count);
    if (count === workload.connections) {
      const cpu = process.cpuUsage();
      send({ kind: 'received', n: payload.n, lastAtNs: nowNs(), count, cpuUs: cpu.user + cpu.system });
    }
  };
  const options: ClientConnectOptions = workload.subscribe ? { ...base, onEvent } : base;
  const clients = await connectMany(module, workload.connections, workload.connectConcurrency, () => options);
  send({ kind: 'ready', connected: clients.length });

  for (;;) {
    const message = await inbox.next();
    if (message.kind === 'stop') break;
    if (message.kind === 'rpc') {
      await sequentialCalls(clients[0], message.count);
      send({ kind: 'rpc-done', count: message.count });
    }
  }
  closeAll(clients);
}

async function sequentialCalls(client: SystemClient | undefined, count: number): Promise<void> {
  if (client === undefined) return;
  for (let index = 0; index < count; index++) await client.add(index, 1);
}
