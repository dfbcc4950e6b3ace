import { defineEvent, defineEvents } from '@gatewire/protocol';
import { FaultProxy } from '@gatewire/test-harness';
import { Type } from '@sinclair/typebox';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, connectApprovedNode, cutOffFromRedis, eventually, onCleanup, startClusterGateway, type ClusterGateway } from './helpers/cluster';
import { RedisServer } from '@gatewire/test-harness';

const appEvents = defineEvents(defineEvent('app.note', { payload: Type.Object({ n: Type.Integer() }), scope: 'everyone' }));
type AppEvents = typeof appEvents;

let redis: RedisServer;
beforeAll(async () => {
  redis = await RedisServer.start();
});
afterAll(async () => {
  await redis.kill();
});

/** A gateway whose Redis connections go through a fault proxy (Redis itself keeps running and keeps its data). */
async function gatewayBehindProxy(
  cluster: string,
  options: { tickIntervalMs?: number } = {},
  adapterOptions: { renewIntervalMs?: number } = {},
): Promise<{ gateway: ClusterGateway<AppEvents>; proxy: FaultProxy }> {
  const proxy = await FaultProxy.start(redis.port);
  onCleanup(() => proxy.close());
  const gateway = await startClusterGateway<AppEvents>(`redis://127.0.0.1:${proxy.port}`, { events: appEvents, ...options }, { cluster, ...adapterOptions });
  return { gateway, proxy };
}

/** A caller-side gateway behind a proxy, a node on another gateway, and an operator that invokes it (60 s timeout). */
async function invokeAcross(cluster: string) {
  const { gateway: callerSide, proxy } = await gatewayBehindProxy(cluster);
  const nodeSide = await startClusterGateway(redis.url, {}, { cluster });
  const { node, nodeId } = await connectApprovedNode(nodeSide.url);
  await eventually(() => callerSide.adapter.getNode(nodeId), (route) => route?.commands.includes('echo') === true);
  const { client: operator } = await connect(callerSide.url);
  const invoke = (id: string) => operator.send({ type: 'req', id, method: 'node.invoke', params: { nodeId, command: 'echo', timeoutMs: 60_000, idempotencyKey: id } });
  return { callerSide, proxy, node, nodeId, operator, invoke };
}

describe('a gateway that lost Redis', () => {
  it('still sends tick to its clients, unsequenced, so that no seq is spent while the cluster order is out of reach', async () => {
    const { gateway, proxy } = await gatewayBehindProxy('loss-tick', { tickIntervalMs: 50 });
    const { client } = await connect(gateway.url);
    gateway.gateway.broadcast('app.note', { n: 1 });
    const before = await client.nextEvent('app.note');
    expect(before.seq).toEqual(expect.any(Number));

    const reconnect = await cutOffFromRedis(gateway, proxy);
    const tick = await client.nextMatching((frame) => frame.event === 'tick' && frame.seq === undefined);
    expect(tick['payload']).toMatchObject({ ts: expect.any(Number) });
    await reconnect();
    const ticksWhileCut = client.received.filter((frame) => frame.event === 'tick' && frame.seq === undefined).length;
    expect(ticksWhileCut).toBeGreaterThan(0);

    gateway.gateway.broadcast('app.note', { n: 2 });
    const after = await client.nextMatching((frame) => frame.event === 'app.note' && (frame['payload'] as { n: number }).n === 2);
    // Up to n=2: sequenced ticks keep coming after it.
    const upToAfter = client.received.slice(0, client.received.indexOf(after) + 1);
    const sequenced = upToAfter.filter((frame) => frame.seq !== undefined).map((frame) => frame.seq);
    // Contiguous from 1: sequenced ticks before and after the cut, none spent while cut off.
    expect(sequenced).toEqual(sequenced.map((_, index) => index + 1));
    expect(after.seq).toBe(sequenced.at(-1));
  });

  it('fails its pending and new cross-gateway invokes at once with a retryable UNAVAILABLE, and invokes again once Redis is back', async () => {
    const { callerSide, proxy, node, nodeId, operator, invoke } = await invokeAcross('loss-invoke');

    invoke('pending');
    await node.nextEvent('node.invoke.request');
    const cutAt = Date.now();
    const reconnect = await cutOffFromRedis(callerSide, proxy);
    const pending = await operator.nextMatching((frame) => frame.id === 'pending');
    expect(pending).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', retryable: true } });
    // Far below the call's own 60 s timeout: the loss of Redis fails it, not a timer.
    expect(Date.now() - cutAt).toBeLessThan(10_000);

    invoke('while-cut');
    expect(await operator.nextMatching((frame) => frame.id === 'while-cut')).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', retryable: true } });

    await reconnect();
    await eventually(() => callerSide.adapter.getNode(nodeId), (route) => route !== undefined);
    invoke('after');
    const request = (await node.nextEvent('node.invoke.request'))['payload'] as { id: string };
    await node.request('node.invoke.result', { id: request.id, nodeId, ok: true, payload: { back: true } });
    expect(await operator.nextMatching((frame) => frame.id === 'after')).toMatchObject({ ok: true });
  });
});

