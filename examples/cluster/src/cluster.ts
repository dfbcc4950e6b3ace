/**
 * Two gateways on one Redis act as one: a broadcast made on gateway A reaches a client of gateway B,
 * an operator on A invokes a node connected to B, and a resumable client that the load balancer
 * moves from A to B gets the events it missed, exactly once and in order.
 *
 * Needs `redis-server` on the machine (it starts its own on a free port). Run: pnpm start
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createRedisAdapter } from '@gatewire/adapter-redis';
import { GatewayClient } from '@gatewire/client';
import { DeviceIdentity, deviceAuth } from '@gatewire/client/device';
import { nodeInvoke } from '@gatewire/client/node-invoke';
import { Type, defineEvent, defineEvents } from '@gatewire/protocol';
import { startGateway } from '@gatewire/server';
import { startBalancer, startRedis } from './redis-and-balancer';

const TOKEN = 'cluster-example-token';
const events = defineEvents(defineEvent('app.note', { payload: Type.Object({ n: Type.Integer() }), scope: 'everyone' }));
const redis = await startRedis();

/** One gateway of the cluster: its own Redis adapter (one per gateway), the same Redis URL. */
async function startClusterGateway(name: string) {
  const adapter = await createRedisAdapter({ url: redis.url });
  const running = await startGateway({ port: 0, bind: 'loopback', auth: { mode: 'token', token: TOKEN }, events, adapter });
  console.log(`[${name}] gateway ${adapter.gatewayId.slice(0, 8)} listening on ${running.url}`);
  return running;
}
const a = await startClusterGateway('a');
const b = await startClusterGateway('b');

/** The TCP port a gateway listens on. */
function portOf(running: { url: string }): number {
  return Number(new URL(running.url).port);
}

/** Resolves with the first `app.note` that `client` receives with `n`. */
function note(client: GatewayClient, n: number): Promise<void> {
  return new Promise((resolve) => client.on('event', (event) => event.event === 'app.note' && (event.payload as { n: number }).n === n && resolve()));
}

// ---- 1. A broadcast made on A reaches the clients of B ------------------------------------------

const operatorOnB = new GatewayClient({ url: b.url, auth: { token: TOKEN }, reconnect: false });
await operatorOnB.connect();
const first = note(operatorOnB, 1);
a.gateway.broadcast('app.note', { n: 1 });
await first;
console.log('[b] received app.note 1, broadcast on gateway a');

// ---- 2. An operator on A invokes a node connected to B ------------------------------------------

const node = new GatewayClient({
  url: b.url,
  auth: { token: TOKEN },
  role: 'node',
  deviceAuth: deviceAuth({ device: await DeviceIdentity.generate() }),
  client: { id: 'node-host', displayName: 'calculator' },
  commands: ['math.sum'],
  nodeInvoke: nodeInvoke(),
  reconnect: false,
});
node.handleInvoke<{ values: number[] }, { sum: number }>('math.sum', ({ values }) => {
  console.log(`[node on b] math.sum ${JSON.stringify(values)}`);
  return { sum: values.reduce((total, value) => total + value, 0) };
});
await node.connect();
const nodeId = node.device?.deviceId ?? '';
// A new node is approved by an operator of its gateway (see examples/node-invoke).
const { pending } = await operatorOnB.request('node.pair.list');
await operatorOnB.request('node.pair.approve', { requestId: pending.find((request) => request.nodeId === nodeId)?.requestId ?? '' });

const operatorOnA = new GatewayClient({ url: a.url, auth: { token: TOKEN }, reconnect: false });
await operatorOnA.connect();
// Gateway A learns about B's node through Redis, within a second.
const deadline = Date.now() + 5_000;
while (!(await operatorOnA.request('node.list')).nodes.some((listed) => listed.nodeId === nodeId && listed.commands.includes('math.sum'))) {
  assert.ok(Date.now() < deadline, 'gateway a lists the node of gateway b');
  await new Promise((resolve) => setTimeout(resolve, 50));
}
const invoked = await operatorOnA.request('node.invoke', { nodeId, command: 'math.sum', params: { values: [20, 22] }, timeoutMs: 5_000, idempotencyKey: randomUUID() });
assert.deepEqual(invoked.payload, { sum: 42 });
console.log('[a] node.invoke math.sum on the node of gateway b ->', JSON.stringify(invoked.payload));

// ---- 3. A resumable client moved from A to B by the load balancer misses nothing --------------

const balancer = await startBalancer(portOf(a));
const mover = new GatewayClient({ url: balancer.url, auth: { token: TOKEN }, reconnect: { initialDelayMs: 100, maxDelayMs: 200 } });
const notes: number[] = [];
let resyncs = 0;
mover.on('event', (event) => {
  if (event.event === 'app.note') notes.push((event.payload as { n: number }).n);
});
mover.on('resync', () => (resyncs += 1));
await mover.connect();
const second = note(mover, 2);
a.gateway.broadcast('app.note', { n: 2 });
await second;

// The balancer now sends new connections to B, and drops the open ones (as when A is drained).
balancer.setTarget(portOf(b));
balancer.cutConnections();
a.gateway.broadcast('app.note', { n: 3 });
b.gateway.broadcast('app.note', { n: 4 });
const last = note(mover, 5);
await new Promise<void>((resolve) => mover.on('hello', ({ reconnected }) => reconnected && resolve()));
b.gateway.broadcast('app.note', { n: 5 });
await last;
assert.deepEqual(notes, [2, 3, 4, 5], 'every event once, in order');
assert.equal(resyncs, 0, 'nothing had to be given up');
console.log(`[mover] reconnected through the balancer to gateway b and got ${JSON.stringify(notes)}: none lost, none twice`);

for (const client of [mover, operatorOnA, node, operatorOnB]) await client.close();
await balancer.close();
await a.close();
await b.close();
await redis.stop();
console.log('cluster: ok');
