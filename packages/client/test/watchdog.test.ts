import { afterEach, describe, expect, it, vi } from 'vitest';
import { GatewayClient, GatewayClientError } from '../src/index';
import { TickWatchdog } from '../src/tick-watchdog';
import { startFakeGateway, track } from './helpers/cleanup';
import { nextEvent } from './helpers/wait';

describe('tick watchdog (raw-frame gateway)', () => {
  it('keeps a connection that ticks', async () => {
    const gateway = await startFakeGateway({ tickIntervalMs: 100, sendTicks: true });
    const client = track(new GatewayClient({ url: gateway.url, reconnect: false }));
    await client.connect();
    let ticks = 0;
    await new Promise<void>((resolve) => {
      client.onEvent('tick', () => {
        ticks += 1;
        if (ticks === 4) resolve();
      });
    });
    expect(client.state).toBe('connected');
    expect(gateway.connections).toHaveLength(1);
  });

  it('closes with 4000 "tick timeout" after 2 × tickIntervalMs of silence and reconnects', async () => {
    const gateway = await startFakeGateway({ tickIntervalMs: 50 });
    const client = track(new GatewayClient({ url: gateway.url, reconnect: { initialDelayMs: 5, maxDelayMs: 10 } }));
    await client.connect();
    const started = Date.now();
    const disconnected = await nextEvent(client, 'disconnected');
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
    expect(GatewayClientError.isInstance(disconnected.error, 'TICK_TIMEOUT')).toBe(true);
    expect(await gateway.connections[0]?.closed).toEqual({ code: 4000, reason: 'tick timeout' });
    const hello = await nextEvent(client, 'hello');
    expect(hello.reconnected).toBe(true);
    expect(gateway.ready).toHaveLength(2);
  });

  it('counts any frame as life', async () => {
    const gateway = await startFakeGateway({ tickIntervalMs: 150 });
    const client = track(new GatewayClient({ url: gateway.url, reconnect: false }));
    await client.connect();
    const connection = gateway.ready[0]!;
    const started = Date.now();
    const disconnected = nextEvent(client, 'disconnected');
    // Responses (not ticks) keep it alive for ~450 ms, well past the 300 ms window.
    while (Date.now() - started < 450) await client.request('health');
    expect(client.state).toBe('connected');
    connection.sendEvent('presence', { presence: [] });
    expect((await disconnected).code).toBe(4000);
  });
});

describe('TickWatchdog (fake timers)', () => {
  /** A watchdog over a frame counter the test controls; returns the counter and the timeouts seen. */
  function watch(tickIntervalMs: number): { frames: { count: number }; timeouts: number[]; watchdog: TickWatchdog } {
    const frames = { count: 0 };
    const timeouts: number[] = [];
    const watchdog = new TickWatchdog(
      () => frames.count,
      (silentMs) => timeouts.push(silentMs),
    );
    watchdog.start(tickIntervalMs);
    return { frames, timeouts, watchdog };
  }

  afterEach(() => {
    vi.useRealTimers();
  });

  it('times out once after 2 × tickIntervalMs without a frame, not before', () => {
    vi.useFakeTimers({ now: 0 });
    const { timeouts } = watch(100);
    vi.advanceTimersByTime(199);
    expect(timeouts).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(timeouts).toEqual([200]);
    vi.advanceTimersByTime(10_000);
    expect(timeouts).toEqual([200]);
  });

  it('counts frames as life, and times out at most a quarter window after 2 × tickIntervalMs of silence', () => {
    vi.useFakeTimers({ now: 0 });
    const { frames, timeouts } = watch(100);
    // A frame every 150 ms for a second: never 200 ms of silence.
    for (let at = 150; at <= 1050; at += 150) {
      vi.advanceTimersByTime(150);
      frames.count += 1;
    }
    expect(timeouts).toEqual([]);
    // The last frame came at 1,050 ms: the timeout comes after 1,250 ms and by 1,300 ms.
    vi.advanceTimersByTime(1249 - 1050);
    expect(timeouts).toEqual([]);
    vi.advanceTimersByTime(1300 - 1249);
    expect(timeouts).toHaveLength(1);
    expect(timeouts[0]).toBeGreaterThanOrEqual(200);
    expect(timeouts[0]).toBeLessThanOrEqual(250);
  });

  it('stops: no timeout after stop()', () => {
    vi.useFakeTimers({ now: 0 });
    const { timeouts, watchdog } = watch(100);
    vi.advanceTimersByTime(100);
    watchdog.stop();
    vi.advanceTimersByTime(10_000);
    expect(timeouts).toEqual([]);
  });
});
