import { describe, expect, it } from 'vitest';
import { GatewayClient, GatewayClientError } from '../src/index';
import { onCleanup, track } from './helpers/cleanup';
import { FakeGateway, NO_REPLY, type FakeGatewayOptions } from './helpers/fake-gateway';
import { nextEvent, waitForState } from './helpers/wait';

describe('server restart mid-traffic (raw-frame gateway)', () => {
  it('reconnects with jittered backoff, re-sends idempotent requests and drains the queue', async () => {
    const slow: FakeGatewayOptions = { methods: { 'node.invoke': () => NO_REPLY, 'status': () => NO_REPLY } };
    const first = await FakeGateway.start(slow);
    const port = first.port;
    const draws: number[] = [];
    const client = track(
      new GatewayClient({
        url: first.url,
        reconnect: { initialDelayMs: 40, maxDelayMs: 200, random: () => {
          const value = Math.random();
          draws.push(value);
          return value;
        } },
      }),
    );
    await client.connect();
    const idempotent = client.request('node.invoke', { nodeId: 'n1', command: 'echo', idempotencyKey: 'k-1' });
    const plain = client.request('status').catch((caught: unknown) => caught);
    await first.ready[0]!.waitForRequest('status');

    const scheduled = nextEvent(client, 'reconnect-scheduled');
    await first.stop(1012, 'service restart');
    const { delayMs, attempt } = await scheduled;
    expect(attempt).toBe(1);
    expect(delayMs).toBeGreaterThanOrEqual(0);
    expect(delayMs).toBeLessThanOrEqual(40);
    expect(delayMs).toBe(Math.floor((draws[0] ?? 0) * 40));
    expect(GatewayClientError.isInstance(await plain, 'CONNECTION_CLOSED')).toBe(true);

    await waitForState(client, 'reconnecting');
    const queued = client.request('health');

    const second = await FakeGateway.start({
      port,
      methods: { 'node.invoke': (params) => ({ ok: true, nodeId: 'n1', command: 'echo', payload: params }) },
    });
    onCleanup(() => second.stop(1001, 'test over'));
    const hello = await nextEvent(client, 'hello');
    expect(hello.reconnected).toBe(true);
    expect((await queued).ok).toBe(true);
    expect(await idempotent).toMatchObject({ ok: true, payload: { idempotencyKey: 'k-1' } });
    const replayed = second.ready[0]?.requests.map((request) => request.method).sort();
    expect(replayed).toEqual(['health', 'node.invoke']);
  });
});
