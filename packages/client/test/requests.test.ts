import { defineMethod, defineMethods, type CoreMethods } from '@gatewire/protocol/lite';
import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { GatewayClient, GatewayClientError, GatewayRequestError, GatewireError } from '../src/index';
import { startFakeGateway, track } from './helpers/cleanup';
import { NO_REPLY } from './helpers/fake-gateway';
import { nextEvent } from './helpers/wait';

const appMethods = defineMethods(
  defineMethod('math.add', {
    params: Type.Object({ a: Type.Number(), b: Type.Number() }),
    result: Type.Object({ sum: Type.Number() }),
    scope: 'operator.read',
  }),
  defineMethod('agent.run', {
    params: Type.Object({ prompt: Type.String() }),
    result: Type.Object({ status: Type.String(), text: Type.String() }),
    scope: 'operator.write',
    streaming: true,
  }),
);
type AppMethods = CoreMethods & typeof appMethods;

describe('requests (raw-frame gateway)', () => {
  it('sends typed requests with unique ids and resolves with the payload', async () => {
    const gateway = await startFakeGateway({ methods: { 'math.add': (params) => ({ sum: (params as { a: number; b: number }).a + (params as { a: number; b: number }).b }) } });
    const client = track(new GatewayClient<AppMethods>({ url: gateway.url, reconnect: false }));
    await client.connect();
    const [one, two, health] = await Promise.all([
      client.request('math.add', { a: 1, b: 2 }),
      client.request('math.add', { a: 5, b: 5 }),
      client.request('health'),
    ]);
    expect(one.sum).toBe(3);
    expect(two.sum).toBe(10);
    expect(health.ok).toBe(true);
    const ids = gateway.ready[0]?.requests.map((request) => request.id) ?? [];
    expect(new Set(ids).size).toBe(3);
    expect(gateway.ready[0]?.requests[2]).toMatchObject({ method: 'health', params: undefined });
  });

  it('rejects with a wire error that keeps code, details, retryable, retryAfterMs and the payload', async () => {
    const gateway = await startFakeGateway({
      methods: {
        'math.add': (_params, { connection, id }) => {
          connection.reply(id, false, { partial: true }, { code: 'UNAVAILABLE', message: 'busy', details: { code: 'BUSY' }, retryable: true, retryAfterMs: 250 });
          return NO_REPLY;
        },
      },
    });
    const client = track(new GatewayClient<AppMethods>({ url: gateway.url, reconnect: false }));
    await client.connect();
    const error = await client.request('math.add', { a: 1, b: 1 }).catch((caught: unknown) => caught);
    expect(GatewayRequestError.isInstance(error, 'UNAVAILABLE')).toBe(true);
    expect(GatewireError.isInstance(error)).toBe(true);
    expect(GatewayClientError.isInstance(error)).toBe(false);
    expect(error).toMatchObject({ family: 'wire', detailCode: 'BUSY', retryable: true, retryAfterMs: 250, payload: { partial: true }, method: 'math.add' });
  });

  it('times out and ignores the late reply', async () => {
    const gateway = await startFakeGateway({ methods: { 'math.add': () => NO_REPLY } });
    const client = track(new GatewayClient<AppMethods>({ url: gateway.url, reconnect: false }));
    await client.connect();
    const error = await client.request('math.add', { a: 1, b: 1 }, { timeoutMs: 50 }).catch((caught: unknown) => caught);
    expect(GatewayClientError.isInstance(error, 'REQUEST_TIMEOUT')).toBe(true);
    const late = gateway.ready[0]?.requests[0];
    gateway.ready[0]?.reply(late?.id ?? '', true, { sum: 2 });
    expect((await client.request('health')).ok).toBe(true);
  });

  it('uses requestTimeoutMs as the default timeout', async () => {
    const gateway = await startFakeGateway({ methods: { 'math.add': () => NO_REPLY } });
    const client = track(new GatewayClient<AppMethods>({ url: gateway.url, reconnect: false, requestTimeoutMs: 40 }));
    await client.connect();
    const error = await client.request('math.add', { a: 1, b: 1 }).catch((caught: unknown) => caught);
    expect(GatewayClientError.isInstance(error, 'REQUEST_TIMEOUT')).toBe(true);
  });

  it('rejects at once on abort and ignores the late reply', async () => {
    const gateway = await startFakeGateway({ methods: { 'math.add': () => NO_REPLY } });
    const client = track(new GatewayClient<AppMethods>({ url: gateway.url, reconnect: false }));
    await client.connect();
    const controller = new AbortController();
    const pending = client.request('math.add', { a: 1, b: 1 }, { signal: controller.signal });
    const call = await gateway.ready[0]!.waitForRequest('math.add');
    controller.abort(new Error('user left'));
    const error = await pending.catch((caught: unknown) => caught);
    expect(GatewayClientError.isInstance(error, 'ABORTED')).toBe(true);
    expect((error as Error).cause).toEqual(new Error('user left'));
    gateway.ready[0]?.reply(call.id, true, { sum: 2 });
    const already = new AbortController();
    already.abort();
    const immediate = await client.request('health', {}, { signal: already.signal }).catch((caught: unknown) => caught);
    expect(GatewayClientError.isInstance(immediate, 'ABORTED')).toBe(true);
    expect(gateway.ready[0]?.requests.filter((request) => request.method === 'health')).toHaveLength(0);
  });

  it('expectFinal resolves on the final response and surfaces the accepted one as progress', async () => {
    const gateway = await startFakeGateway({
      methods: {
        'agent.run': (_params, { connection, id }) => {
          connection.reply(id, true, { status: 'accepted', runId: 'r1' });
          setTimeout(() => connection.reply(id, true, { status: 'ok', text: 'done' }), 20);
          return NO_REPLY;
        },
      },
    });
    const client = track(new GatewayClient<AppMethods>({ url: gateway.url, reconnect: false }));
    await client.connect();
    const progress: unknown[] = [];
    const emitted = nextEvent(client, 'progress');
    const result = await client.request('agent.run', { prompt: 'hi' }, { expectFinal: true, onProgress: (payload) => progress.push(payload) });
    expect(result).toEqual({ status: 'ok', text: 'done' });
    expect(progress).toEqual([{ status: 'accepted', runId: 'r1' }]);
    expect(await emitted).toMatchObject({ method: 'agent.run', payload: { status: 'accepted', runId: 'r1' } });

    const first = await client.request('agent.run', { prompt: 'again' });
    expect(first).toEqual({ status: 'accepted', runId: 'r1' });
  });

  it('rejects with NOT_CONNECTED before connect() and after close()', async () => {
    const gateway = await startFakeGateway();
    const client = track(new GatewayClient({ url: gateway.url, reconnect: false }));
    const before = await client.request('health').catch((caught: unknown) => caught);
    expect(GatewayClientError.isInstance(before, 'NOT_CONNECTED')).toBe(true);
    await client.connect();
    await client.close();
    const after = await client.request('health').catch((caught: unknown) => caught);
    expect(GatewayClientError.isInstance(after, 'NOT_CONNECTED')).toBe(true);
  });

  it('rejects pending requests with CONNECTION_CLOSED when closed', async () => {
    const gateway = await startFakeGateway({ methods: { 'math.add': () => NO_REPLY } });
    const client = track(new GatewayClient<AppMethods>({ url: gateway.url, reconnect: false }));
    await client.connect();
    const pending = client.request('math.add', { a: 1, b: 1 }).catch((caught: unknown) => caught);
    await gateway.ready[0]!.waitForRequest('math.add');
    await client.close();
    expect(GatewayClientError.isInstance(await pending, 'CONNECTION_CLOSED')).toBe(true);
    expect(await gateway.ready[0]?.closed).toEqual({ code: 1000, reason: 'client closed' });
  });

  it('unsubscribes typed and lifecycle listeners, and closes with Symbol.asyncDispose', async () => {
    const gateway = await startFakeGateway();
    const client = new GatewayClient({ url: gateway.url, reconnect: false });
    const ticks: number[] = [];
    const states: string[] = [];
    const stopTicks = client.onEvent('tick', (payload) => ticks.push(payload.ts));
    const stopStates = client.onLifecycle('state', (change) => states.push(change.to));
    await client.connect();
    const connection = gateway.ready[0]!;
    connection.sendEvent('tick', { ts: 1 });
    await nextEvent(client, 'event');
    stopTicks();
    stopStates();
    connection.sendEvent('tick', { ts: 2 });
    await nextEvent(client, 'event');
    expect(ticks).toEqual([1]);
    await client[Symbol.asyncDispose]();
    expect(client.state).toBe('closed');
    expect(states).toEqual(['connecting', 'handshaking', 'connected']);
  });
});
