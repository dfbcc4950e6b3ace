import { defineEvent, defineEvents, defineMethod, defineMethods, type CoreEvents, type CoreMethods } from '@gatewire/protocol';
import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { createClient, GatewayClient, GatewayClientError, GatewayRequestError } from '../../src/index';
import { track } from '../helpers/cleanup';
import { startRealGateway, TOKEN } from '../helpers/real-gateway';
import { nextEvent } from '../helpers/wait';

const addMethod = defineMethod('math.add', {
  params: Type.Object({ a: Type.Number(), b: Type.Number() }, { additionalProperties: false }),
  result: Type.Object({ sum: Type.Number() }),
  scope: 'operator.read',
});
const hangMethod = defineMethod('test.hang', { params: Type.Object({}), result: Type.Object({}), scope: 'operator.read' });
const runMethod = defineMethod('agent.run', {
  params: Type.Object({ prompt: Type.String() }),
  result: Type.Object({ status: Type.String(), text: Type.String() }),
  scope: 'operator.write',
  streaming: true,
});
const appMethods = defineMethods(addMethod, hangMethod, runMethod);
const appEvents = defineEvents(defineEvent('todo.added', { payload: Type.Object({ id: Type.String(), title: Type.String() }), scope: 'operator.read' }));
type AppMethods = CoreMethods & typeof appMethods;
type AppEvents = CoreEvents & typeof appEvents;

async function startAppGateway() {
  const running = await startRealGateway({ events: appEvents });
  const hung: AbortSignal[] = [];
  running.gateway
    .method(addMethod, ({ a, b }) => ({ sum: a + b }))
    .method(hangMethod, (_params, context) => {
      hung.push(context.signal);
      return new Promise(() => undefined);
    })
    .method(runMethod, async ({ prompt }, context) => {
      context.accept({ runId: 'run-1' });
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { status: 'ok', text: `echo: ${prompt}` };
    });
  const client = track(new GatewayClient<AppMethods, AppEvents>({ url: running.url, auth: { token: TOKEN }, reconnect: false }));
  await client.connect();
  return { ...running, client, hung };
}

describe('requests and events against @gatewire/server', () => {
  it('types requests from the method map and resolves results', async () => {
    const { client } = await startAppGateway();
    const { sum } = await client.request('math.add', { a: 2, b: 40 });
    expect(sum).toBe(42);
    const status = await client.request('status');
    expect(status.connections.operator).toBe(1);
    const error = await client.request('math.add', { a: 1, b: 'x' as unknown as number }).catch((caught: unknown) => caught);
    expect(GatewayRequestError.isInstance(error, 'INVALID_REQUEST')).toBe(true);
  });

  it('createClient: a client typed from the definitions calls and receives over a real gateway', async () => {
    const { url, gateway } = await startAppGateway();
    const client = track(createClient({ url, auth: { token: TOKEN }, reconnect: false, methods: appMethods, events: appEvents }));
    const added = new Promise<string>((resolve) => client.onEvent('todo.added', ({ title }) => resolve(title)));
    await client.connect();
    expect(await client.request('math.add', { a: 2, b: 3 })).toEqual({ sum: 5 });
    gateway.broadcast('todo.added', { id: 't1', title: 'typed' });
    expect(await added).toBe('typed');
  });

  it('delivers typed events with seq', async () => {
    const { client, gateway } = await startAppGateway();
    const received = new Promise<{ title: string; seq: number | undefined }>((resolve) => {
      const unsubscribe = client.onEvent('todo.added', (payload, context) => {
        unsubscribe();
        resolve({ title: payload.title, seq: context.seq });
      });
    });
    gateway.broadcast('todo.added', { id: 't1', title: 'milk' });
    const { title, seq } = await received;
    expect(title).toBe('milk');
    expect(seq).toBeGreaterThanOrEqual(1);
  });

  it('times out and aborts', async () => {
    const { client } = await startAppGateway();
    const timedOut = await client.request('test.hang', {}, { timeoutMs: 50 }).catch((caught: unknown) => caught);
    expect(GatewayClientError.isInstance(timedOut, 'REQUEST_TIMEOUT')).toBe(true);
    const controller = new AbortController();
    const aborted = client.request('test.hang', {}, { signal: controller.signal }).catch((caught: unknown) => caught);
    controller.abort();
    expect(GatewayClientError.isInstance(await aborted, 'ABORTED')).toBe(true);
    expect((await client.request('math.add', { a: 1, b: 1 })).sum).toBe(2);
  });

  it('expectFinal waits for the final response and reports the accepted one', async () => {
    const { client } = await startAppGateway();
    const progress = nextEvent(client, 'progress');
    const result = await client.request('agent.run', { prompt: 'hi' }, { expectFinal: true });
    expect(result).toEqual({ status: 'ok', text: 'echo: hi' });
    expect((await progress).payload).toMatchObject({ status: 'accepted', runId: 'run-1' });
  });
});
