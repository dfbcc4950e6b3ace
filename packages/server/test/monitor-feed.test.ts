import type { MonitorSnapshot, MonitorUpdateEvent } from '@gatewire/protocol';
import { describe, expect, it } from 'vitest';
import type { RawClient } from '@gatewire/test-harness';
import { connectClient, connectParams, errorOf, handshake, startTestGateway, type TestGateway } from './helpers/fixtures';

const TOKEN = 'monitor-feed-token';

/** The `monitor.update` events a subscriber receives, in order, with a way to await one. */
function followUpdates(client: RawClient): { updates: MonitorUpdateEvent[]; until: (predicate: (update: MonitorUpdateEvent) => boolean) => Promise<MonitorUpdateEvent> } {
  const updates: MonitorUpdateEvent[] = [];
  const until = async (predicate: (update: MonitorUpdateEvent) => boolean): Promise<MonitorUpdateEvent> => {
    for (;;) {
      const frame = await client.nextEvent('monitor.update');
      const update = frame['payload'] as MonitorUpdateEvent;
      updates.push(update);
      if (predicate(update)) return update;
    }
  };
  return { updates, until };
}

async function subscriber(target: TestGateway): Promise<{ client: RawClient; snapshot: MonitorSnapshot; connId: string }> {
  const { client, hello } = await connectClient(target, connectParams({ auth: { token: TOKEN } }));
  const response = await client.request('monitor.subscribe', {});
  expect(response.ok).toBe(true);
  return { client, snapshot: response['payload'] as MonitorSnapshot, connId: (hello['server'] as { connId: string }).connId };
}

