import { describe, expect, it } from 'vitest';
import { GatewayClient, type GatewayEventContext, type ReceivedEvent } from '../src/index';
import { startFakeGateway, track } from './helpers/cleanup';
import { nextEvent } from './helpers/wait';

describe('event delivery to listeners', () => {
  it('gives typed listeners (payload, context) and the lifecycle listener one object, built only when someone listens', async () => {
    const gateway = await startFakeGateway();
    const client = track(new GatewayClient({ url: gateway.url, reconnect: false }));
    await client.connect();
    const connection = gateway.ready[0]!;

    // No listener at all: the event is still handled (nothing to observe but no error).
    connection.sendEvent('custom.none', { a: 0 }, 1);

    const typed: Array<[unknown, GatewayEventContext]> = [];
    const lifecycle: ReceivedEvent[] = [];
    client.onEvent('custom.one' as never, ((payload: unknown, context: GatewayEventContext) => typed.push([payload, context])) as never);
    connection.sendEvent('custom.one', { a: 1 }, 2);
    while (typed.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    client.on('event', (event) => lifecycle.push(event));
    connection.sendEvent('custom.one', { a: 2 }, 3);
    await nextEvent(client, 'event');

    expect(typed.map(([payload, context]) => [payload, context.event, context.seq, context.stateVersion])).toEqual([
      [{ a: 1 }, 'custom.one', 2, undefined],
      [{ a: 2 }, 'custom.one', 3, undefined],
    ]);
    expect(lifecycle).toEqual([{ event: 'custom.one', payload: { a: 2 }, seq: 3, stateVersion: undefined }]);
    // The lifecycle listener and the typed listeners of one event share one context object.
    expect(typed[1]?.[1]).toBe(lifecycle[0]);
  });

  it('delivers to a typed listener that a lifecycle listener added for the same event', async () => {
    const gateway = await startFakeGateway();
    const client = track(new GatewayClient({ url: gateway.url, reconnect: false }));
    await client.connect();
    const typed: unknown[] = [];
    client.once('event', () => {
      client.onEvent('custom.late' as never, ((payload: unknown) => typed.push(payload)) as never);
    });
    gateway.ready[0]!.sendEvent('custom.late', { a: 1 });
    await nextEvent(client, 'event');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(typed).toEqual([{ a: 1 }]);
  });
  it('delivers to every listener of a name as listeners come and go (one, two, one, none)', async () => {
    const gateway = await startFakeGateway();
    const client = track(new GatewayClient({ url: gateway.url, reconnect: false }));
    await client.connect();
    const connection = gateway.ready[0]!;
    const got: string[] = [];
    const stopFirst = client.onEvent('custom.churn' as never, ((payload: { n: number }) => got.push(`first ${payload.n}`)) as never);
    const send = async (n: number): Promise<void> => {
      connection.sendEvent('custom.churn', { n });
      await nextEvent(client, 'event');
    };
    client.on('event', () => undefined); // a lifecycle listener, so every event can be awaited
    await send(1);
    const stopSecond = client.onEvent('custom.churn' as never, ((payload: { n: number }) => got.push(`second ${payload.n}`)) as never);
    await send(2);
    stopFirst();
    await send(3);
    stopSecond();
    await send(4);
    expect(got).toEqual(['first 1', 'first 2', 'second 2', 'second 3']);
  });
});
