import { defineEvent, defineEvents } from '@gatewire/protocol';
import { parsePrometheusText, RedisServer, sampleValue, type MetricFamily } from '@gatewire/test-harness';
import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { connect, eventually, onCleanup, SCRAPE_TOKEN, startClusterGateway, type ClusterGateway } from './helpers/cluster';

const appEvents = defineEvents(defineEvent('app.note', { payload: Type.Object({ n: Type.Integer() }), scope: 'everyone' }));
type AppEvents = typeof appEvents;

/** `GET /metrics` of `gateway`, parsed strictly. */
async function scrape(gateway: ClusterGateway<AppEvents>): Promise<Map<string, MetricFamily>> {
  const response = await fetch(`http://127.0.0.1:${gateway.port}/metrics`, { headers: { authorization: `Bearer ${SCRAPE_TOKEN}` } });
  expect(response.status).toBe(200);
  return parsePrometheusText(await response.text());
}

/** The three adapter series of a scrape. */
function adapterSeries(families: Map<string, MetricFamily>): { connected: number; lagEntries: number; outboxDepth: number } {
  return {
    connected: sampleValue(families, 'gatewire_adapter_connected'),
    lagEntries: sampleValue(families, 'gatewire_adapter_lag_entries'),
    outboxDepth: sampleValue(families, 'gatewire_adapter_outbox_depth'),
  };
}

describe('Prometheus metrics of the Redis adapter', () => {
  it('exports the connection state, lag and outbox depth: 0 and a filling outbox while Redis is down, back to 1 and empty after', async () => {
    const redis = await RedisServer.start();
    onCleanup(() => redis.kill());
    const gateway = await startClusterGateway<AppEvents>(redis.url, { events: appEvents, metrics: true });
    const { client } = await connect(gateway.url);
    gateway.gateway.broadcast('app.note', { n: 1 });
    await client.nextEvent('app.note');
    expect(adapterSeries(await scrape(gateway))).toEqual({ connected: 1, lagEntries: 0, outboxDepth: 0 });

    await redis.kill();
    await eventually(() => gateway.adapter.health().ok, (ok) => !ok);
    gateway.gateway.broadcast('app.note', { n: 2 });
    gateway.gateway.broadcast('app.note', { n: 3 });
    const down = adapterSeries(await scrape(gateway));
    expect(down.connected).toBe(0);
    expect(down.outboxDepth).toBe(gateway.adapter.stats.outboxSize);
    expect(down.outboxDepth).toBeGreaterThanOrEqual(2);

    await redis.restart();
    expect((await client.nextEvent('app.note'))['payload']).toEqual({ n: 2 });
    expect((await client.nextEvent('app.note'))['payload']).toEqual({ n: 3 });
    await eventually(() => gateway.adapter.health().ok, (ok) => ok);
    expect(adapterSeries(await scrape(gateway))).toEqual({ connected: 1, lagEntries: 0, outboxDepth: 0 });
  });

  it('refuses a broadcast once the outbox is full while Redis is down: broadcast() returns false, the refusal is counted, no client sees a hole for it', async () => {
    const redis = await RedisServer.start();
    onCleanup(() => redis.kill());
    const gateway = await startClusterGateway<AppEvents>(redis.url, { events: appEvents, metrics: true }, { maxOutboxEntries: 2 });
    const { client } = await connect(gateway.url);
    expect(gateway.gateway.broadcast('app.note', { n: 1 })).toBe(true);
    const first = await client.nextEvent('app.note');

    await redis.kill();
    await eventually(() => gateway.adapter.health().ok, (ok) => !ok);
    expect(gateway.gateway.broadcast('app.note', { n: 2 })).toBe(true);
    expect(gateway.gateway.broadcast('app.note', { n: 3 })).toBe(true);
    expect(gateway.gateway.broadcast('app.note', { n: 4 })).toBe(false);
    expect(sampleValue(await scrape(gateway), 'gatewire_adapter_broadcasts_refused_total')).toBe(1);

    await redis.restart();
    await eventually(() => gateway.adapter.health().ok, (ok) => ok);
    expect(gateway.gateway.broadcast('app.note', { n: 5 })).toBe(true);
    const received = [await client.nextEvent('app.note'), await client.nextEvent('app.note'), await client.nextEvent('app.note')];
    expect(received.map((frame) => (frame['payload'] as { n: number }).n)).toEqual([2, 3, 5]);
    // The refused broadcast never took a place in the cluster order. The only hole in the sequenced
    // frames since the first note is the one the restart announces: this Redis comes back empty, a new
    // epoch, and the gateway spends one seq per lost gap (stats.lostGaps) so that clients resync.
    const since = client.received.slice(client.received.indexOf(first)).filter((frame) => typeof frame['seq'] === 'number');
    const steps = since.slice(1).map((frame, index) => (frame['seq'] as number) - (since[index]?.['seq'] as number));
    expect(steps.filter((step) => step !== 1)).toEqual(Array.from({ length: gateway.adapter.stats.lostGaps }, () => 2));
    expect(gateway.adapter.stats.lostGaps).toBe(1);
    expect(since.at(-1)).toBe(received[2]);
  });
});
