import type { FiniteResult, LoadChildConfig, LoadToHarness } from '../harness/messages';
import { BENCH_TOKEN } from '../systems/shared/fixture';
import { loadClientModule } from '../systems/registry';
import type { ClientConnectOptions } from '../systems/types';
import { runFleet } from '../workloads/fleet';
import { runHandshake } from '../workloads/handshake';
import { runLatency } from '../workloads/latency';
import { runThroughput } from '../workloads/throughput';
import { exitWithHarness, nowNs, readConfig, sendToHarness } from './ipc';

/** The load generator: one system's client library, one workload, driven by the harness over IPC. */

const config = readConfig<LoadChildConfig>();
const send = (message: LoadToHarness): void => sendToHarness(message);
exitWithHarness();

const systemModule = await loadClientModule(config.system);
const base: ClientConnectOptions = { port: config.port, token: BENCH_TOKEN, auth: 'token' };
const workload = config.workload;

try {
  if (workload.kind === 'fleet') {
    await runFleet(systemModule, base, workload, send, nowNs);
  } else {
    let result: FiniteResult;
    if (workload.kind === 'throughput') result = await runThroughput(systemModule, base, workload);
    else if (workload.kind === 'latency') result = await runLatency(systemModule, base, workload);
    else result = await runHandshake(systemModule, base, workload);
    send({ kind: 'result', result });
  }
} catch (error) {
  send({ kind: 'error', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
}
setTimeout(() => process.exit(0), 50);
