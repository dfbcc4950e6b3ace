import { defineEvent, defineEvents, defineMethod, defineMethods, type CoreEvents, type CoreMethods, type HelloOk } from '@gatewire/protocol/lite';
import { Type } from '@sinclair/typebox';
import { describe, expectTypeOf, it } from 'vitest';
import { createClient as createBrowserClient, GatewayClient as BrowserGatewayClient } from '../src/browser';
import { createClient, GatewayClient } from '../src/index';
import { createClient as createNodeClient, GatewayClient as NodeGatewayClient } from '../src/node';

const methods = defineMethods(
  defineMethod('todo.add', {
    params: Type.Object({ title: Type.String(), done: Type.Optional(Type.Boolean()) }),
    result: Type.Object({ id: Type.String() }),
    scope: 'operator.write',
  }),
);
const events = defineEvents(defineEvent('todo.added', { payload: Type.Object({ id: Type.String(), title: Type.String() }), scope: 'operator.read' }));

describe('createClient infers the maps from the definitions', () => {
  it('is the client the generics would spell', () => {
    expectTypeOf(createClient({ url: 'ws://h', methods, events })).toEqualTypeOf<GatewayClient<CoreMethods & typeof methods, CoreEvents & typeof events>>();
    expectTypeOf(createNodeClient({ url: 'wss://h', tlsFingerprint: 'ab', methods, events })).toEqualTypeOf<NodeGatewayClient<CoreMethods & typeof methods, CoreEvents & typeof events>>();
    expectTypeOf(createBrowserClient({ methods, events })).toEqualTypeOf<BrowserGatewayClient<CoreMethods & typeof methods, CoreEvents & typeof events>>();
  });

  it('types params, results and payloads of the app and of the core', () => {
    const client = createClient({ url: 'ws://h', methods, events });
    expectTypeOf(client.request('todo.add', { title: 'x' })).resolves.toEqualTypeOf<{ id: string }>();
    expectTypeOf(client.request('health')).resolves.toHaveProperty('ok').toEqualTypeOf<boolean>();
    expectTypeOf(client.connect()).toEqualTypeOf<Promise<HelloOk>>();
    client.onEvent('todo.added', (payload) => expectTypeOf(payload).toEqualTypeOf<{ id: string; title: string }>());
    client.onEvent('tick', (payload) => expectTypeOf(payload.ts).toEqualTypeOf<number>());
  });

  it('refuses wrong calls', () => {
    const client = createClient({ url: 'ws://h', methods, events });
    // @ts-expect-error: title must be a string
    void client.request('todo.add', { title: 1 });
    // @ts-expect-error: no such method
    void client.request('todo.remove', { id: 'x' });
    // @ts-expect-error: no such event
    client.onEvent('todo.removed', () => undefined);
    // @ts-expect-error: tlsFingerprint is a Node client option
    createClient({ url: 'ws://h', tlsFingerprint: 'ab' });
    // @ts-expect-error: methods must be a method map
    createClient({ methods: { 'todo.add': 'not a definition' } });
  });

  it('types listeners given in the options from the events, without widening the map', () => {
    const client = createClient({
      methods,
      events,
      listeners: {
        hello: (context) => expectTypeOf(context.hello).toEqualTypeOf<HelloOk>(),
        events: { 'todo.added': (payload) => expectTypeOf(payload.title).toEqualTypeOf<string>() },
      },
    });
    expectTypeOf(client).toEqualTypeOf<GatewayClient<CoreMethods & typeof methods, CoreEvents & typeof events>>();
  });

  it('without definitions is the core client', () => {
    const core = createClient();
    expectTypeOf(core).toExtend<GatewayClient<CoreMethods, CoreEvents>>();
    expectTypeOf(core.request('health')).resolves.toHaveProperty('ok').toEqualTypeOf<boolean>();
    // @ts-expect-error: no app methods without definitions
    void core.request('todo.add', { title: 'x' });
    const methodsOnly = createClient({ url: 'ws://h', methods });
    expectTypeOf(methodsOnly.request('todo.add', { title: 'x' })).resolves.toEqualTypeOf<{ id: string }>();
    // @ts-expect-error: no app events without `events`
    methodsOnly.onEvent('todo.added', () => undefined);
  });
});
