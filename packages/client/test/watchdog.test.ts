import { describe, expect, it } from 'vitest';
import { GatewayClient, GatewayClientError } from '../src/index';
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