describe('a gateway that lost only its subscriber connection', () => {
  it('says degraded and fails its pending cross-gateway invokes at once (their results would be published to nobody)', async () => {
    const { callerSide, proxy, node, operator, invoke } = await invokeAcross('loss-subscriber');
    invoke('pending');
    await node.nextEvent('node.invoke.request');
    proxy.refuseNew(true);
    const admin = createClient({ url: redis.url });
    await admin.connect();
    onCleanup(() => admin.destroy());
    const clients = (await admin.sendCommand(['CLIENT', 'LIST'])) as string;
    const subscriber = clients.split('\n').find((line) => line.includes(`name=gatewire-command-${callerSide.adapter.gatewayId}`) && !/ sub=0 /.test(line));
    const id = / id=(\d+) /.exec(` ${subscriber ?? ''}`)?.[1];
    expect(id).toBeDefined();
    await admin.sendCommand(['CLIENT', 'KILL', 'ID', id as string]);

    expect(await operator.nextMatching((frame) => frame.id === 'pending')).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', retryable: true } });
    expect(callerSide.adapter.health()).toEqual({ ok: false, reason: 'redis unreachable' });
    proxy.refuseNew(false);
    await eventually(() => callerSide.adapter.health().ok, (ok) => ok);
  });
});

describe('a gateway whose Redis stalls (connections open, no answer)', () => {
  it('says degraded after two renew intervals without an answer, holds its broadcasts, and recovers when Redis answers again', async () => {
    // Renewing every 200 ms: degraded after about 400 ms, far inside the 5 s lease (the others keep it).
    const { gateway, proxy } = await gatewayBehindProxy('stall', {}, { renewIntervalMs: 200 });
    const watcherSide = await startClusterGateway<AppEvents>(redis.url, { events: appEvents }, { cluster: 'stall' });
    const { client: watcher } = await connect(watcherSide.url);
    const { client: local } = await connect(gateway.url);

    proxy.stall();
    await eventually(() => gateway.adapter.health().ok, (ok) => !ok);
    expect(gateway.adapter.health()).toEqual({ ok: false, reason: 'redis not answering' });
    const ready = await fetch(`http://127.0.0.1:${gateway.port}/ready`);
    expect(await ready.json()).toMatchObject({ status: 'degraded' });
    expect((await local.request('health'))['payload']).toMatchObject({ ok: false });
    gateway.gateway.broadcast('app.note', { n: 1 });

    proxy.unstall();
    await eventually(() => gateway.adapter.health().ok, (ok) => ok);
    expect(await watcher.nextEvent('app.note')).toMatchObject({ payload: { n: 1 } });
    expect(await local.nextEvent('app.note')).toMatchObject({ payload: { n: 1 } });
    expect(gateway.adapter.stats.outboxDropped).toBe(0);
  });

  it('still closes, within a bounded time, while Redis does not answer', async () => {
    const { gateway, proxy } = await gatewayBehindProxy('stall-close');
    proxy.stall();
    const startedAt = Date.now();
    await gateway.close();
    // The outbox drain and the goodbye to Redis wait 2 s each at most.
    expect(Date.now() - startedAt).toBeLessThan(10_000);
  });
});
