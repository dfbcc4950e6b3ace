import { describe, expect, it } from 'vitest';
import { RedisNodePairingStore } from '../src/redis-node-pairing-store';
import { useRedisServer } from './harness/redis-fixture';
import { connect, connectNode, eventually, startClusterGateway, type Frame } from './helpers/cluster';

/** Node pairing across two gateways on the Redis adapter, each with its own RedisNodePairingStore on one real redis-server. */

const { server, connection } = useRedisServer();

async function pairingCluster(cluster: string) {
  const gateways = [];
  for (let index = 0; index < 2; index++) {
    const store = new RedisNodePairingStore({ redis: await connection(), cluster });
    gateways.push(await startClusterGateway(server().url, { nodePairing: { store } }, { cluster }));
  }
  const [a, b] = gateways;
  if (a === undefined || b === undefined) throw new Error('two gateways');
  const inspector = new RedisNodePairingStore({ redis: await connection(), cluster });
  return { a, b, inspector };
}

function pairEvent(event: string, nodeId: string): (frame: Frame) => boolean {
  return (frame) => frame.event === event && (frame['payload'] as { nodeId?: string }).nodeId === nodeId;
}

function payloadOf<T>(frame: Frame): T {
  return frame['payload'] as T;
}

describe('node pairing across gateways (Redis adapter, RedisNodePairingStore, real redis-server)', () => {
  it('of an approve and a reject of one request racing through two gateways, exactly one wins; the other answers APPROVAL_NOT_FOUND', async () => {
    const { a, b, inspector } = await pairingCluster('race');
    const { client: operatorA } = await connect(a.url);
    const { client: operatorB } = await connect(b.url);
    const requestIds: string[] = [];
    for (let round = 0; round < 6; round++) {
      const { nodeId } = await connectNode(a.url);
      const { requestId } = payloadOf<{ requestId: string }>(await operatorB.nextMatching(pairEvent('node.pair.requested', nodeId)));
      requestIds.push(requestId);
      // Alternate which gateway approves, and send both decisions at once.
      const [approver, rejecter] = round % 2 === 0 ? [operatorA, operatorB] : [operatorB, operatorA];
      const [approved, rejected] = await Promise.all([approver.request('node.pair.approve', { requestId }), rejecter.request('node.pair.reject', { requestId })]);
      expect([approved.ok, rejected.ok].filter((ok) => ok === true), `round ${round}`).toHaveLength(1);
      const loser = approved.ok === true ? rejected : approved;
      expect(loser).toMatchObject({ ok: false, error: { code: 'APPROVAL_NOT_FOUND', details: { requestId } } });
      // The store holds the winner's decision.
      expect((await inspector.getNode(nodeId)) !== undefined, `round ${round}: paired`).toBe(approved.ok === true);
      expect(await inspector.getRequest(requestId)).toBeUndefined();
    }
    // One more broadcast after every decision: the cluster log orders it after their resolved events.
    const { nodeId: marker } = await connectNode(b.url);
    await operatorA.nextMatching(pairEvent('node.pair.requested', marker));
    const resolvedRequests = operatorA.received.filter((frame) => frame.event === 'node.pair.resolved').map((frame) => payloadOf<{ requestId: string }>(frame).requestId);
    expect(resolvedRequests).toEqual(requestIds);
  });

  it('a node connected to A stays connected while it is approved through B, and is invocable through both as soon as the approval answers; requested and resolved reach the other gateway', async () => {
    const { a, b } = await pairingCluster('approve-across');
    const { client: operatorA } = await connect(a.url);
    const { client: operatorB } = await connect(b.url);
    const { node, nodeId } = await connectNode(a.url);
    const requested = payloadOf<{ requestId: string; commands: string[] }>(await operatorB.nextMatching(pairEvent('node.pair.requested', nodeId)));
    expect(requested.commands).toEqual(['echo']);

    const approved = await operatorB.request('node.pair.approve', { requestId: requested.requestId });
    expect(approved).toMatchObject({ ok: true, payload: { requestId: requested.requestId, node: { nodeId, commands: ['echo'] } } });

    // At once after the answer, before A has applied the approval to its route: both gateways reach the node.
    for (const [caller, id] of [
      [operatorB, 'via-b'],
      [operatorA, 'via-a'],
    ] as const) {
      caller.send({ type: 'req', id, method: 'node.invoke', params: { nodeId, command: 'echo', params: { id }, timeoutMs: 5_000, idempotencyKey: id } });
      const answer = caller.nextMatching((frame) => frame.id === id);
      const first = await Promise.race([node.nextEvent('node.invoke.request'), answer]);
      expect(first.event, `${id} answered before the node was asked: ${JSON.stringify(first)}`).toBe('node.invoke.request');
      const request = payloadOf<{ id: string; paramsJSON: string }>(first);
      expect(JSON.parse(request.paramsJSON)).toEqual({ id });
      await node.request('node.invoke.result', { id: request.id, nodeId, ok: true, payload: { answered: id } });
      expect(await answer, id).toMatchObject({ ok: true, payload: { nodeId, payload: { answered: id } } });
    }
    const resolved = payloadOf(await operatorA.nextMatching(pairEvent('node.pair.resolved', nodeId)));
    expect(resolved).toMatchObject({ requestId: requested.requestId, nodeId, decision: 'approved' });
    // A, which serves the node, applied the approval to its route; B lists A's route (it registered none of its own).
    const routeOnA = await eventually(() => a.adapter.getNode(nodeId), (route) => route?.approvalState === 'approved');
    await eventually(() => b.adapter.getNode(nodeId), (route) => route?.approvalState === 'approved');
    expect(b.adapter.getNode(nodeId)).toEqual(routeOnA);
    expect(node.ws.readyState).toBe(node.ws.OPEN);
  });

  it('node.pair.remove through B closes the node connection on A with 4001', async () => {
    const { a, b } = await pairingCluster('remove-across');
    const { client: operatorB } = await connect(b.url);
    const { node, nodeId } = await connectNode(a.url);
    const { requestId } = payloadOf<{ requestId: string }>(await operatorB.nextMatching(pairEvent('node.pair.requested', nodeId)));
    expect(await operatorB.request('node.pair.approve', { requestId })).toMatchObject({ ok: true });
    expect(await operatorB.request('node.pair.remove', { nodeId })).toMatchObject({ ok: true, payload: { nodeId } });
    expect(await node.closed).toEqual({ code: 4001, reason: 'node removed' });
  });
});
