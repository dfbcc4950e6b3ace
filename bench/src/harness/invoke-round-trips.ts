import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { GatewayClient } from '@gatewire/client';
import { DeviceIdentity, deviceAuth } from '@gatewire/client/device';
import { nodeInvoke } from '@gatewire/client/node-invoke';
import { BENCH_TOKEN } from '../systems/shared/fixture';
import { sleep } from '../sleep';

/** The command the bench node serves: it answers its params. */
const ECHO_COMMAND = 'bench.echo';
/** How long the caller's gateway may take to see the approved node through Redis. */
const ROUTE_TIMEOUT_MS = 10_000;
const ROUTE_POLL_MS = 10;
const INVOKE_TIMEOUT_MS = 10_000;

/** Round trips of `node.invoke`, ms: from a caller on the node's gateway and from one on another gateway. */
export interface InvokeRoundTrips {
  readonly sameGatewayMs: readonly number[];
  readonly crossGatewayMs: readonly number[];
}

/**
 * In the harness process: a node (role node, its own device, approved by an operator) on the
 * gateway at `nodePort`, and one caller on it and one on the gateway at `otherPort`. After
 * `warmup` unmeasured calls from each, `calls` measured calls from each, alternating same and
 * cross, one at a time.
 */
export async function measureInvokeRoundTrips(nodePort: number, otherPort: number, warmup: number, calls: number): Promise<InvokeRoundTrips> {
  const url = (port: number): string => `ws://127.0.0.1:${port}`;
  const node = new GatewayClient({ url: url(nodePort), auth: { token: BENCH_TOKEN }, role: 'node', deviceAuth: deviceAuth({ device: await DeviceIdentity.generate() }), commands: [ECHO_COMMAND], nodeInvoke: nodeInvoke(), reconnect: false });
  node.handleInvoke(ECHO_COMMAND, (params) => params);
  const sameCaller = new GatewayClient({ url: url(nodePort), auth: { token: BENCH_TOKEN }, reconnect: false });
  const crossCaller = new GatewayClient({ url: url(otherPort), auth: { token: BENCH_TOKEN }, reconnect: false });
  try {
    await Promise.all([node.connect(), sameCaller.connect(), crossCaller.connect()]);
    const nodeId = node.device?.deviceId ?? '';
    const { pending } = await sameCaller.request('node.pair.list');
    const pairing = pending.find((candidate) => candidate.nodeId === nodeId);
    if (pairing === undefined) throw new Error('the bench node asked for no pairing');
    await sameCaller.request('node.pair.approve', { requestId: pairing.requestId });
    await untilRouted(crossCaller, nodeId);
    const invoke = async (caller: GatewayClient, n: number): Promise<number> => {
      const startedAt = performance.now();
      await caller.request('node.invoke', { nodeId, command: ECHO_COMMAND, params: { n }, timeoutMs: INVOKE_TIMEOUT_MS, idempotencyKey: randomUUID() });
      return performance.now() - startedAt;
    };
    for (let n = 0; n < warmup; n++) {
      await invoke(sameCaller, n);
      await invoke(crossCaller, n);
    }
    const sameGatewayMs: number[] = [];
    const crossGatewayMs: number[] = [];
    for (let n = 0; n < calls; n++) {
      // Alternate which goes first, so neither always follows the other.
      if (n % 2 === 0) {
        sameGatewayMs.push(await invoke(sameCaller, n));
        crossGatewayMs.push(await invoke(crossCaller, n));
      } else {
        crossGatewayMs.push(await invoke(crossCaller, n));
        sameGatewayMs.push(await invoke(sameCaller, n));
      }
    }
    return { sameGatewayMs, crossGatewayMs };
  } finally {
    await Promise.all([node.close(), sameCaller.close(), crossCaller.close()]);
  }
}

/** Wait until the caller's gateway lists the node as connected and approved (it learns it through Redis). */
async function untilRouted(caller: GatewayClient, nodeId: string): Promise<void> {
  const deadline = Date.now() + ROUTE_TIMEOUT_MS;
  for (;;) {
    const { nodes } = await caller.request('node.list');
    if (nodes.some((listed) => listed.nodeId === nodeId && listed.connected && listed.approvalState === 'approved')) return;
    if (Date.now() > deadline) throw new Error(`node ${nodeId} not routable from the other gateway within ${ROUTE_TIMEOUT_MS} ms`);
    await sleep(ROUTE_POLL_MS);
  }
}
