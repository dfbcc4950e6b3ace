import { DeviceIdentity, deviceAuth, GatewayClient, nodeInvoke } from '@gatewire/client/node';
import type { NodePairRequest, PairedNode } from '@gatewire/protocol';
import { MemoryNodePairingStore, startGateway, type NodePairingStore, type StandaloneGateway } from '@gatewire/server';
import { describe, expect, it } from 'vitest';
import { RedisNodePairingStore } from '../src/redis-node-pairing-store';
import { useRedisServer } from './harness/redis-fixture';

const TOKEN = 'redis-node-pairing-store-test-token';

const { connection, afterThisTest } = useRedisServer();

function pairedNode(nodeId: string, commands: string[] = ['echo']): PairedNode {
  return { nodeId, caps: [], commands, createdAtMs: 1, approvedAtMs: 2 };
}

function request(requestId: string, nodeId: string): NodePairRequest {
  return { requestId, nodeId, caps: [], commands: ['echo'], isRepair: false, requiredApproveScopes: ['operator.pairing', 'operator.write'], ts: 3 };
}

async function gateway(store: NodePairingStore): Promise<StandaloneGateway> {
  const running = await startGateway({ port: 0, auth: { mode: 'token', token: TOKEN }, nodePairing: { store } });
  afterThisTest(() => running.close());
  return running;
}

function client(url: string, options: { role?: 'node'; device?: DeviceIdentity } = {}): GatewayClient {
  const created =
    options.role === 'node'
      ? new GatewayClient({ url, role: 'node', commands: ['echo'], nodeInvoke: nodeInvoke(), auth: { token: TOKEN }, ...(options.device === undefined ? {} : { deviceAuth: deviceAuth({ device: options.device }) }), reconnect: false })
      : new GatewayClient({ url, auth: { token: TOKEN }, scopes: ['operator.pairing', 'operator.write', 'operator.read'], reconnect: false });
  afterThisTest(() => created.close());
  return created;
}

/**
 * A node connects through A and waits for approval; an operator on B lists the request and approves
 * it; the node reconnects through B and `node.invoke` reaches it. Returns what B listed.
 */
async function approveAcrossGateways(storeA: NodePairingStore, storeB: NodePairingStore): Promise<{ listedOnB: string[]; approved: unknown; invoked: unknown }> {
  const a = await gateway(storeA);
  const b = await gateway(storeB);
  const device = await DeviceIdentity.generate();
  const nodeOnA = client(a.url, { role: 'node', device });
  await nodeOnA.connect();
  const operatorOnA = client(a.url);
  await operatorOnA.connect();
  const { pending: pendingOnA } = await operatorOnA.request('node.pair.list');
  expect(pendingOnA.map((pending) => pending.nodeId)).toEqual([device.deviceId]);

  const operatorOnB = client(b.url);
  await operatorOnB.connect();
  const { pending } = await operatorOnB.request('node.pair.list');
  const listedOnB = pending.map((pending) => pending.requestId);
  const requestId = pendingOnA[0]?.requestId ?? '';
  const approved = await operatorOnB.request('node.pair.approve', { requestId }).catch((error: unknown) => error);
  await nodeOnA.close();

  const nodeOnB = client(b.url, { role: 'node', device });
  nodeOnB.handleInvoke<{ text: string }>('echo', (params) => ({ echoed: params.text }));
  await nodeOnB.connect();
  const invoked = await operatorOnB
    .request('node.invoke', { nodeId: device.deviceId, command: 'echo', params: { text: 'hi' }, idempotencyKey: 'across-1' })
    .catch((error: unknown) => error);
  return { listedOnB, approved, invoked };
}

