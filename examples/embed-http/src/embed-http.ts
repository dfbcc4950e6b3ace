/**
 * Embed a Gatewire gateway in a plain Node `http` server.
 *
 * The server keeps its own routes (GET /hello) and the gateway's health routes, and the gateway
 * handles WebSocket upgrades on /ws only. A typed client then calls a method of our own.
 *
 * Run: pnpm start
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { once } from 'node:events';
import { GatewayClient } from '@gatewire/client';
import { defineMethod, defineMethods, type CoreMethods } from '@gatewire/protocol';
import { createGateway } from '@gatewire/server';
import { Type } from '@sinclair/typebox';

const TOKEN = 'embed-http-example-token';

// 1. A method of our own: one definition types both the handler and client.request().
const greetMethod = defineMethod('app.greet', {
  params: Type.Object({ name: Type.String({ minLength: 1 }) }),
  result: Type.Object({ greeting: Type.String() }),
  scope: 'operator.read',
});
const appMethods = defineMethods(greetMethod);
type AppMethods = CoreMethods & typeof appMethods;

// 2. A gateway without a listener of its own.
const gateway = createGateway({ auth: { mode: 'token', token: TOKEN } });
gateway.method(greetMethod, ({ name }) => ({ greeting: `hello, ${name}` }));

// 3. The application's own http server: its routes first, then the gateway's /health and /ready.
const gatewayHealth = gateway.healthRoutes();
const server = createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/hello') {
    response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('hello from plain http');
    return;
  }
  if (gatewayHealth(request, response)) return;
  response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
});

// 4. Mount the gateway: it upgrades requests for /ws and leaves every other path to the server.
gateway.attach(server, { path: '/ws' });
server.listen(0, '127.0.0.1');
await once(server, 'listening');
const httpUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
const gatewayUrl = gateway.url; // known once the server listens
assert.ok(gatewayUrl !== undefined);
console.log('http server on', httpUrl, '- gateway on', gatewayUrl);
assert.equal(gatewayUrl, `${httpUrl.replace('http:', 'ws:')}/ws`);

// 5. A typed client calls the method over the WebSocket...
const client = new GatewayClient<AppMethods>({ url: gatewayUrl, auth: { token: TOKEN }, reconnect: false });
const hello = await client.connect();
console.log('connected as', hello.auth.role, 'with scopes', hello.auth.scopes.join(', '));
assert.ok(hello.features.methods.includes('app.greet'), 'hello-ok lists app.greet');

const { greeting } = await client.request('app.greet', { name: 'embedder' });
console.log('app.greet ->', greeting);
assert.equal(greeting, 'hello, embedder');

// ...while the http routes keep working on the same port.
const helloRoute = await fetch(`${httpUrl}/hello`);
const helloText = await helloRoute.text();
console.log('GET /hello ->', helloRoute.status, helloText);
assert.equal(helloRoute.status, 200);
assert.equal(helloText, 'hello from plain http');

const ready = await fetch(`${httpUrl}/ready`);
console.log('GET /ready ->', ready.status, await ready.text());
assert.equal(ready.status, 200);

const missing = await fetch(`${httpUrl}/nothing-here`);
assert.equal(missing.status, 404);

// 6. Shut down: the client, then the gateway (it detaches from the server), then the server.
await client.close();
await gateway.close();
server.close();
await once(server, 'close');
console.log('embed-http: ok');
