import { describe, expect, it } from 'vitest';
import { deviceAuth, MemoryIdentityStore } from '../../src/device';
import { GatewayClient, GatewayClientError, type GatewayClientOptions } from '../../src/index';
import { track } from '../helpers/cleanup';
import { startRealGateway, TOKEN } from '../helpers/real-gateway';
import { nextEvent } from '../helpers/wait';

const fast = { initialDelayMs: 5, maxDelayMs: 20 };

/** A store holding a device token, issued by a first shared-token connect (silent pairing on loopback). */
async function pairedStore(url: string, scopes?: readonly string[]): Promise<{ store: MemoryIdentityStore; deviceId: string; token: string }> {
  const store = new MemoryIdentityStore();
  const first = track(new GatewayClient({ url, auth: { token: TOKEN }, deviceAuth: deviceAuth({ identityStore: store }), reconnect: false, ...(scopes === undefined ? {} : { scopes }) }));
  const hello = await first.connect();
  await first.close();
  const deviceId = first.device?.deviceId ?? '';
  const token = (await store.loadDeviceToken(deviceId, 'operator'))?.token;
  expect(token).toBe(hello.auth.deviceToken);
  return { store, deviceId, token: token ?? '' };
}

/** An operator that manages devices (shared token, local backend on loopback: operator.admin). */
async function admin(url: string): Promise<GatewayClient> {
  const client = track(new GatewayClient({ url, auth: { token: TOKEN }, reconnect: false }));
  await client.connect();
  return client;
}

function storeOnly(url: string, store: MemoryIdentityStore, extra: Pick<GatewayClientOptions, 'reconnect'> = {}): GatewayClient {
  return track(new GatewayClient({ url, deviceAuth: deviceAuth({ identityStore: store }), reconnect: fast, ...extra }));
}

describe('the device-token store follows rotation and revocation (against @gatewire/server)', () => {
  it('a token revoked while connected (close 4001) is dropped, and the client stops saying why', async () => {
    const { url } = await startRealGateway();
    const { store, deviceId } = await pairedStore(url);
    const client = storeOnly(url, store);
    expect((await client.connect()).auth.method).toBe('device-token');
    let scheduled = 0;
    client.on('reconnect-scheduled', () => (scheduled += 1));
    const stateChange = nextEvent(client, 'state', (change) => change.to === 'closed');
    const closed = nextEvent(client, 'closed');
    await (await admin(url)).request('device.token.revoke', { deviceId, role: 'operator' });
    const stop = await closed;
    expect(GatewayClientError.isInstance(stop.error, 'DEVICE_TOKEN_REVOKED')).toBe(true);
    expect(stop.error).toMatchObject({ closeCode: 4001, closeReason: 'device token revoked' });
    expect((await stateChange).reason).toBe('the gateway closed 4001: device token revoked; the token was dropped from the identity store');
    expect(await store.loadDeviceToken(deviceId, 'operator')).toBeUndefined();
    expect(scheduled).toBe(0);
  });

  it('a token revoked while offline (AUTH_DEVICE_TOKEN_MISMATCH at connect) is dropped and not retried', async () => {
    const { url } = await startRealGateway();
    const { store, deviceId } = await pairedStore(url);
    await (await admin(url)).request('device.token.revoke', { deviceId, role: 'operator' });
    const client = storeOnly(url, store);
    let scheduled = 0;
    client.on('reconnect-scheduled', () => (scheduled += 1));
    const error = await client.connect().catch((caught: unknown) => caught);
    expect(GatewayClientError.isInstance(error, 'DEVICE_TOKEN_REVOKED')).toBe(true);
    expect((error as Error).message).toBe('the gateway refused the stored device token (AUTH_DEVICE_TOKEN_MISMATCH); the token was dropped from the identity store');
    expect((error as Error).cause).toMatchObject({ detailCode: 'AUTH_DEVICE_TOKEN_MISMATCH' });
    expect(await store.loadDeviceToken(deviceId, 'operator')).toBeUndefined();
    expect(scheduled).toBe(0);
  });

  it("a token rotated by an operator is dropped from the store of the client that used it", async () => {
    const { url } = await startRealGateway();
    const { store, deviceId, token } = await pairedStore(url);
    const client = storeOnly(url, store);
    await client.connect();
    const closed = nextEvent(client, 'closed');
    const rotated = await (await admin(url)).request('device.token.rotate', { deviceId, role: 'operator' });
    expect(rotated.token).not.toBe(token);
    expect((await closed).error).toMatchObject({ code: 'DEVICE_TOKEN_REVOKED', closeReason: 'device token rotated' });
    expect(await store.loadDeviceToken(deviceId, 'operator')).toBeUndefined();
  });

  it('a client connected by its device token rotates that token: the result comes before the 4001 close, and it reconnects with the new token', async () => {
    const { url } = await startRealGateway();
    const { store, deviceId, token } = await pairedStore(url);
    const client = storeOnly(url, store);
    expect((await client.connect()).auth.method).toBe('device-token');
    const order: string[] = [];
    const disconnected = nextEvent(client, 'disconnected').then((context) => {
      order.push('closed');
      return context;
    });
    const reconnected = nextEvent(client, 'hello', (context) => context.reconnected);
    const rotated = await client.request('device.token.rotate', { deviceId, role: 'operator' });
    order.push('result');
    expect(rotated.token).not.toBe(token);
    expect(await disconnected).toMatchObject({ code: 4001, reason: 'device token rotated' });
    expect(order).toEqual(['result', 'closed']);
    const hello = (await reconnected).hello;
    expect(hello.auth.method).toBe('device-token');
    expect(await store.loadDeviceToken(deviceId, 'operator')).toMatchObject({ token: rotated.token });
  });

  it("the client's own device.token.rotate result replaces the stored token, which then works", async () => {
    const { url } = await startRealGateway();
    const { store, deviceId, token } = await pairedStore(url);
    const client = track(new GatewayClient({ url, auth: { token: TOKEN }, deviceAuth: deviceAuth({ identityStore: store }), reconnect: false }));
    await client.connect();
    const rotated = await client.request('device.token.rotate', { deviceId, role: 'operator' });
    expect(rotated.token).toBeDefined();
    expect(rotated.token).not.toBe(token);
    expect(await store.loadDeviceToken(deviceId, 'operator')).toMatchObject({ token: rotated.token, role: 'operator', issuedAtMs: rotated.rotatedAtMs });
    const next = storeOnly(url, store, { reconnect: false });
    expect((await next.connect()).auth.method).toBe('device-token');
  });
});

