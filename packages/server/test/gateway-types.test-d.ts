import { defineEvent, defineEvents, defineMethod } from '@gatewire/protocol';
import { Type } from '@sinclair/typebox';
import { describe, expectTypeOf, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { bindWebSocket, createGateway, type ConnectionInfo, type WebSocketLike, type WebSocketServerLike } from '../src/index';

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

  it('takes ws sockets and servers through structural types (no @types/ws in the public types), and nothing else', () => {
    expectTypeOf<WebSocket>().toExtend<WebSocketLike>();
    expectTypeOf<WebSocketServer>().toExtend<WebSocketServerLike>();
    const gateway = createGateway();
    expectTypeOf(gateway.attachWebSocketServer).toBeCallableWith(new WebSocketServer({ noServer: true }));
    // @ts-expect-error a string is not a WebSocketServer (the parameter is not `any`)
    gateway.attachWebSocketServer('definitely not a WebSocketServer');
    // @ts-expect-error an object without the WebSocket methods is not a socket
    bindWebSocket({ readyState: 1 });
  });
});
