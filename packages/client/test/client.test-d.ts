import { defineEvent, defineEvents, defineMethod, defineMethods, type CoreEvents, type CoreMethods, type HelloOk } from '@gatewire/protocol/lite';
import { Type } from '@sinclair/typebox';
import { describe, expectTypeOf, it } from 'vitest';
import { GatewayClient, type GatewayEventContext, type ResyncContext, type ResyncReason, type StateChange } from '../src/index';
import { deviceAuth, DeviceIdentity, MemoryIdentityStore } from '../src/device';
import { GatewayClient as NodeGatewayClient } from '../src/node';
import { nodeInvoke } from '../src/node-invoke';

const appMethods = defineMethods(
  defineMethod('todo.add', {
    params: Type.Object({ title: Type.String(), done: Type.Optional(Type.Boolean()) }),
    result: Type.Object({ id: Type.String() }),
    scope: 'operator.write',
  }),
  defineMethod('todo.count', { params: Type.Object({}), result: Type.Number(), scope: 'operator.read' }),
);
const appEvents = defineEvents(
  defineEvent('todo.added', { payload: Type.Object({ id: Type.String(), title: Type.String() }), scope: 'operator.read' }),
);
type AppMethods = CoreMethods & typeof appMethods;
type AppEvents = CoreEvents & typeof appEvents;

describe('core method map', () => {
  const client = new GatewayClient();

  it('infers results of core methods', () => {
    expectTypeOf(client.connect()).toEqualTypeOf<Promise<HelloOk>>();
    expectTypeOf(client.request('health')).resolves.toHaveProperty('ok').toEqualTypeOf<boolean>();
    expectTypeOf(client.request('node.list')).resolves.toHaveProperty('nodes');
    expectTypeOf(client.request('node.invoke', { nodeId: 'n', command: 'c', idempotencyKey: 'k' }, { timeoutMs: 5 }))
      .resolves.toHaveProperty('ok')
      .toEqualTypeOf<boolean>();
  });

  it('refuses unknown methods and wrong params', () => {
    // @ts-expect-error: not a core method
    void client.request('todo.add', { title: 'x' });
    // @ts-expect-error: idempotencyKey is required
    void client.request('node.invoke', { nodeId: 'n', command: 'c' });
    // @ts-expect-error: nodeId must be a string
    void client.request('node.describe', { nodeId: 1 });
    // @ts-expect-error: params are required
    void client.request('device.pair.approve');
    // @ts-expect-error: unknown request option
    void client.request('health', {}, { timeout: 5 });
  });

  it('types core events and lifecycle events', () => {
    client.onEvent('tick', (payload, context) => {
      expectTypeOf(payload.ts).toEqualTypeOf<number>();
      expectTypeOf(context).toEqualTypeOf<GatewayEventContext>();
    });
    client.onEvent('shutdown', (payload) => {
      expectTypeOf(payload.restartExpectedMs).toEqualTypeOf<number | undefined>();
    });
    expectTypeOf(client.onEvent('presence', () => undefined)).toEqualTypeOf<() => void>();
    // @ts-expect-error: not a core event
    client.onEvent('todo.added', () => undefined);
    client.on('state', (change) => expectTypeOf(change).toEqualTypeOf<StateChange>());
    client.on('gap', ({ expected, received }) => expectTypeOf([expected, received]).toEqualTypeOf<number[]>());
    client.on('resync', (context) => {
      expectTypeOf(context).toEqualTypeOf<ResyncContext>();
      expectTypeOf(context.reason).toEqualTypeOf<ResyncReason>();
      expectTypeOf<'expired'>().toExtend<ResyncReason>();
    });
    // @ts-expect-error: resume is a boolean
    new GatewayClient({ resume: 'yes' });
    expectTypeOf(client.onLifecycle('closed', () => undefined)).toEqualTypeOf<() => void>();
    // @ts-expect-error: not a lifecycle event
    client.on('tick', () => undefined);
  });
});

describe('application method map', () => {
  const client = new GatewayClient<AppMethods, AppEvents>({
    listeners: { events: { 'todo.added': (payload) => expectTypeOf(payload.title).toEqualTypeOf<string>() } },
  });

  it('infers params and results of app methods', () => {
    expectTypeOf(client.request('todo.add', { title: 'milk' })).toEqualTypeOf<Promise<{ id: string }>>();
    expectTypeOf(client.request('todo.count')).toEqualTypeOf<Promise<number>>();
    expectTypeOf(client.request('health')).resolves.toHaveProperty('ok');
    // @ts-expect-error: title must be a string
    void client.request('todo.add', { title: 3 });
    // @ts-expect-error: unknown property
    void client.request('todo.add', { title: 'x', priority: 1 });
    // @ts-expect-error: misspelt method
    void client.request('todo.ad', { title: 'x' });
  });

  it('infers app event payloads', () => {
    client.onEvent('todo.added', (payload) => {
      expectTypeOf(payload).toEqualTypeOf<{ id: string; title: string }>();
    });
  });

  it('has tlsFingerprint only on the Node entry', () => {
    void new NodeGatewayClient<AppMethods>({ url: 'wss://gateway.example.com', tlsFingerprint: 'sha256:00' });
    // @ts-expect-error: the universal entry has no TLS pinning
    void new GatewayClient({ url: 'wss://gateway.example.com', tlsFingerprint: 'sha256:00' });
  });

  it('takes device identity and node mode as plugins from their subpaths', async () => {
    void new GatewayClient({ deviceAuth: deviceAuth({ identityStore: new MemoryIdentityStore() }) });
    void new GatewayClient({ deviceAuth: deviceAuth({ device: await DeviceIdentity.generate() }) });
    void new GatewayClient({ role: 'node', commands: ['echo'], nodeInvoke: nodeInvoke() });
    // @ts-expect-error: the identity goes into deviceAuth({ device }) since 0.2
    void new GatewayClient({ device: await DeviceIdentity.generate() });
    // @ts-expect-error: the store goes into deviceAuth({ identityStore }) since 0.2
    void new GatewayClient({ identityStore: new MemoryIdentityStore() });
    // @ts-expect-error: a plugin is made by its factory
    void new GatewayClient({ deviceAuth: { identityStore: new MemoryIdentityStore() } });
  });
});
