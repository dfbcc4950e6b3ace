import assert from 'node:assert/strict';
import { GatewayClient } from '@gatewire/client/node';
import { startGateway } from '@gatewire/server';
import { events, methods, type AppEvents, type AppMethods } from './api.js';

const token = 'consumer-check-token';
const running = await startGateway({ port: 0, bind: 'loopback', auth: { mode: 'token', token }, events });
running.gateway.method(methods['math.add'], ({ a, b }) => {
  // @ts-expect-error `a` is a number (neither `any` nor `unknown`: TypeBox types reach the handler)
  const wrong: string = a;
  void wrong;
  running.gateway.broadcast('math.done', { sum: a + b });
  return { sum: a + b };
});

const client = new GatewayClient<AppMethods, AppEvents>({ url: running.url, auth: { token }, reconnect: false });
const done = new Promise<number>((resolve) => client.onEvent('math.done', ({ sum }) => resolve(sum)));
await client.connect();
const { sum } = await client.request('math.add', { a: 2, b: 3 });
assert.equal(sum, 5);
assert.equal(await done, 5);

/** Never called: calls that must not compile. */
export function typeErrors(): void {
  // @ts-expect-error `a` must be a number
  void client.request('math.add', { a: 'two', b: 3 });
  // @ts-expect-error no such method
  void client.request('math.subtract', { a: 2, b: 3 });
  // @ts-expect-error the host's WebSocketServer, not a string (the parameter is not `any`)
  running.gateway.attachWebSocketServer('not a WebSocketServer');
}

await client.close();
await running.close();
console.log(`consumer ok: math.add(2, 3) = ${sum}`);
