import type { FiniteResult, HarnessToLoad, LoadChildConfig, LoadToHarness } from '../harness/messages';
import { BENCH_TOKEN } from '../systems/shared/fixture';
import { loadClientModule } from '../systems/registry';
import type { ClientConnectOptions } from '../systems/types';
import { runFleet } from '../workloads/fleet';
import { runHandshake, runHandshakeWindows } from '../workloads/handshake';
import { runLatency } from '../workloads/latency';
import { runThroughput } from '../workloads/throughput';
import { runThroughputWindows } from '../workloads/throughput-windows';
import { exitWithHarness, nowNs, readConfig, sendToHarness, sendToHarnessAndFlush } from './ipc';

/**
 * The load generator: one system's client library, one workload, driven by the harness over IPC.
 * It loads its library at once, then waits for `start` with the server's port.
 */

const config = readConfig<LoadChildConfig>();
const send = (message: LoadToHarness): void => sendToHarness(message);
exitWithHarness();

const workload = config.workload;
const started = new Promise<number>((resolve) => {
  process.on('message', (message: HarnessToLoad) => {
    if (message.kind === 'start') resolve(message.port);
    else if (message.kind === 'stop' && workload.kind !== 'fleet' && workload.kind !== 'throughput-windows' && workload.kind !== 'handshake-windows') process.exit(0);
  });
});
const systemModule = await loadClientModule(config.system);
const base: ClientConnectOptions = { port: await started, token: BENCH_TOKEN, auth: 'token' };

try {
  if (workload.kind === 'fleet') {
    await runFleet(systemModule, base, workload, send, nowNs);
  } else if (workload.kind === 'throughput-windows') {
    await runThroughputWindows(systemModule, base, workload, send);
  } else if (workload.kind === 'handshake-windows') {
    await runHandshakeWindows(systemModule, base, workload, send);
  } else {
    let result: FiniteResult;
    if (workload.kind === 'throughput') result = await runThroughput(systemModule, base, workload, (edge) => send({ kind: edge }));
    else if (workload.kind === 'latency') result = await runLatency(systemModule, base, workload);
    else result = await runHandshake(systemModule, base, workload);
    await sendToHarnessAndFlush({ kind: 'result', result });
  }
} catch (error) {
  await sendToHarnessAndFlush({ kind: 'error', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
}
// Closed clients may still be finishing their closing handshakes; nothing is left to measure.
process.exit(0);
