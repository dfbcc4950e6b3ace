import { runAlternating } from '../harness/alternate';
import type { BenchContext } from '../harness/context';
import { withSession, type ServerChild } from '../harness/processes';
import type { CaseResult } from '../results';
import { perSecond } from '../stats';
import type { SystemName } from '../systems/types';

/** Scenario 1: requests per second, closed loop, C connections × D requests in flight. */
export async function runRpcThroughput(context: BenchContext, systems: readonly SystemName[]): Promise<CaseResult[]> {
  const { throughput } = context.profile;
  const results: CaseResult[] = [];
  for (const { connections, inflight } of throughput.cases) {
    const spec = {
      scenario: 'rpc-throughput' as const,
      id: `rpc-throughput-${connections}x${inflight}`,
      title: `RPC throughput, ${connections} connection${connections === 1 ? '' : 's'} × ${inflight} in flight`,
      parameters: { connections, inflight, warmupMs: throughput.warmupMs, durationMs: throughput.durationMs },
      metrics: [
        { key: 'requestsPerSec', label: 'requests/s', unit: 'req/s', better: 'higher' as const },
        { key: 'serverCpuUsPerRequest', label: 'server CPU/req', unit: 'µs', better: 'lower' as const },
        { key: 'clientCpuUsPerRequest', label: 'client CPU/req', unit: 'µs', better: 'lower' as const },
        { key: 'errors', label: 'errors', unit: '', better: 'lower' as const },
      ],
      primaryMetric: 'requestsPerSec',
      systems,
      notes: [
        'Small params and result: `add({a: 1, b: 2}) → {sum: 3}`.',
        'CPU/req = CPU time (user + system) of the server process, and of the load generator, inside the window ÷ requests answered in it: less sensitive to a busy machine than requests/s.',
      ],
    };
    results.push(await runAlternating(context, spec, context.profile.rounds, (system) => measureThroughput(context, system, { connections, inflight })));
  }
  return results;
}

/** One throughput measurement of `system` (a fresh server; `metrics` turns Gatewire's metrics on). */
export function measureThroughput(
  context: BenchContext,
  system: SystemName,
  load: { readonly connections: number; readonly inflight: number },
  metrics = false,
): Promise<Record<string, number>> {
  const { throughput } = context.profile;
  const workload = { kind: 'throughput' as const, ...load, warmupMs: throughput.warmupMs, durationMs: throughput.durationMs };
  const timeoutMs = throughput.warmupMs + throughput.durationMs + 30_000;
  return withSession(context, system, { maxConnections: load.connections + 16, metrics }, [{ workload }], async (server, [generator]) => {
    if (generator === undefined) throw new Error('no load generator');
    await generator.next('window-start', timeoutMs);
    const cpuAtStart = await serverCpuUs(server);
    await generator.next('window-end', timeoutMs);
    const serverCpu = (await serverCpuUs(server)) - cpuAtStart;
    const result = (await generator.next('result', timeoutMs)).result;
    if (result.kind !== 'throughput') throw new Error(`unexpected result ${result.kind}`);
    return {
      requestsPerSec: perSecond(result.completed, result.elapsedMs),
      serverCpuUsPerRequest: serverCpu / result.completed,
      clientCpuUsPerRequest: result.clientCpuUs / result.completed,
      errors: result.errors,
    };
  });
}

/** The server child's CPU time (user + system) so far, µs. */
export async function serverCpuUs(server: ServerChild): Promise<number> {
  server.send({ kind: 'cpu' });
  return (await server.next('cpu', 5000)).cpuUs;
}
