import { defineEvent, defineEvents, defineMethod } from '@gatewire/protocol';
import { Type } from '@sinclair/typebox';
import { describe, expectTypeOf, it } from 'vitest';
import { createGateway, type ConnectionInfo } from '../src/index';

const add = defineMethod('math.add', {
  params: Type.Object({ a: Type.Number(), b: Type.Number() }),
  result: Type.Object({ sum: Type.Number() }),
  scope: 'operator.write',
});
const events = defineEvents(defineEvent('math.done', { payload: Type.Object({ sum: Type.Number() }), scope: 'operator.read' }));

describe('gateway types', () => {
  it('types handlers from the method definition', () => {
    const gateway = createGateway({ events });
    gateway.method(add, (params, context) => {
      expectTypeOf(params).toEqualTypeOf<{ a: number; b: number }>();
      expectTypeOf(context.connection).toEqualTypeOf<ConnectionInfo>();
      expectTypeOf(context.signal).toEqualTypeOf<AbortSignal>();
      context.emit('math.done', { sum: 1 });
      // @ts-expect-error the payload of math.done needs a number
      context.emit('math.done', { sum: 'one' });
      return { sum: params.a + params.b };
    });
    // @ts-expect-error the result must match the schema
    gateway.method(add, () => ({ total: 1 }));
  });

  it('types broadcasts from the app and core event maps', () => {
    const gateway = createGateway({ events });
    gateway.broadcast('math.done', { sum: 3 });
    gateway.broadcast('tick', { ts: 1 });
    // @ts-expect-error unknown event
    gateway.broadcast('math.unknown', {});
    // @ts-expect-error wrong payload
    gateway.broadcast('math.done', { sum: '3' });
    gateway.on('connection', (event) => expectTypeOf(event.connection.role).toEqualTypeOf<'operator' | 'node'>());
  });
});