describe('the monitor feed (monitor.snapshot, monitor.subscribe, monitor.update)', () => {
  it('lists the connections, then reports one that opens and closes between two updates', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN }, monitor: { updateIntervalMs: 50 } });
    const { client, snapshot, connId } = await subscriber(target);
    expect(snapshot.connections.map((connection) => connection.connId)).toEqual([connId]);
    expect(snapshot.connections[0]).toMatchObject({ role: 'operator', clientId: 'gateway-client', clientMode: 'backend', clientIp: '127.0.0.1', scopes: ['operator.admin'] });
    expect(snapshot.latencyBucketsMs.at(-1)).toBe(30_000);
    expect(snapshot.windowMs).toBe(10_000);
    const feed = followUpdates(client);

    const brief = await connectClient(target, connectParams({ auth: { token: TOKEN }, client: { id: 'cli', version: '1.0.0', platform: 'linux', mode: 'cli' } }));
    const briefId = (brief.hello['server'] as { connId: string }).connId;
    brief.client.close();
    const closedUpdate = await feed.until((update) => update.closed.some((closed) => closed.connId === briefId));
    const opened = feed.updates.flatMap((update) => update.opened);
    expect(opened).toEqual([expect.objectContaining({ connId: briefId, clientId: 'cli', clientMode: 'cli' })]);
    expect(closedUpdate.closed).toEqual([expect.objectContaining({ connId: briefId, code: expect.any(Number) })]);
    // Updates are numbered without gaps from the snapshot on.
    expect(feed.updates.map((update) => update.updateSeq)).toEqual(feed.updates.map((_, index) => snapshot.updateSeq + index + 1));
  });

  it('reports request rate and latency per method, refusals, and recent broadcasts', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN }, monitor: { updateIntervalMs: 50 } });
    const { client } = await subscriber(target);
    const feed = followUpdates(client);
    for (let call = 0; call < 4; call += 1) expect((await client.request('health')).ok).toBe(true);
    expect((await client.request('no.such.method')).ok).toBe(false);
    const refused = await target.open();
    await handshake(refused, connectParams({ auth: { token: 'wrong-token' } }));
    target.gateway.publishHealth();

    const update = await feed.until((candidate) => feed.updates.some((seen) => seen.incidents.length > 0) && feed.updates.some((seen) => seen.recentEvents.length > 0) && candidate.methods.some((row) => row.method === 'health' && row.count === 4));
    const health = update.methods.find((row) => row.method === 'health');
    expect(health).toMatchObject({ count: 4, errors: 0, totalCount: 4 });
    expect(health?.ratePerSecond).toBeCloseTo(0.4, 5);
    expect(health?.p99Ms).toBeGreaterThan(0);
    expect(health?.p99Ms).toBeGreaterThanOrEqual(health?.p50Ms ?? 0);
    expect(update.methods.find((row) => row.method === '(unregistered)')).toMatchObject({ count: 1, errors: 1 });
    expect(update.totals.refusals).toBe(1);
    expect(update.totals.requestsPerSecond).toBeGreaterThan(0);
    expect(feed.updates.flatMap((seen) => seen.incidents)).toEqual([expect.objectContaining({ kind: 'refused', code: 'AUTH_TOKEN_MISMATCH', clientIp: '127.0.0.1' })]);
    expect(feed.updates.flatMap((seen) => seen.recentEvents)).toContainEqual(expect.objectContaining({ event: 'health', count: 1 }));

    const snapshot = (await client.request('monitor.snapshot', {}))['payload'] as MonitorSnapshot;
    expect(snapshot.incidents).toHaveLength(1);
    expect(snapshot.methods.map((row) => row.method)).toEqual(expect.arrayContaining(['health', '(unregistered)', 'monitor.subscribe']));
  });

  it('is refused without operator.admin, and stops after monitor.unsubscribe', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN }, monitor: { updateIntervalMs: 50 } });
    const reader = await connectClient(target, connectParams({ auth: { token: TOKEN }, scopes: ['operator.read'] }));
    const denied = await reader.client.request('monitor.subscribe', {});
    expect(denied.ok).toBe(false);
    expect(errorOf(denied).code).toBe('FORBIDDEN');
    expect(errorOf(denied).message).toMatch(/operator\.admin/);

    const { client } = await subscriber(target);
    await client.nextEvent('monitor.update');
    expect((await client.request('monitor.unsubscribe', {}))['payload']).toEqual({ subscribed: true });
    expect((await client.request('monitor.unsubscribe', {}))['payload']).toEqual({ subscribed: false });
  });

  it('listens to connections opening and closing only while someone follows, and forgets a subscriber whose connection closed', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN }, monitor: { updateIntervalMs: 50 } });
    const instrumentation = target.gateway.instrumentation;
    const listening = (): number[] => [instrumentation.listenerCount('connection-opened'), instrumentation.listenerCount('connection-closed')];
    await connectClient(target, connectParams({ auth: { token: TOKEN } }));
    expect(listening()).toEqual([0, 0]);

    const first = await subscriber(target);
    expect(listening()).toEqual([1, 1]);
    expect((await first.client.request('monitor.unsubscribe', {}))['payload']).toEqual({ subscribed: true });
    expect(listening()).toEqual([0, 0]);

    const second = await subscriber(target);
    expect(listening()).toEqual([1, 1]);
    const closedAtGateway = new Promise<void>((resolve) => target.gateway.once('disconnect', () => resolve()));
    second.client.close();
    await closedAtGateway;
    expect(listening()).toEqual([0, 0]);

    const third = await subscriber(target);
    const feed = followUpdates(third.client);
    const brief = await connectClient(target, connectParams({ auth: { token: TOKEN } }));
    const briefId = (brief.hello['server'] as { connId: string }).connId;
    const update = await feed.until((candidate) => candidate.opened.some((opened) => opened.connId === briefId));
    expect(update.opened.map((opened) => opened.connId)).toContain(briefId);
  });

  it('is not served with monitor: false, and status still reports its latency window', async () => {
    const target = await startTestGateway({ monitor: false });
    // Only the requests are followed then (for status); nothing else is built for the feed.
    expect(target.gateway.instrumentation.wants('request')).toBe(true);
    expect(target.gateway.instrumentation.wants('connection-opened')).toBe(false);
    expect(target.gateway.instrumentation.wants('broadcast')).toBe(false);
    const { client } = await connectClient(target);
    const refused = await client.request('monitor.snapshot', {});
    expect(errorOf(refused).message).toBe('unknown method: monitor.snapshot');
    await client.request('health');
    const status = (await client.request('status'))['payload'] as { latencyWindowMs: number; queueLimit: number; latencyMs: { avg: number } };
    expect(status.latencyWindowMs).toBe(10_000);
    expect(status.queueLimit).toBe(256);
    expect(status.latencyMs.avg).toBeGreaterThan(0);
  });
});
