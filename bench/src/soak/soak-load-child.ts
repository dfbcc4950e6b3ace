import { exitWithHarness, readConfig, sendToHarness } from '../children/ipc';
import { BENCH_TOKEN, type TickPayload } from '../systems/shared/fixture';
import { gatewireClientModule } from '../systems/gatewire/client';
import type { SystemClient } from '../systems/types';
import { closeAll, connectMany } from '../workloads/connect-many';
import type { HarnessToSoakChild, SoakLoadConfig, SoakLoadMessage } from './soak-messages';

/**
 * One soak load generator: `connections` Gatewire clients subscribed to the broadcast, and a
 * steady `requestsPerSecond` of small requests spread over them (sent every 10 ms, each from the
 * next connection in turn). Once the harness says `measure`, it reports each second's round trips.
 */

const config = readConfig<SoakLoadConfig>();
const send = (message: SoakLoadMessage): void => sendToHarness(message);
exitWithHarness();

const SEND_INTERVAL_MS = 10;

let latencies: number[] = [];
let failed = 0;
let eventsReceived = 0;
let clients: SystemClient[] = [];
let requestTimer: NodeJS.Timeout | undefined;
let sampleTimer: NodeJS.Timeout | undefined;

const started = new Promise<number>((resolve) => {
  process.on('message', (message: HarnessToSoakChild) => {
    if (message.kind === 'start') resolve(message.port);
    else if (message.kind === 'measure') measure();
    else if (message.kind === 'stop') stop();
  });
});

try {
  const port = await started;
  const onEvent = (_payload: TickPayload) => void (eventsReceived += 1);
  clients = await connectMany(gatewireClientModule, config.connections, config.connectConcurrency, () => ({ port, token: BENCH_TOKEN, auth: 'token', onEvent }));
  send({ kind: 'connected', connections: clients.length });
  startRequests();
} catch (error) {
  send({ kind: 'error', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
}

function startRequests(): void {
  const perTick = config.requestsPerSecond / (1000 / SEND_INTERVAL_MS);
  let next = 0;
  let owed = 0;
  requestTimer = setInterval(() => {
    owed += perTick;
    for (; owed >= 1; owed -= 1) {
      const client = clients[(next = (next + 1) % clients.length)] as SystemClient;
      const sentAt = performance.now();
      client.add(next, 1).then(
        () => latencies.push(performance.now() - sentAt),
        () => (failed += 1),
      );
    }
  }, SEND_INTERVAL_MS);
}

function measure(): void {
  if (sampleTimer !== undefined) return;
  latencies = [];
  failed = 0;
  eventsReceived = 0;
  sampleTimer = setInterval(() => {
    send({ kind: 'sample', sample: { latenciesMs: latencies, failed, eventsReceived } });
    latencies = [];
    failed = 0;
    eventsReceived = 0;
  }, 1000);
}

function stop(): void {
  clearInterval(requestTimer);
  clearInterval(sampleTimer);
  closeAll(clients);
  setTimeout(() => process.exit(0), 500).unref();
}
