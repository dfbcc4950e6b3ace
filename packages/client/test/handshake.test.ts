import { describe, expect, it } from 'vitest';
import { DeviceIdentity, deviceAuth, MemoryIdentityStore } from '../src/device';
import { GatewayClient, GatewayClientError } from '../src/index';
import { startFakeGateway as startGateway, track } from './helpers/cleanup';
import { nextEvent } from './helpers/wait';

describe('handshake (raw-frame gateway)', () => {
  it('waits for the challenge and sends a v4 connect with the defaults and the token', async () => {
    const gateway = await startGateway({ token: 'secret' });
    const client = track(new GatewayClient({ url: gateway.url, auth: { token: 'secret' }, reconnect: false }));
    const hello = await client.connect();
    expect(hello.type).toBe('hello-ok');
    expect(hello.auth.method).toBe('token');
    expect(client.state).toBe('connected');
    const params = gateway.connections[0]?.params;
    expect(params).toMatchObject({
      minProtocol: 4,
      maxProtocol: 4,
      client: { id: 'gateway-client', mode: 'backend', platform: process.platform },
      role: 'operator',
      scopes: ['operator.admin'],
      caps: [],
      auth: { token: 'secret' },
    });
    expect(params?.device).toBeUndefined();
  });

  it('sends every client field that is set, and no auth object when there is no credential', async () => {
    const gateway = await startGateway();
    const client = track(
      new GatewayClient({
        url: gateway.url,
        client: { displayName: 'Kitchen display', deviceFamily: 'tablet', instanceId: 'instance-7', version: '9.9.9' },
        reconnect: false,
      }),
    );
    await client.connect();
    const params = gateway.connections[0]?.params;
    expect(params?.client).toEqual({
      id: 'gateway-client',
      version: '9.9.9',
      platform: process.platform,
      mode: 'backend',
      displayName: 'Kitchen display',
      deviceFamily: 'tablet',
      instanceId: 'instance-7',
    });
    expect(params && 'auth' in params).toBe(false);
    expect(params && 'commands' in params).toBe(false);
  });

  it('sends the password', async () => {
    const gateway = await startGateway({ password: 'hunter2' });
    const client = track(new GatewayClient({ url: gateway.url, auth: { password: 'hunter2' }, reconnect: false }));
    const hello = await client.connect();
    expect(hello.auth.method).toBe('password');
    expect(gateway.connections[0]?.params?.auth).toEqual({ password: 'hunter2' });
  });

  it('signs the v3 device payload with signedAt = challenge ts, stores the device token and uses it next time', async () => {
    const gateway = await startGateway({ token: 'secret' });
    const device = await DeviceIdentity.generate();
    const store = new MemoryIdentityStore();
    const first = track(new GatewayClient({ url: gateway.url, auth: { token: 'secret' }, deviceAuth: deviceAuth({ device, identityStore: store }), reconnect: false }));
    const hello = await first.connect();
    const sent = gateway.connections[0]?.params?.device;
    expect(sent).toMatchObject({ id: device.deviceId, publicKey: device.publicKey });
    expect(sent?.signature).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(hello.auth.deviceToken).toBeDefined();
    expect(await store.loadDeviceToken(device.deviceId, 'operator')).toMatchObject({ token: hello.auth.deviceToken, role: 'operator' });
    await first.close();

    const second = track(new GatewayClient({ url: gateway.url, deviceAuth: deviceAuth({ device, identityStore: store }), reconnect: false }));
    const again = await second.connect();
    expect(gateway.connections[1]?.params?.auth).toEqual({ deviceToken: hello.auth.deviceToken });
    expect(again.auth.method).toBe('device-token');
  });

  it('retries once with the stored device token after AUTH_TOKEN_MISMATCH on loopback', async () => {
    const gateway = await startGateway({ token: 'rotated' });
    const device = await DeviceIdentity.generate();
    const store = new MemoryIdentityStore(device);
    const first = track(new GatewayClient({ url: gateway.url, auth: { token: 'rotated' }, deviceAuth: deviceAuth({ identityStore: store }), reconnect: false }));
    const issued = (await first.connect()).auth.deviceToken;
    await first.close();

    const stale = track(new GatewayClient({ url: gateway.url, auth: { token: 'old' }, deviceAuth: deviceAuth({ identityStore: store }), reconnect: { initialDelayMs: 1, maxDelayMs: 2 } }));
    const hello = await stale.connect();
    expect(hello.auth.method).toBe('device-token');
    expect(gateway.connections[1]?.params?.auth).toEqual({ token: 'old' });
    expect(gateway.connections[2]?.params?.auth).toEqual({ deviceToken: issued });
  });

  it('does not retry a token mismatch without a stored device token', async () => {
    const gateway = await startGateway({ token: 'rotated' });
    const client = track(new GatewayClient({ url: gateway.url, auth: { token: 'old' }, deviceAuth: deviceAuth({ identityStore: new MemoryIdentityStore() }), reconnect: { initialDelayMs: 1, maxDelayMs: 2 } }));
    const error = await client.connect().catch((caught: unknown) => caught);
    expect(GatewayClientError.isInstance(error, 'AUTH_FAILED')).toBe(true);
    expect(gateway.connections).toHaveLength(1);
  });

  it('creates and saves an identity when the store has none', async () => {
    const gateway = await startGateway();
    const store = new MemoryIdentityStore();
    const client = track(new GatewayClient({ url: gateway.url, deviceAuth: deviceAuth({ identityStore: store }), reconnect: false }));
    await client.connect();
    const identity = await store.loadIdentity();
    expect(identity?.deviceId).toBe(gateway.connections[0]?.params?.device?.id);
  });

  it('closes with 4000 "connect timeout" when no hello-ok arrives', async () => {
    const gateway = await startGateway({ stallConnect: true });
    const client = track(new GatewayClient({ url: gateway.url, connectTimeoutMs: 150, reconnect: false }));
    const rejected = client.connect().catch((error: unknown) => error);
    const disconnected = await nextEvent(client, 'disconnected');
    expect(GatewayClientError.isInstance(disconnected.error, 'HANDSHAKE_TIMEOUT')).toBe(true);
    expect(await gateway.connections[0]?.closed).toEqual({ code: 4000, reason: 'connect timeout' });
    expect(GatewayClientError.isInstance(await rejected, 'HANDSHAKE_TIMEOUT')).toBe(true);
  });

  it('times out when the gateway never sends a challenge', async () => {
    const gateway = await startGateway({ silent: true });
    const client = track(new GatewayClient({ url: gateway.url, connectTimeoutMs: 100, reconnect: false }));
    void client.connect().catch(() => undefined);
    const disconnected = await nextEvent(client, 'disconnected');
    expect(disconnected.code).toBe(4000);
    expect(GatewayClientError.isInstance(disconnected.error, 'HANDSHAKE_TIMEOUT')).toBe(true);
    expect(gateway.connections[0]?.params).toBeUndefined();
  });

  it.each([
    [{ nonce: '', ts: 1 }],
    [{ nonce: 'n', ts: -1 }],
    [{ nonce: 'n', ts: 1.5 }],
    [{ nonce: 'n' }],
  ])('refuses the malformed challenge %j without sending connect', async (challengePayload) => {
    const gateway = await startGateway({ challengePayload });
    const client = track(new GatewayClient({ url: gateway.url, reconnect: false }));
    void client.connect().catch(() => undefined);
    const disconnected = await nextEvent(client, 'disconnected');
    expect(GatewayClientError.isInstance(disconnected.error, 'HANDSHAKE_FAILED')).toBe(true);
    expect(gateway.connections[0]?.params).toBeUndefined();
    expect((await gateway.connections[0]?.closed)?.code).toBe(1008);
  });

  it('logs state changes and stops through the logger', async () => {
    const gateway = await startGateway({ token: 'secret' });
    const lines: string[] = [];
    const logger = { debug: (message: string) => lines.push(`debug ${message}`), warn: (message: string) => lines.push(`warn ${message}`) };
    const client = track(new GatewayClient({ url: gateway.url, auth: { token: 'nope' }, logger }));
    await client.connect().catch(() => undefined);
    expect(lines).toContain('debug state idle -> connecting');
    expect(lines.some((line) => line.startsWith('warn reconnection stopped: connect refused'))).toBe(true);
  });

  it('accepts the real OpenClaw hello-ok fixture as is', async () => {
    const gateway = await startGateway();
    const client = track(new GatewayClient({ url: gateway.url, reconnect: false }));
    const hello = await client.connect();
    expect(hello.server.version).toBe('2026.9.6');
    expect(hello.features.methods.length).toBeGreaterThan(400);
  });
});
