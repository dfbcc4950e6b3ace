/**
 * Node mode: a client with `role: 'node'` and a device identity connects, declares the commands it
 * serves and answers them with `handleInvoke`. A new node is not trusted: an operator approves its
 * declared commands (`node.pair.list` / `node.pair.approve`), then finds it with `node.list` and runs
 * a command on it with `node.invoke`; the gateway routes the call and the answer.
 *
 * Run: pnpm start
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { GatewayClient, GatewayRequestError } from '@gatewire/client';
import { DeviceIdentity, deviceAuth } from '@gatewire/client/device';
import { nodeInvoke } from '@gatewire/client/node-invoke';
import { startGateway } from '@gatewire/server';

const TOKEN = 'node-invoke-example-token';
const running = await startGateway({ port: 0, bind: 'loopback', auth: { mode: 'token', token: TOKEN } });

// ---- The node: serves `math.sum` ------------------------------------------------------------

const node = new GatewayClient({
  url: running.url,
  auth: { token: TOKEN },
  role: 'node',
  deviceAuth: deviceAuth({ device: await DeviceIdentity.generate() }), // a node is known by its device id (its node id)
  client: { id: 'node-host', displayName: 'calculator' },
  commands: ['math.sum'],
  nodeInvoke: nodeInvoke(),
  reconnect: false,
});

// Params arrive as the operator sent them (parsed JSON): check them like any untrusted input.
node.handleInvoke<{ values?: unknown }, { sum: number }>('math.sum', ({ values }, { invokeId }) => {
  if (!Array.isArray(values) || !values.every((value) => typeof value === 'number')) {
    // A thrown error with a string `code` reaches the operator as that code.
    throw Object.assign(new Error('values must be an array of numbers'), { code: 'BAD_INPUT' });
  }
  console.log(`[node] math.sum ${JSON.stringify(values)} (invoke ${invokeId})`);
  return { sum: values.reduce((total, value) => total + value, 0) };
});
const nodeHello = await node.connect();
assert.equal(nodeHello.auth.role, 'node');

// ---- The operator: lists the nodes and invokes the command ---------------------------------

const operator = new GatewayClient({ url: running.url, auth: { token: TOKEN }, reconnect: false });
await operator.connect();

// Node pairing: until an operator approves the node's declared commands, node.invoke answers
// UNAVAILABLE with detail code PAIRING_CHANGED (and never reaches the node).
const early = await operator
  .request('node.invoke', { nodeId: node.device?.deviceId ?? '', command: 'math.sum', params: { values: [1] }, idempotencyKey: randomUUID() })
  .catch((error: unknown) => error);
assert.ok(GatewayRequestError.isInstance(early, 'UNAVAILABLE'));
assert.equal(early.detailCode, 'PAIRING_CHANGED');
console.log('[operator] node.invoke before approval ->', early.code, early.detailCode);

const { pending } = await operator.request('node.pair.list');
const request = pending.find((candidate) => candidate.nodeId === node.device?.deviceId);
assert.ok(request !== undefined, 'the node asked for approval');
console.log(`[operator] node.pair.list: ${request.displayName} asks to serve ${request.commands.join(', ')} (needs ${request.requiredApproveScopes.join(' + ')})`);
await operator.request('node.pair.approve', { requestId: request.requestId });

const { nodes } = await operator.request('node.list');
for (const listed of nodes) console.log(`[operator] node.list: ${listed.displayName} ${listed.nodeId.slice(0, 12)}… serves ${listed.commands.join(', ')}`);
const calculator = nodes.find((listed) => listed.commands.includes('math.sum'));
assert.ok(calculator !== undefined, 'the node is listed');
assert.equal(calculator.nodeId, node.device?.deviceId);
assert.equal(calculator.connected, true);
assert.equal(calculator.approvalState, 'approved');

// node.invoke requires an idempotencyKey: a retry with the same key gets the first result.
const idempotencyKey = randomUUID();
const invoked = await operator.request('node.invoke', {
  nodeId: calculator.nodeId,
  command: 'math.sum',
  params: { values: [1, 2, 39] },
  timeoutMs: 5_000,
  idempotencyKey,
});
console.log('[operator] node.invoke math.sum ->', JSON.stringify(invoked.payload));
assert.deepEqual(invoked.payload, { sum: 42 });

// An exact retry (same key, same params) is answered from the gateway's idempotency cache; the
// same key with other params would be refused with IDEMPOTENCY_KEY_REUSED.
const retried = await operator.request('node.invoke', {
  nodeId: calculator.nodeId,
  command: 'math.sum',
  params: { values: [1, 2, 39] },
  timeoutMs: 5_000,
  idempotencyKey,
});
assert.deepEqual(retried.payload, { sum: 42 });

// The node's error comes back as a wire error whose detail code is the node's code.
const failed = await operator
  .request('node.invoke', { nodeId: calculator.nodeId, command: 'math.sum', params: { values: 'nope' }, idempotencyKey: randomUUID() })
  .catch((error: unknown) => error);
assert.ok(GatewayRequestError.isInstance(failed, 'UNAVAILABLE'));
assert.equal(failed.detailCode, 'BAD_INPUT');
console.log('[operator] node.invoke with bad params ->', failed.code, failed.detailCode, `"${failed.message}"`);

// A command the node did not declare is refused by the gateway without reaching the node.
const undeclared = await operator
  .request('node.invoke', { nodeId: calculator.nodeId, command: 'system.run', idempotencyKey: randomUUID() })
  .catch((error: unknown) => error);
assert.ok(GatewayRequestError.isInstance(undeclared, 'INVALID_REQUEST'));

await operator.close();
await node.close();
await running.close();
console.log('node-invoke: ok');
