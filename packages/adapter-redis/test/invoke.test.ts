import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, connectApprovedNode, eventually, startClusterGateway } from './helpers/cluster';
import { RedisServer } from '@gatewire/test-harness';

let redis: RedisServer;
beforeAll(async () => {
  redis = await RedisServer.start();
});
afterAll(async () => {
  await redis.kill();
});

interface InvokeRequest {
  id: string;
  nodeId: string;
  command: string;
  paramsJSON: string | null;
  timeoutMs: number;
}

async function twoGateways(cluster: string) {
  const callerSide = await startClusterGateway(redis.url, {}, { cluster });
  const nodeSide = await startClusterGateway(redis.url, {}, { cluster });
  const { node, nodeId } = await connectApprovedNode(nodeSide.url);
  await eventually(() => callerSide.adapter.getNode(nodeId), (route) => route?.commands.includes('echo') === true);
  const { client: operator } = await connect(callerSide.url);
  return { callerSide, nodeSide, node, nodeId, operator };
}

describe('node.invoke across gateways', () => {
  it('lists a node of another gateway and round-trips an invoke to it', async () => {
    const { node, nodeId, operator } = await twoGateways('invoke-ok');
    const list = (await operator.request('node.list'))['payload'] as { nodes: Array<{ nodeId: string }> };
    expect(list.nodes.map((entry) => entry.nodeId)).toEqual([nodeId]);
    operator.send({ type: 'req', id: 'inv', method: 'node.invoke', params: { nodeId, command: 'echo', params: { x: 1 }, timeoutMs: 5_000, idempotencyKey: 'k1' } });
    const request = (await node.nextEvent('node.invoke.request'))['payload'] as InvokeRequest;
    expect(request).toMatchObject({ nodeId, command: 'echo', paramsJSON: '{"x":1}' });
    const ack = await node.request('node.invoke.result', { id: request.id, nodeId, ok: true, payload: { y: 2 } });
    expect(ack).toMatchObject({ ok: true, payload: { ok: true } });
    expect(ack['payload']).not.toHaveProperty('ignored');
    const result = await operator.nextMatching((frame) => frame.id === 'inv');
    expect(result['payload']).toEqual({ ok: true, nodeId, command: 'echo', payload: { y: 2 }, payloadJSON: null });
  });

  it('times out on the caller gateway and cancels the node on the other', async () => {
    const { node, nodeId, operator, nodeSide } = await twoGateways('invoke-timeout');
    operator.send({ type: 'req', id: 'inv', method: 'node.invoke', params: { nodeId, command: 'echo', timeoutMs: 300, idempotencyKey: 'k2' } });
    const request = (await node.nextEvent('node.invoke.request'))['payload'] as InvokeRequest;
    const result = await operator.nextMatching((frame) => frame.id === 'inv');
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', retryable: true, details: { code: 'TIMEOUT' } } });
    const cancel = await node.nextEvent('node.invoke.cancel');
    expect(cancel['payload']).toEqual({ invokeId: request.id, nodeId, reason: 'timeout' });
    await eventually(() => nodeSide.adapter.stats.forwardedInvokes, (count) => count === 0);
    const late = await node.request('node.invoke.result', { id: request.id, nodeId, ok: true });
    expect(late['payload']).toEqual({ ok: true, ignored: true });
  });

  it('fails pending invokes at once with a retryable UNAVAILABLE when the node disconnects from its gateway', async () => {
    const { node, nodeId, operator } = await twoGateways('invoke-gone');
    operator.send({ type: 'req', id: 'inv', method: 'node.invoke', params: { nodeId, command: 'echo', timeoutMs: 20_000, idempotencyKey: 'k3' } });
    await node.nextEvent('node.invoke.request');
    const closedAt = Date.now();
    node.close();
    const result = await operator.nextMatching((frame) => frame.id === 'inv');
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', retryable: true, details: { code: 'UNAVAILABLE' } } });
    expect(Date.now() - closedAt).toBeLessThan(2_000);
  });

  it('fails pending invokes at once when the node gateway closes', async () => {
    const { node, nodeId, operator, nodeSide } = await twoGateways('invoke-bye');
    operator.send({ type: 'req', id: 'inv', method: 'node.invoke', params: { nodeId, command: 'echo', timeoutMs: 20_000, idempotencyKey: 'k4' } });
    await node.nextEvent('node.invoke.request');
    const closedAt = Date.now();
    await nodeSide.close();
    const result = await operator.nextMatching((frame) => frame.id === 'inv');
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', retryable: true } });
    expect(Date.now() - closedAt).toBeLessThan(3_000);
  });
});
