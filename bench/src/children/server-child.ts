import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HarnessToServer, MemorySample, ServerChildConfig, ServerToHarness } from '../harness/messages';
import { DEVICE_KEY_COUNT, deviceKeys } from '../systems/shared/device-keys';
import { BENCH_TOKEN, tickPayload } from '../systems/shared/fixture';
import { loadServerModule } from '../systems/registry';
import { ByteCounter } from './byte-counter';
import { exitWithHarness, nowNs, readConfig, sendToHarness } from './ipc';

/** The server under test: one system on 127.0.0.1, port 0, driven by the harness over IPC. */

const config = readConfig<ServerChildConfig>();
const send = (message: ServerToHarness): void => sendToHarness(message);
exitWithHarness();

const httpServer = createServer((_request, response) => {
  response.writeHead(404).end();
});
httpServer.maxConnections = config.maxConnections + 1024;
const counter = new ByteCounter();
if (config.countBytes) counter.attach(httpServer);

const systemModule = await loadServerModule(config.system);
const server = await systemModule.start({
  httpServer,
  token: BENCH_TOKEN,
  pairedDevices: deviceKeys(DEVICE_KEY_COUNT),
  maxConnections: config.maxConnections,
  metrics: config.metrics ?? false,
  redis: config.redis,
});
await new Promise<void>((resolve) => httpServer.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, resolve));
send({ kind: 'ready', port: (httpServer.address() as AddressInfo).port });

process.on('message', (message: HarnessToServer) => {
  switch (message.kind) {
    case 'broadcast': {
      const payload = tickPayload(message.n);
      const cpu = process.cpuUsage();
      const startNs = nowNs();
      server.broadcast(payload);
      send({ kind: 'broadcast-sent', n: message.n, startNs, endNs: nowNs(), cpuAtStartUs: cpu.user + cpu.system });
      return;
    }
    case 'memory':
      send({ kind: 'memory', sample: sampleMemory() });
      return;
    case 'bytes':
      send({ kind: 'bytes', bytesIn: counter.bytesIn, bytesOut: counter.bytesOut });
      return;
    case 'cpu': {
      const cpu = process.cpuUsage();
      send({ kind: 'cpu', cpuUs: cpu.user + cpu.system });
      return;
    }
    case 'stop':
      void stop();
      return;
  }
});

function sampleMemory(): MemorySample {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let pass = 0; pass < 4; pass++) gc?.();
  const usage = process.memoryUsage();
  return { rss: usage.rss, heapUsed: usage.heapUsed, external: usage.external, arrayBuffers: usage.arrayBuffers };
}

async function stop(): Promise<void> {
  const deadline = setTimeout(() => process.exit(0), 2000);
  deadline.unref();
  try {
    await server.close();
    httpServer.closeAllConnections();
    await new Promise<void>((resolve) => httpServer.close(() => resolve()));
  } finally {
    process.exit(0);
  }
}
