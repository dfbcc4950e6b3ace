import { MONITOR_LATENCY_BUCKETS_MS } from '@gatewire/protocol';
import { describe, expect, it } from 'vitest';
import type { ConnectionInfo } from '../src/connection/connection-info';
import { LatencyHistogram } from '../src/monitor/latency-histogram';
import { MONITOR_HEARTBEAT_MS, MonitorFeed } from '../src/monitor/monitor-feed';
import { monitorDefaults } from '../src/monitor/monitor-options';
import { RecentRing } from '../src/monitor/recent-ring';
import { OTHER_METHODS_ROW, RequestTable } from '../src/monitor/request-table';
import { RequestWindow } from '../src/monitor/request-window';

describe('LatencyHistogram', () => {
  it('estimates percentiles within the bucket that holds them', () => {
    const histogram = new LatencyHistogram();
    for (let index = 0; index < 98; index += 1) histogram.record(3, true); // bucket (2.5, 5]
    histogram.record(400, false); // (250, 500]
    histogram.record(450, true);
    expect(histogram.count).toBe(100);
    expect(histogram.errors).toBe(1);
    expect(histogram.quantile(0.5)).toBeGreaterThan(2.5);
    expect(histogram.quantile(0.5)).toBeLessThanOrEqual(5);
    expect(histogram.quantile(0.99)).toBeGreaterThan(250);
    expect(histogram.quantile(0.99)).toBeLessThanOrEqual(500);
    expect(histogram.avgMs).toBeCloseTo((98 * 3 + 850) / 100, 3);
  });

  it('reports a duration beyond the last bound as the last bound, and 0 when empty', () => {
    const histogram = new LatencyHistogram();
    expect(histogram.quantile(0.99)).toBe(0);
    histogram.record(120_000, true);
    expect(histogram.quantile(0.99)).toBe(MONITOR_LATENCY_BUCKETS_MS.at(-1));
  });
});

describe('RequestWindow', () => {
  it('counts the last ten seconds only', () => {
    const window = new RequestWindow();
    const start = 1_000_000;
    for (let second = 0; second < 10; second += 1) window.record(1, true, start + second * 1000);
    expect(window.stats(start + 9_500)).toMatchObject({ count: 10, ratePerSecond: 1, totalCount: 10 });
    expect(window.stats(start + 12_000).count).toBe(7);
    expect(window.active(start + 19_999)).toBe(false);
    expect(window.stats(start + 30_000)).toMatchObject({ count: 0, ratePerSecond: 0, totalCount: 10 });
  });
});

describe('RequestTable', () => {
  it('bounds the rows: methods beyond maxMethods share the (other) row', () => {
    const table = new RequestTable(3);
    for (const method of ['a', 'b', 'c', 'd', 'e']) table.record(method, true, 1, 5_000);
    const rows = table.rows(5_000);
    expect(rows.map((row) => row.method).sort()).toEqual([OTHER_METHODS_ROW, 'a', 'b'].sort());
    expect(rows.find((row) => row.method === OTHER_METHODS_ROW)?.count).toBe(3);
    expect(table.overall(5_000).count).toBe(5);
  });

  it('reports a method once more after it goes idle, then no more', () => {
    const table = new RequestTable(8);
    table.record('health', true, 1, 1_000);
    expect(table.changed(1_500).map((row) => row.method)).toEqual(['health']);
    expect(table.changed(30_000)).toEqual([expect.objectContaining({ method: 'health', count: 0 })]);
    expect(table.changed(31_000)).toEqual([]);
  });
});

describe('RecentRing', () => {
  it('keeps the newest items and returns what came after a mark', () => {
    const ring = new RecentRing<number>(3);
    for (let value = 1; value <= 5; value += 1) ring.push(value);
    expect(ring.items()).toEqual([3, 4, 5]);
    expect(ring.since(3)).toEqual([4, 5]);
    expect(ring.since(0)).toEqual([3, 4, 5]);
    expect(ring.since(5)).toEqual([]);
  });
});

function info(connId: string): ConnectionInfo {
  return {
    connId,
    role: 'operator',
    scopes: ['operator.read'],
    deviceId: undefined,
    client: { id: 'cli', version: '1', platform: 'linux', mode: 'cli' },
    authMethod: 'token',
    user: undefined,
    remoteAddress: '127.0.0.1',
    clientIp: '127.0.0.1',
    origin: undefined,
    caps: [],
    commands: [],
    connectedAtMs: 1,
  };
}

function feed(options: Partial<typeof monitorDefaults> = {}): MonitorFeed {
  return new MonitorFeed(
    { ...monitorDefaults, ...options },
    {
      bootId: 'boot',
      serverVersion: '1.0.0',
      startedAtMs: 0,
      connections: () => [info('a'), info('b'), info('c')],
      connectionCounts: () => ({ total: 3, operator: 3, node: 0, unauthenticated: 0 }),
      load: () => ({ pendingRequests: 0, queueDepth: 0, queueLimit: 256 }),
    },
  );
}

describe('MonitorFeed', () => {
  it('collects connection changes only while followed, and asks for a resync beyond maxConnectionChangesPerUpdate', () => {
    const monitor = feed({ maxConnectionChangesPerUpdate: 2 });
    monitor.connectionOpened(info('ignored'));
    monitor.setFollowing(true);
    monitor.connectionOpened(info('x'));
    monitor.connectionClosed('x', 1000, '');
    monitor.connectionOpened(info('y'));
    const update = monitor.takeUpdate(10_000);
    expect(update?.opened.map((opened) => opened.connId)).toEqual(['x']);
    expect(update?.closed.map((closed) => closed.connId)).toEqual(['x']);
    expect(update?.resync).toBe(true);
    expect(monitor.takeUpdate(10_001)).toBeUndefined();
    expect(monitor.takeUpdate(10_000 + MONITOR_HEARTBEAT_MS)?.resync).toBe(false);
  });

  it('coalesces repeats of an event not yet reported, and lists at most maxConnectionsListed', () => {
    const monitor = feed({ maxConnectionsListed: 2 });
    monitor.setFollowing(true);
    for (let tick = 0; tick < 3; tick += 1) monitor.eventSent('tick');
    monitor.eventSent('presence');
    expect(monitor.takeUpdate(5_000)?.recentEvents.map(({ event, count }) => ({ event, count }))).toEqual([
      { event: 'tick', count: 3 },
      { event: 'presence', count: 1 },
    ]);
    monitor.eventSent('presence');
    expect(monitor.takeUpdate(5_300)?.recentEvents.map(({ event, count }) => ({ event, count }))).toEqual([{ event: 'presence', count: 1 }]);
    const snapshot = monitor.snapshot(6_000);
    expect(snapshot.connections.map((connection) => connection.connId)).toEqual(['a', 'b']);
    expect(snapshot.connectionsTruncated).toBe(true);
    expect(snapshot.recentEvents).toHaveLength(3);
  });
});
