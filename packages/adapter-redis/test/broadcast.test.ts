import { defineEvent, defineEvents } from '@gatewire/protocol';
import { Type } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, startClusterGateway, type ClusterGateway } from './helpers/cluster';
import { type Frame, type RawClient, RedisServer } from '@gatewire/test-harness';

const appEvents = defineEvents(defineEvent('app.note', { payload: Type.Object({ from: Type.Integer(), n: Type.Integer() }), scope: 'everyone' }));
type AppEvents = typeof appEvents;

let redis: RedisServer;
beforeAll(async () => {
  redis = await RedisServer.start();
});
afterAll(async () => {
  await redis.kill();
});

async function notes(client: RawClient, count: number): Promise<Frame[]> {
  const frames: Frame[] = [];
  for (let index = 0; index < count; index += 1) frames.push(await client.nextEvent('app.note'));
  return frames;
}

describe('broadcast across gateways', () => {
  it('delivers every broadcast to every client of every gateway exactly once, in one cluster-wide order', async () => {
    const gateways: Array<ClusterGateway<AppEvents>> = [];
    for (let index = 0; index < 3; index += 1) gateways.push(await startClusterGateway<AppEvents>(redis.url, { events: appEvents }, { cluster: 'order' }));
    const clients = await Promise.all(gateways.map(async (gateway) => (await connect(gateway.url)).client));
    const perGateway = 30;
    for (let n = 0; n < perGateway; n += 1) {
      for (const [from, gateway] of gateways.entries()) gateway.gateway.broadcast('app.note', { from, n });
    }
    const total = perGateway * gateways.length;
    const received = await Promise.all(clients.map((client) => notes(client, total)));
    const orders = received.map((frames) => frames.map((frame) => JSON.stringify(frame['payload'])));
    // seq 1 of each connection is its gateway's health after hello-ok (checked by connect).
    for (const frames of received) expect(frames.map((frame) => frame.seq)).toEqual(Array.from({ length: total }, (_, index) => index + 2));
    expect(new Set(orders[0]).size).toBe(total);
    expect(orders[1]).toEqual(orders[0]);
    expect(orders[2]).toEqual(orders[0]);
    for (const [from] of gateways.entries()) {
      const own = (orders[0] ?? []).map((text) => JSON.parse(text) as { from: number; n: number }).filter((note) => note.from === from);
      expect(own.map((note) => note.n)).toEqual(Array.from({ length: perGateway }, (_, index) => index));
    }
  });

  it('keeps health on the gateway that published it, without spending a seq on the others', async () => {
    const first = await startClusterGateway<AppEvents>(redis.url, { events: appEvents }, { cluster: 'local' });
    const second = await startClusterGateway<AppEvents>(redis.url, { events: appEvents }, { cluster: 'local' });
    const onFirst = (await connect(first.url)).client;
    const onSecond = (await connect(second.url)).client;
    first.gateway.publishHealth();
    first.gateway.broadcast('app.note', { from: 0, n: 1 });
    // seq 1 of each connection is its own gateway's health after hello-ok (checked by connect).
    expect(await onFirst.nextEvent('health')).toMatchObject({ seq: 2 });
    expect(await onFirst.nextEvent('app.note')).toMatchObject({ seq: 3 });
    expect(await onSecond.nextEvent('app.note')).toMatchObject({ seq: 2 });
    // Only its own gateway's health after hello-ok, never the first gateway's.
    expect(onSecond.received.filter((frame) => frame.event === 'health').map((frame) => frame.seq)).toEqual([1]);
  });
});
