/**
 * One method and event map (`api.ts`) shared by a gateway (`server.ts`) and a client (this file),
 * typed end to end: a wrong call does not compile, and if forced through anyway the gateway refuses it.
 *
 * Run: pnpm start
 */
import assert from 'node:assert/strict';
import { GatewayClient, GatewayRequestError } from '@gatewire/client';
import type { TodoEvents, TodoMethods } from './api';
import { startTodoGateway } from './server';

const TOKEN = 'custom-methods-example-token';
const running = await startTodoGateway(TOKEN);

// The client is typed with the same maps: request names, params, results and event payloads.
const client = new GatewayClient<TodoMethods, TodoEvents>({ url: running.url, auth: { token: TOKEN }, reconnect: false });

const changes: string[] = [];
const threeChanges = new Promise<void>((resolve) => {
  client.onEvent('todo.changed', ({ change, todo }) => {
    changes.push(`${change}: ${todo.title}`);
    if (changes.length === 3) resolve();
  });
});

const hello = await client.connect();
assert.ok(hello.features.methods.includes('todo.add'));
assert.ok(hello.features.events.includes('todo.changed'));

const milk = await client.request('todo.add', { title: 'buy milk' }); // milk: Todo
const bread = await client.request('todo.add', { title: 'bake bread' });
const done = await client.request('todo.complete', { id: milk.id });
console.log('added', milk.id, 'and', bread.id, '- completed', done.title, done.done);
assert.equal(done.done, true);

const { todos } = await client.request('todo.list'); // params may be omitted: they are all optional
console.log('todo.list ->', todos.map((todo) => `${todo.title}${todo.done ? ' (done)' : ''}`).join(', '));
assert.deepEqual(todos, [
  { id: milk.id, title: 'buy milk', done: true },
  { id: bread.id, title: 'bake bread', done: false },
]);

// The events arrived in order, typed from the same map.
await threeChanges;
console.log('todo.changed events:', changes.join(' | '));
assert.deepEqual(changes, ['added: buy milk', 'added: bake bread', 'completed: buy milk']);

// A handler's MethodError arrives as a GatewayRequestError with the same code and details.
const notFound = await client.request('todo.complete', { id: 'todo-404' }).catch((error: unknown) => error);
assert.ok(GatewayRequestError.isInstance(notFound, 'INVALID_REQUEST'));
assert.equal(notFound.detailCode, 'TODO_NOT_FOUND');
console.log('todo.complete todo-404 ->', notFound.code, notFound.detailCode);

// A wrong call does not compile (`pnpm typecheck` fails if these lines ever do compile)…
// @ts-expect-error: `title` must be a string
const wrongParams = client.request('todo.add', { title: 42 });
// @ts-expect-error: there is no method `todo.remove` in the map
const unknownMethod = client.request('todo.remove', { id: milk.id });
// @ts-expect-error: there is no event `todo.deleted` in the map
client.onEvent('todo.deleted', () => undefined);

// …and forced through at run time, the gateway's validator refuses it all the same.
const refusedParams = await wrongParams.catch((error: unknown) => error);
assert.ok(GatewayRequestError.isInstance(refusedParams, 'INVALID_REQUEST'));
const refusedMethod = await unknownMethod.catch((error: unknown) => error);
assert.ok(GatewayRequestError.isInstance(refusedMethod, 'INVALID_REQUEST'));
console.log('wrong calls refused:', refusedParams.message, '/', refusedMethod.message);

await client.close();
await running.close();
console.log('custom-methods: ok');
