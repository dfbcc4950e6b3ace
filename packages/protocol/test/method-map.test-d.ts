import { Type } from '@sinclair/typebox';
import { describe, expectTypeOf, it } from 'vitest';
import {
  coreEvents,
  coreMethods,
  defineEvent,
  defineEvents,
  defineMethod,
  defineMethods,
  type CoreEvents,
  type CoreMethods,
  type EventName,
  type EventPayload,
  type MethodArgs,
  type MethodName,
  type MethodParams,
  type MethodResult,
} from '../src/index';

const appMethods = defineMethods(
  defineMethod('todo.add', {
    params: Type.Object({ title: Type.String(), due: Type.Optional(Type.Integer()) }),
    result: Type.Object({ id: Type.String() }),
    scope: 'operator.write',
  }),
  defineMethod('todo.list', {
    params: Type.Object({ done: Type.Optional(Type.Boolean()) }),
    result: Type.Array(Type.Object({ id: Type.String(), title: Type.String() })),
    scope: 'operator.read',
  }),
);
const methods = { ...coreMethods, ...appMethods };
type Methods = typeof methods;

const appEvents = defineEvents(defineEvent('todo.changed', { payload: Type.Object({ id: Type.String() }), scope: 'operator.read' }));
type Events = CoreEvents & typeof appEvents;

/** A stand-in for `client.request`, typed the same way. */
declare function request<K extends MethodName<Methods>>(method: K, ...args: MethodArgs<Methods, K, { timeoutMs?: number }>): Promise<MethodResult<Methods, K>>;

describe('method maps', () => {
  it('infer params and results of core methods', () => {
    expectTypeOf<MethodParams<CoreMethods, 'node.invoke'>>().toHaveProperty('idempotencyKey').toEqualTypeOf<string>();
    expectTypeOf<MethodResult<CoreMethods, 'status'>['connections']['node']>().toEqualTypeOf<number>();
    expectTypeOf<MethodResult<CoreMethods, 'health'>['ok']>().toEqualTypeOf<boolean>();
  });

  it('infer params and results of application methods merged with the core map', () => {
    expectTypeOf<MethodParams<Methods, 'todo.add'>>().toEqualTypeOf<{ title: string; due?: number }>();
    expectTypeOf(request('todo.add', { title: 'x' })).resolves.toEqualTypeOf<{ id: string }>();
    expectTypeOf(request('todo.list')).resolves.toEqualTypeOf<Array<{ id: string; title: string }>>();
    expectTypeOf(request('health')).resolves.toHaveProperty('ok');
  });

  it('refuse wrong method names and wrong params at compile time', () => {
    // @ts-expect-error unknown method
    void request('todo.remove', {});
    // @ts-expect-error title must be a string
    void request('todo.add', { title: 42 });
    // @ts-expect-error params are required when a field is required
    void request('todo.add');
    // @ts-expect-error unknown field in params
    void request('todo.add', { title: 'x', priority: 1 });
    // @ts-expect-error node.invoke needs an idempotency key
    void request('node.invoke', { nodeId: 'n', command: 'c' });
  });

  it('keep names as literal types', () => {
    expectTypeOf<MethodName<typeof appMethods>>().toEqualTypeOf<'todo.add' | 'todo.list'>();
    expectTypeOf(appMethods['todo.add'].name).toEqualTypeOf<'todo.add'>();
  });
});

describe('event maps', () => {
  it('infer payloads of core and application events', () => {
    expectTypeOf<EventPayload<Events, 'tick'>>().toHaveProperty('ts').toEqualTypeOf<number>();
    expectTypeOf<EventPayload<Events, 'todo.changed'>>().toEqualTypeOf<{ id: string }>();
    expectTypeOf<EventName<typeof coreEvents>>().toExtend<string>();
    // @ts-expect-error unknown event
    expectTypeOf<EventPayload<Events, 'todo.deleted'>>();
  });
});