describe('a wrong shared token is not hidden by the stored device token (D8)', () => {
  it('falls back to the stored token on loopback, and the hello event carries the refusal of the token', async () => {
    const { url } = await startRealGateway();
    const { store } = await pairedStore(url);
    const client = track(new GatewayClient({ url, auth: { token: 'wrong' }, deviceAuth: deviceAuth({ identityStore: store }), reconnect: false }));
    const hello = nextEvent(client, 'hello');
    await client.connect();
    const context = await hello;
    expect(context.hello.auth.method).toBe('device-token');
    expect(context.sharedTokenRefusal).toMatchObject({ detailCode: 'AUTH_TOKEN_MISMATCH' });
  });

  it('with storedTokenFallback: false, reports AUTH_TOKEN_MISMATCH at once', async () => {
    const { url } = await startRealGateway();
    const { store } = await pairedStore(url);
    const client = track(new GatewayClient({ url, auth: { token: 'wrong', storedTokenFallback: false }, deviceAuth: deviceAuth({ identityStore: store }), reconnect: false }));
    const error = await client.connect().catch((caught: unknown) => caught);
    expect(GatewayClientError.isInstance(error, 'AUTH_FAILED')).toBe(true);
    expect((error as Error).cause).toMatchObject({ detailCode: 'AUTH_TOKEN_MISMATCH' });
  });

  it('when the fallback fails too, reports the refusal of the token, not the fallback scope mismatch', async () => {
    const { url } = await startRealGateway();
    const { store } = await pairedStore(url, ['operator.read']);
    const client = track(new GatewayClient({ url, auth: { token: 'wrong' }, scopes: ['operator.admin'], deviceAuth: deviceAuth({ identityStore: store }), reconnect: false }));
    const error = await client.connect().catch((caught: unknown) => caught);
    expect(GatewayClientError.isInstance(error, 'AUTH_FAILED')).toBe(true);
    expect((error as Error).cause).toMatchObject({ detailCode: 'AUTH_TOKEN_MISMATCH' });
    expect((error as Error).message).toMatch(/^connect refused: .*\(AUTH_TOKEN_MISMATCH\); the stored device token was tried instead and failed: .*AUTH_SCOPE_MISMATCH/);
  });
});
