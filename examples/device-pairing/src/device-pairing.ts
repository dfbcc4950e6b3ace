/**
 * Device pairing. A device that connects from another machine with the shared token is refused
 * until an operator approves it:
 *
 * 1. the device connects (token + device identity) and is refused with PAIRING_REQUIRED;
 * 2. an operator holding `operator.pairing` receives `device.pair.requested` (it also holds
 *    `operator.read`: an approver may grant only scopes it holds itself);
 * 3. the operator approves it with `device.pair.approve`;
 * 4. the device connects again and the gateway issues it a device token;
 * 5. from then on the device connects with its device token alone (no shared token).
 *
 * Loopback clients are paired silently, so the device must look remote. Here the gateway trusts
 * 127.0.0.1 as a reverse proxy (`trustedProxies`) and the device sends the `X-Forwarded-For`
 * header a proxy would add, naming a documentation address (198.51.100.20).
 *
 * Run: pnpm start
 */
import assert from 'node:assert/strict';
import { DeviceIdentity, deviceAuth, GatewayClient, GatewayClientError, MemoryIdentityStore, type NodeGatewayClientOptions } from '@gatewire/client/node';
import type { CoreEvents, DevicePairRequestedEvent } from '@gatewire/protocol';
import { startGateway } from '@gatewire/server';

const TOKEN = 'device-pairing-example-token';
const REMOTE_IP = '198.51.100.20';

const running = await startGateway({
  port: 0,
  bind: 'loopback',
  auth: { mode: 'token', token: TOKEN },
  trustedProxies: ['127.0.0.1'], // believe X-Forwarded-For from a proxy on this machine
});

/** A client whose WebSocket upgrade request carries `X-Forwarded-For`, as if it came through a proxy. */
function remoteDevice(options: NodeGatewayClientOptions<CoreEvents>): GatewayClient {
  return new GatewayClient({ ...options, headers: { 'X-Forwarded-For': REMOTE_IP } });
}

// ---- The operator who approves devices ------------------------------------------------------

const operator = new GatewayClient({ url: running.url, auth: { token: TOKEN }, scopes: ['operator.pairing', 'operator.read'], reconnect: false });
const pairingRequested = new Promise<DevicePairRequestedEvent>((resolve) => operator.onEvent('device.pair.requested', resolve));
const operatorHello = await operator.connect();
assert.deepEqual([...operatorHello.auth.scopes].sort(), ['operator.pairing', 'operator.read']);

// ---- 1. The device asks, and is refused until approved --------------------------------------

// The device's key pair and the device tokens it is issued live in an identity store
// (a real device would use FileIdentityStore or IndexedDbIdentityStore).
const identity = await DeviceIdentity.generate();
const store = new MemoryIdentityStore(identity);
const device = remoteDevice({
  url: running.url,
  auth: { token: TOKEN },
  deviceAuth: deviceAuth({ identityStore: store }),
  client: { id: 'openclaw-ios', platform: 'ios', mode: 'ui', displayName: "Ada's phone" },
  scopes: ['operator.read'],
  reconnect: false,
});
const refused = await device.connect().catch((error: unknown) => error);
// Pairing refusals stop the client (no silent retry loop) and name the request to approve.
assert.ok(GatewayClientError.isInstance(refused, 'PAIRING_REQUIRED'));
const requestId = refused.pairingRequestId;
assert.ok(requestId !== undefined);
console.log(`[device] refused: ${refused.code} (request ${requestId})`);

// ---- 2-3. The operator sees the request and approves it -------------------------------------

const request = await pairingRequested;
console.log(`[operator] device.pair.requested: ${request.displayName ?? request.clientId} from ${request.remoteIp} wants ${request.scopes?.join(', ')}`);
assert.equal(request.requestId, requestId);
assert.equal(request.deviceId, identity.deviceId);
assert.equal(request.remoteIp, REMOTE_IP);

const { pending } = await operator.request('device.pair.list');
assert.deepEqual(
  pending.map((entry) => entry.requestId),
  [requestId],
);
const approved = await operator.request('device.pair.approve', { requestId });
console.log(`[operator] approved ${approved.device.deviceId.slice(0, 12)}… with scopes ${approved.device.scopes.join(', ')}`);

// ---- 4. The device connects again and receives its device token ------------------------------

const paired = await device.connect();
const deviceToken = paired.auth.deviceToken;
assert.ok(deviceToken !== undefined, 'hello-ok carries a device token');
assert.equal(paired.auth.method, 'token');
assert.deepEqual(paired.auth.scopes, ['operator.read']);
// The client kept the token (and its scopes) in the identity store.
assert.equal((await store.loadDeviceToken(identity.deviceId, 'operator'))?.token, deviceToken);
console.log(`[device] connected with the shared token; got a device token (${deviceToken.length} characters)`);
await device.close();

// ---- 5. Later: the device token alone, no shared token ----------------------------------------

// No `auth` at all: the client sends the stored device token (`auth.deviceToken`) and asks for the
// scopes it was issued with. Without a store, pass `auth: { deviceToken }` and those `scopes`.
const later = remoteDevice({ url: running.url, deviceAuth: deviceAuth({ identityStore: store }), reconnect: false });
const hello = await later.connect();
console.log(`[device] connected again with auth method ${hello.auth.method}, scopes ${hello.auth.scopes.join(', ')}`);
assert.equal(hello.auth.method, 'device-token');
assert.deepEqual(hello.auth.scopes, ['operator.read']);
assert.equal((await later.request('health')).ok, true);

await later.close();
await operator.close();
await running.close();
console.log('device-pairing: ok');