describe('RedisNodePairingStore', () => {
  it('stores, lists and deletes nodes and requests; two connections see the same entries', async () => {
    const one = new RedisNodePairingStore({ redis: await connection(), cluster: 'crud' });
    const two = new RedisNodePairingStore({ redis: await connection(), cluster: 'crud' });
    await one.putNode(pairedNode('n1'));
    await one.putNode(pairedNode('n2'));
    await one.putRequest(request('r1', 'n3'));
    expect(await two.getNode('n1')).toEqual(pairedNode('n1'));
    expect((await two.listNodes()).map((node) => node.nodeId).sort()).toEqual(['n1', 'n2']);
    expect(await two.getRequest('r1')).toEqual(request('r1', 'n3'));
    expect(await two.listRequests()).toEqual([request('r1', 'n3')]);
    await two.putNode(pairedNode('n1', ['echo', 'camera.snap']));
    expect((await one.getNode('n1'))?.commands).toEqual(['echo', 'camera.snap']);
    await two.deleteNode('n1');
    await two.deleteRequest('r1');
    expect(await one.getNode('n1')).toBeUndefined();
    expect(await one.getRequest('r1')).toBeUndefined();
    expect(await one.listRequests()).toEqual([]);
    expect([one.nodesKey, one.requestsKey]).toEqual(['gatewire:{crud}:paired-nodes', 'gatewire:{crud}:node-pairing-requests']);
    const redisConnection = await connection();
    expect(() => new RedisNodePairingStore({ redis: redisConnection, cluster: 'a{b' })).toThrow(TypeError);
  });

  it('takeRequest reads and deletes in one step: of concurrent takes through two connections exactly one gets the request', async () => {
    const one = new RedisNodePairingStore({ redis: await connection(), cluster: 'take' });
    const two = new RedisNodePairingStore({ redis: await connection(), cluster: 'take' });
    for (let round = 0; round < 20; round++) {
      await one.putRequest(request(`r${round}`, 'n1'));
      const taken = await Promise.all([one.takeRequest(`r${round}`), two.takeRequest(`r${round}`), one.takeRequest(`r${round}`), two.takeRequest(`r${round}`)]);
      expect(taken.filter((entry) => entry !== undefined)).toEqual([request(`r${round}`, 'n1')]);
    }
    expect(await one.listRequests()).toEqual([]);
    expect(await one.takeRequest('never-there')).toBeUndefined();
  });

  it('rejects a value that is not a protocol PairedNode or NodePairRequest with a TypeError naming the key and field', async () => {
    const redisConnection = await connection();
    const store = new RedisNodePairingStore({ redis: redisConnection, cluster: 'corrupt' });
    await redisConnection.hSet(store.nodesKey, 'bad-json', '{');
    await redisConnection.hSet(store.nodesKey, 'no-commands', JSON.stringify({ nodeId: 'no-commands', caps: [] }));
    await redisConnection.hSet(store.nodesKey, 'other-id', JSON.stringify(pairedNode('someone-else')));
    await redisConnection.hSet(store.requestsKey, 'r1', JSON.stringify({ ...request('r1', 'n1'), ts: 'yesterday' }));
    await expect(store.getNode('bad-json')).rejects.toThrow(/gatewire:\{corrupt\}:paired-nodes field bad-json is not JSON/);
    await expect(store.getNode('no-commands')).rejects.toThrow(/field no-commands is not a paired node/);
    await expect(store.getNode('other-id')).rejects.toThrow(/field other-id holds node someone-else/);
    await expect(store.listNodes()).rejects.toThrow(TypeError);
    await expect(store.getRequest('r1')).rejects.toThrow(/node-pairing-requests field r1 is not a node pairing request/);
    await expect(store.listRequests()).rejects.toThrow(TypeError);
    await expect(store.takeRequest('r1')).rejects.toThrow(/node-pairing-requests field r1 is not a node pairing request/);
  });

  it('a node pending through gateway A is listed and approved on gateway B, and node.invoke reaches it through B', async () => {
    const { listedOnB, approved, invoked } = await approveAcrossGateways(
      new RedisNodePairingStore({ redis: await connection(), cluster: 'across' }),
      new RedisNodePairingStore({ redis: await connection(), cluster: 'across' }),
    );
    expect(listedOnB).toHaveLength(1);
    expect(approved).toMatchObject({ requestId: listedOnB[0] });
    expect(invoked).toMatchObject({ ok: true, command: 'echo', payload: { echoed: 'hi' } });
  });

  it('the control: with in-memory stores B lists no request and the approval is not shared', async () => {
    const { listedOnB, approved, invoked } = await approveAcrossGateways(new MemoryNodePairingStore(), new MemoryNodePairingStore());
    expect(listedOnB).toEqual([]);
    expect(approved).toBeInstanceOf(Error);
    expect(invoked).toBeInstanceOf(Error);
  });
});
