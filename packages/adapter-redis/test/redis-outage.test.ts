import { defineEvent, defineEvents } from '@gatewire/protocol';
import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { connect, eventually, onCleanup, startClusterGateway } from './helpers/cluster';
import { RedisServer } from '@gatewire/test-harness';

const appEvents = defineEvents(defineEvent('app.note', { payload: Type.Object({ n: Type.Integer() }), scope: 'everyone' }));
type AppEvents = typeof appEvents;

describe('Redis outage', () => {
  it('degrades, holds broadcasts in order, reconnects by itself, and makes a Redis that came back empty visible as a seq gap', async () => {
    const redis = await RedisServer.start();
    onCleanup(() => redis.kill());
    const first = await startClusterGateway<AppEvents>(redis.url, { events: appEvents });
    const second = await startClusterGateway<AppEvents>(redis.url, { events: appEvents });
    const onFirst = (await connect(first.url)).client;
    const onSecond = (await connect(second.url)).client;
    first.gateway.broadcast('app.note', { n: 1 });
    // seq 1 of each connection is its gateway's health after hello-ok (checked by connect).
    expect(await onFirst.nextEvent('app.note')).toMatchObject({ seq: 2, payload: { n: 1 } });
    expect(await onSecond.nextEvent('app.note')).toMatchObject({ seq: 2, payload: { n: 1 } });

    await redis.kill();
    await eventually(() => first.adapter.health().ok, (ok) => !ok);
    const ready = await fetch(`http://127.0.0.1:${first.port}/ready`);
    expect(await ready.json()).toMatchObject({ status: 'degraded' });
    expect((await onFirst.request('health'))['payload']).toMatchObject({ ok: false });
    first.gateway.broadcast('app.note', { n: 2 });
    first.gateway.broadcast('app.note', { n: 3 });
    expect(first.adapter.stats.outboxSize).toBeGreaterThanOrEqual(2);

    await redis.restart();
    const frames = await Promise.all([onFirst, onSecond].map(async (client) => [await client.nextEvent('app.note'), await client.nextEvent('app.note')]));
    for (const [two, three] of frames) {
      expect(two).toMatchObject({ seq: 4, payload: { n: 2 } });
      expect(three).toMatchObject({ seq: 5, payload: { n: 3 } });
    }
    await eventually(() => first.adapter.health().ok, (ok) => ok);
    expect(first.adapter.stats.lostGaps).toBe(1);
    first.gateway.broadcast('app.note', { n: 4 });
    expect(await onSecond.nextEvent('app.note')).toMatchObject({ seq: 6, payload: { n: 4 } });
    expect(onSecond.received.filter((frame) => frame.event === 'app.note')).toHaveLength(4);
  });
});
