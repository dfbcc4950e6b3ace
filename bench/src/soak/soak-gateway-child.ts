import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { exitWithHarness, readConfig, sendToHarness } from '../children/ipc';
import { BENCH_TOKEN, tickPayload } from '../systems/shared/fixture';
import { gatewireServerModule } from '../systems/gatewire/server';
import type { HarnessToSoakChild, SoakGatewayConfig, SoakGatewayMessage } from './soak-messages';

/**
 * The gateway under soak: the bench's Gatewire server on 127.0.0.1 (port 0), one broadcast per
 * interval, and one sample of its own process per second (RSS, heap used, event-loop delay) once
 * the harness says `measure`. Memory is sampled as it is, without forcing a GC.
 */

const config = readConfig<SoakGatewayConfig>();
const send = (message: SoakGatewayMessage): void => sendToHarness(message);
exitWithHarness();

const httpServer = createServer((_request, response) => response.writeHead(404).end());
httpServer.maxConnections = config.maxConnections + 1024;
const server = await gatewireServerModule.start({ httpServer, token: BENCH_TOKEN, pairedDevices: [], maxConnections: config.maxConnections });
await new Promise<void>((resolve) => httpServer.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, resolve));
send({ kind: 'ready', port: (httpServer.address() as AddressInfo).port });

let broadcasts = 0;
const broadcastTimer = setInterval(() => server.broadcast(tickPayload((broadcasts += 1))), config.broadcastIntervalMs);
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
let sampleTimer: NodeJS.Timeout | undefined;

process.on('message', (message: HarnessToSoakChild) => {
  if (message.kind === 'measure' && sampleTimer === undefined) {
    loopDelay.enable();
    sampleTimer = setInterval(sample, 1000);
  } else if (message.kind === 'stop') {
    void stop();
  }
});

function sample(): void {
  const memory = process.memoryUsage();
  send({
    kind: 'sample',
    sample: {
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
      loopDelayMaxMs: loopDelay.max / 1e6,
    },
  });
  loopDelay.reset();
}

async function stop(): Promise<void> {
  clearInterval(broadcastTimer);
  clearInterval(sampleTimer);
  const deadline = setTimeout(() => process.exit(0), 5000);
  deadline.unref();
  try {
    await server.close();
    httpServer.closeAllConnections();
  } finally {
    process.exit(0);
  }
}
