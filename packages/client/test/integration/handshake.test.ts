import { describe, expect, it } from 'vitest';
import { DeviceIdentity, deviceAuth, MemoryIdentityStore } from '../../src/device';
import { GatewayClient, GatewayClientError } from '../../src/index';
import { track } from '../helpers/cleanup';
import { startRealGateway, TOKEN } from '../helpers/real-gateway';

describe('handshake against @gatewire/server', () => {
  it('connects with the shared token', async () => {
    const { url } = await startRealGateway();
    const client = track(new GatewayClient({ url, auth: { token: TOKEN }, reconnect: false }));
    const hello = await client.connect();
    expect(hello).toMatchObject({ type: 'hello-ok', protocol: 4, auth: { role: 'operator', method: 'token', scopes: ['operator.admin'] } });
    expect(hello.policy.tickIntervalMs).toBe(30_000);
    expect((await client.request('health')).ok).toBe(true);
  });

  it('connects with the password', async () => {
    const { url } = await startRealGateway({ auth: { mode: 'password', password: 'correct horse' } });
    const client = track(new GatewayClient({ url, auth: { password: 'correct horse' }, reconnect: false }));
    const hello = await client.connect();
    expect(hello.auth.method).toBe('password');
  });

  it('signs the device payload, stores the issued device token and connects with it next time', async () => {
    const { url } = await startRealGateway();
    const device = await DeviceIdentity.generate();
    const store = new MemoryIdentityStore(device);
    const first = track(new GatewayClient({ url, auth: { token: TOKEN }, deviceAuth: deviceAuth({ identityStore: store }), reconnect: false }));
    const hello = await first.connect();
    expect(first.device?.deviceId).toBe(device.deviceId);
    expect(hello.auth.deviceToken).toEqual(expect.any(String));
    const stored = await store.loadDeviceToken(device.deviceId, 'operator');
    expect(stored?.token).toBe(hello.auth.deviceToken);
    await first.close();

    const second = track(new GatewayClient({ url, deviceAuth: deviceAuth({ identityStore: store }), reconnect: false }));
    const again = await second.connect();
    expect(again.auth.method).toBe('device-token');
    expect(again.auth.scopes).toEqual(stored?.scopes);
  });

  it('stops with AUTH_FAILED on a wrong token', async () => {
    const { url } = await startRealGateway();
    const client = track(new GatewayClient({ url, auth: { token: 'wrong' }, reconnect: { initialDelayMs: 1, maxDelayMs: 2 } }));
    const error = await client.connect().catch((caught: unknown) => caught);
    expect(GatewayClientError.isInstance(error, 'AUTH_FAILED')).toBe(true);
    expect((error as GatewayClientError).closeCode).toBe(1008);
    expect((error as Error).cause).toMatchObject({ code: 'INVALID_REQUEST', detailCode: 'AUTH_TOKEN_MISMATCH' });
    expect(client.state).toBe('closed');
  });
});

describe('remote devices and upgrade headers (Node client)', () => {
  it('sends upgrade headers; a device behind a trusted proxy gets PAIRING_REQUIRED with a typed request id', async () => {
    const { url } = await startRealGateway({ trustedProxies: ['127.0.0.1'] });
    const { GatewayClient: NodeGatewayClient } = await import('../../src/node');
    const device = await DeviceIdentity.generate();
    const client = track(
      new NodeGatewayClient({ url, auth: { token: TOKEN }, deviceAuth: deviceAuth({ device }), headers: { 'X-Forwarded-For': '198.51.100.20' }, reconnect: { initialDelayMs: 1, maxDelayMs: 2 } }),
    );
    const error = await client.connect().catch((caught: unknown) => caught);
    expect(GatewayClientError.isInstance(error, 'PAIRING_REQUIRED')).toBe(true);
    const requestId = (error as GatewayClientError).pairingRequestId;
    expect(requestId).toEqual(expect.any(String));
    expect(client.state).toBe('closed');
    // The gateway saw the forwarded address: the pending request names it.
    const operator = track(new GatewayClient({ url, auth: { token: TOKEN }, client: { id: 'cli', mode: 'cli' }, scopes: ['operator.pairing'], reconnect: false }));
    await operator.connect();
    const list = await operator.request('device.pair.list', {});
    expect(list.pending).toEqual([expect.objectContaining({ requestId, deviceId: device.deviceId, remoteIp: '198.51.100.20' })]);
  });
});
