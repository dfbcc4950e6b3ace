import { FaultProxy } from '@gatewire/test-harness';
import { describe, expect, it } from 'vitest';
import { RedisNodePairingStore } from '../src/redis-node-pairing-store';
import { useRedisServer } from './harness/redis-fixture';
import { connect, connectNode, cutOffFromRedis, eventually, onCleanup, startClusterGateway, type ClusterGateway, type Frame } from './helpers/cluster';

/**
 * A node pairing change made through gateway B for a node connected to gateway A, while one of the
 * two had lost Redis: the notice B sends A is lost, yet A applies the change once Redis is back.
 * Each gateway's pairing store has its own direct connection; only the adapter goes through a fault
 * proxy, so the decision itself is made and stored while the adapter is cut off.
 */

const { server, connection } = useRedisServer();

interface Side {
  readonly gateway: ClusterGateway;
  /** Cut the adapter off Redis; the returned function lets it reconnect and waits until it is healthy. */
  readonly cutOff?: () => Promise<() => Promise<void>>;
}

async function side(cluster: string, behindProxy: boolean): Promise<Side> {
  const store = new RedisNodePairingStore({ redis: await connection(), cluster });
  if (!behindProxy) return { gateway: await startClusterGateway(server().url, { nodePairing: { store } }, { cluster }) };
  const proxy = await FaultProxy.start(server().port);
  onCleanup(() => proxy.close());
  const gateway = await startClusterGateway(`redis://127.0.0.1:${proxy.port}`, { nodePairing: { store } }, { cluster });
  return { gateway, cutOff: () => cutOffFromRedis(gateway, proxy) };
}

function requestedFor(nodeId: string): (frame: Frame) => boolean {
  return (frame) => frame.event === 'node.pair.requested' && (frame['payload'] as { nodeId?: string }).nodeId === nodeId;
}

/** Gateways A (the node's) and B (the operator's), a pending node on A, its request seen on B. */
async function pendingNodeOnA(cluster: string, proxied: 'a' | 'b') {
  const a = await side(cluster, proxied === 'a');
  const b = await side(cluster, proxied === 'b');
  const { client: operatorB } = await connect(b.gateway.url);
  const { node, nodeId } = await connectNode(a.gateway.url);
  const { requestId } = (await operatorB.nextMatching(requestedFor(nodeId)))['payload'] as { requestId: string };
  await eventually(() => b.gateway.adapter.getNode(nodeId), (route) => route !== undefined);
  return { a, b, operatorB, node, nodeId, requestId };
}

describe('node pairing across gateways while one of them has lost Redis (real redis-server, fault proxy)', () => {
  it('the node gateway, cut off while the node is approved through the other, applies the approval once Redis is back', async () => {
    const { a, operatorB, node, nodeId, requestId } = await pendingNodeOnA('outage-approve-a', 'a');
    const reconnect = await a.cutOff!();
    expect(await operatorB.request('node.pair.approve', { requestId })).toMatchObject({ ok: true });
    expect(a.gateway.adapter.getNode(nodeId)?.approvalState).toBe('pending-approval');
    await reconnect();
    const route = await eventually(() => a.gateway.adapter.getNode(nodeId), (current) => current?.approvalState === 'approved');
    expect(route?.commands).toEqual(['echo']);
    expect(node.ws.readyState).toBe(node.ws.OPEN);
  });

  it('the node gateway, cut off while the node is removed through the other, closes the node 4001 once Redis is back', async () => {
    const { a, operatorB, node, nodeId, requestId } = await pendingNodeOnA('outage-remove-a', 'a');
    expect(await operatorB.request('node.pair.approve', { requestId })).toMatchObject({ ok: true });
    await eventually(() => a.gateway.adapter.getNode(nodeId), (route) => route?.approvalState === 'approved');
    const reconnect = await a.cutOff!();
    expect(await operatorB.request('node.pair.remove', { nodeId })).toMatchObject({ ok: true });
    expect(node.ws.readyState).toBe(node.ws.OPEN);
    await reconnect();
    expect(await node.closed).toEqual({ code: 4001, reason: 'node removed' });
  });

  it('the deciding gateway, cut off when it approves a node of the other, sends the notice once Redis is back', async () => {
    const { a, b, operatorB, nodeId, requestId } = await pendingNodeOnA('outage-approve-b', 'b');
    const reconnect = await b.cutOff!();
    expect(await operatorB.request('node.pair.approve', { requestId })).toMatchObject({ ok: true });
    await eventually(() => b.gateway.adapter.stats.unsentPairingNotices, (count) => count === 1);
    expect(a.gateway.adapter.getNode(nodeId)?.approvalState).toBe('pending-approval');
    await reconnect();
    await eventually(() => a.gateway.adapter.getNode(nodeId), (route) => route?.approvalState === 'approved');
    expect(b.gateway.adapter.stats.unsentPairingNotices).toBe(0);
  });
});
