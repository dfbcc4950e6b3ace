import { describe, expect, it } from 'vitest';
import { GatewayClient, type GapContext, type ReceivedEvent } from '../src/index';
import { startFakeGateway, track } from './helpers/cleanup';
import { nextEvent } from './helpers/wait';

describe('sequence gaps (raw-frame gateway)', () => {
  it('emits gap {expected, received} when seq skips, and resets per connection', async () => {
    const gateway = await startFakeGateway();
    const client = track(new GatewayClient({ url: gateway.url, reconnect: { initialDelayMs: 5, maxDelayMs: 10 } }));
    const gaps: GapContext[] = [];
    const events: ReceivedEvent[] = [];
    client.on('gap', (gap) => gaps.push(gap));
    client.on('event', (event) => events.push(event));
    await client.connect();
    const connection = gateway.ready[0]!;
    connection.sendEvent('health', { ok: true, ts: 1 }, 1);
    connection.sendEvent('health', { ok: true, ts: 2 }, 2);
    connection.sendDirect('node.invoke.cancel', { invokeId: 'x', nodeId: 'n' });
    connection.sendEvent('health', { ok: true, ts: 5 }, 5);
    const last = nextEvent(client, 'event', (event) => event.seq === 6);
    connection.sendEvent('health', { ok: true, ts: 6 }, 6);
    await last;
    expect(gaps).toEqual([{ expected: 3, received: 5 }]);
    expect(events.map((event) => event.seq)).toEqual([1, 2, undefined, 5, 6]);

    connection.close(1012, 'service restart');
    await nextEvent(client, 'hello');
    const again = nextEvent(client, 'event');
    gateway.ready[1]!.sendEvent('health', { ok: true, ts: 7 }, 1);
    expect((await again).seq).toBe(1);
    expect(gaps).toHaveLength(1);
  });
});
