import type { ConnectParams } from '@gatewire/protocol';
import { describe, expect, it } from 'vitest';
import { createTestDevice, signConnect } from '@gatewire/test-harness';
import { connectParams, connectClient, errorOf, handshake, startTestGateway } from './helpers/fixtures';

const TOKEN = 'shared-token';
const auth = { token: TOKEN };
const REMOTE = { 'X-Forwarded-For': '198.51.100.20' };

describe('device identity', () => {
  it('accepts a v3 signature from a loopback device, pairs it silently and issues a device token', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN } });
    const device = await createTestDevice();
    const params = connectParams({ auth, client: { id: 'test', version: '1', platform: 'Linux', mode: 'test', deviceFamily: 'Desktop' } });
    const { hello } = await connectClient(target, (challenge) => signConnect(params, device, challenge));
    const helloAuth = hello['auth'] as Record<string, unknown>;
    expect(helloAuth).toMatchObject({ role: 'operator', scopes: ['operator.admin'], method: 'token' });
    expect(helloAuth['deviceToken']).toEqual(expect.any(String));
    expect(helloAuth['issuedAtMs']).toEqual(expect.any(Number));
    expect(target.gateway.connections()[0]?.deviceId).toBe(device.deviceId);
  });

  it('accepts a v2 signature', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN } });
    const device = await createTestDevice();
    const { hello } = await connectClient(target, (challenge) => signConnect(connectParams({ auth }), device, challenge, { version: 'v2' }));
    expect(hello['auth']).toMatchObject({ method: 'token' });
  });

  it('lets a device connect later with its device token alone (method device-token)', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN } });
    const device = await createTestDevice();
    const first = await connectClient(target, (challenge) => signConnect(connectParams({ auth }), device, challenge));
    const deviceToken = (first.hello['auth'] as { deviceToken: string }).deviceToken;
    const second = await connectClient(target, (challenge) => signConnect(connectParams({ auth: { deviceToken } }), device, challenge));
    expect(second.hello['auth']).toEqual({ role: 'operator', scopes: ['operator.admin'], method: 'device-token' });
    const viaTokenField = await connectClient(target, (challenge) => signConnect(connectParams({ auth: { token: deviceToken } }), device, challenge));
    expect(viaTokenField.hello['auth']).toMatchObject({ method: 'device-token' });
  });

  it('refuses a wrong device token with AUTH_DEVICE_TOKEN_MISMATCH and broader scopes with AUTH_SCOPE_MISMATCH', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN } });
    const device = await createTestDevice();
    const first = await connectClient(target, (challenge) => signConnect(connectParams({ auth, scopes: ['operator.read'] }), device, challenge));
    const deviceToken = (first.hello['auth'] as { deviceToken: string }).deviceToken;
    const wrong = await target.open();
    const wrongResponse = (await handshake(wrong, (challenge) => signConnect(connectParams({ auth: { deviceToken: 'x'.repeat(43) } }), device, challenge))).response;
    expect(errorOf(wrongResponse)).toMatchObject({ code: 'INVALID_REQUEST', details: { code: 'AUTH_DEVICE_TOKEN_MISMATCH' } });
    expect((await wrong.closed).code).toBe(1008);
    const broader = await target.open();
    const broaderResponse = (await handshake(broader, (challenge) => signConnect(connectParams({ auth: { deviceToken }, scopes: ['operator.admin'] }), device, challenge))).response;
    expect(errorOf(broaderResponse)).toMatchObject({ code: 'INVALID_REQUEST', details: { code: 'AUTH_SCOPE_MISMATCH' } });
    expect((await broader.closed).code).toBe(1008);
  });

  it('refuses a device id that is not the hash of the key', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN } });
    const device = await createTestDevice();
    const client = await target.open();
    const { response } = await handshake(client, (challenge) => signConnect(connectParams({ auth }), device, challenge, { deviceId: 'a'.repeat(64) }));
    expect(errorOf(response)).toEqual({
      code: 'INVALID_REQUEST',
      message: 'device identity mismatch',
      details: { code: 'DEVICE_AUTH_DEVICE_ID_MISMATCH', reason: 'device-id-mismatch' },
    });
    expect(await client.closed).toEqual({ code: 1008, reason: 'device identity mismatch' });
  });

  it('refuses a signature older than the skew window', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN } });
    const device = await createTestDevice();
    const client = await target.open();
    const { response } = await handshake(client, (challenge) => signConnect(connectParams({ auth }), device, challenge, { signedAt: challenge.ts - 121_000 }));
    expect(errorOf(response)).toMatchObject({ code: 'INVALID_REQUEST', message: 'device signature expired', details: { code: 'DEVICE_AUTH_SIGNATURE_EXPIRED' } });
    expect(await client.closed).toEqual({ code: 1008, reason: 'device signature expired' });
  });

  it('refuses a bad signature', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN } });
    const device = await createTestDevice();
    const client = await target.open();
    const { response } = await handshake(client, async (challenge) => {
      const signed = await signConnect(connectParams({ auth, scopes: ['operator.read'] }), device, challenge);
      return { ...signed, scopes: ['operator.admin'] };
    });
    expect(errorOf(response)).toMatchObject({ code: 'INVALID_REQUEST', message: 'device signature invalid', details: { code: 'DEVICE_AUTH_SIGNATURE_INVALID' } });
    expect(await client.closed).toEqual({ code: 1008, reason: 'device signature invalid' });
  });

  it('refuses a nonce from another connection (a replayed proof)', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN } });
    const device = await createTestDevice();
    let replayed: unknown;
    await connectClient(target, async (challenge) => {
      const signed = await signConnect(connectParams({ auth }), device, challenge);
      replayed = signed;
      return signed;
    });
    const client = await target.open();
    const { response } = await handshake(client, () => replayed as never);
    expect(errorOf(response)).toMatchObject({ code: 'INVALID_REQUEST', message: 'device nonce mismatch', details: { code: 'DEVICE_AUTH_NONCE_MISMATCH' } });
    expect(await client.closed).toEqual({ code: 1008, reason: 'device nonce mismatch' });
  });

  it('refuses a key that is not an Ed25519 public key', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN } });
    const device = await createTestDevice();
    const client = await target.open();
    const { response } = await handshake(client, async (challenge) => {
      const signed = await signConnect(connectParams({ auth }), device, challenge);
      return { ...signed, device: { ...signed.device!, publicKey: 'not-a-key' } };
    });
    expect(errorOf(response).details).toMatchObject({ code: 'DEVICE_AUTH_DEVICE_ID_MISMATCH' });
  });

  it('checks a device whose key verified before as closely as a new one: id, nonce and signature', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN } });
    const device = await createTestDevice();
    await connectClient(target, (challenge) => signConnect(connectParams({ auth }), device, challenge));
    const refusals: Array<[string, (challenge: { nonce: string; ts: number }) => Promise<ConnectParams>]> = [
      ['device identity mismatch', (challenge) => signConnect(connectParams({ auth }), device, challenge, { deviceId: 'a'.repeat(64) })],
      ['device nonce mismatch', (challenge) => signConnect(connectParams({ auth }), device, challenge, { nonce: 'another-nonce' })],
      ['device signature invalid', async (challenge) => ({ ...(await signConnect(connectParams({ auth, scopes: ['operator.read'] }), device, challenge)), scopes: ['operator.admin'] })],
    ];
    for (const [message, sign] of refusals) {
      const client = await target.open();
      const { response } = await handshake(client, sign);
      expect(errorOf(response)).toMatchObject({ code: 'INVALID_REQUEST', message });
      expect(await client.closed).toEqual({ code: 1008, reason: message });
    }
    const again = await connectClient(target, (challenge) => signConnect(connectParams({ auth }), device, challenge));
    expect(again.hello['auth']).toMatchObject({ method: 'token' });
  });

  it('refuses a present device with no token as AUTH_TOKEN_MISSING', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN } });
    const device = await createTestDevice();
    const client = await target.open();
    const { response } = await handshake(client, (challenge) => signConnect(connectParams(), device, challenge));
    expect(errorOf(response)).toMatchObject({ code: 'INVALID_REQUEST', details: { code: 'AUTH_TOKEN_MISSING' } });
  });
});

describe('pairing', () => {
  it('asks operators to approve a remote device, then issues it a device token', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN }, trustedProxies: ['127.0.0.1'] });
    const { client: operator } = await connectClient(target, connectParams({ auth }));
    const device = await createTestDevice();
    const params = connectParams({ auth, scopes: ['operator.read'], client: { id: 'openclaw-ios', version: '2', platform: 'ios', mode: 'ui' } });

    const remote = await target.open({ headers: REMOTE });
    const { response } = await handshake(remote, (challenge) => signConnect(params, device, challenge));
    const error = errorOf(response);
    expect(error.code).toBe('NOT_PAIRED');
    expect(error.message).toBe('pairing required: device is not approved yet');
    const requestId = error.details?.['requestId'] as string;
    expect(error.details).toMatchObject({
      code: 'PAIRING_REQUIRED',
      reason: 'not-paired',
      deviceId: device.deviceId,
      requestedRole: 'operator',
      requestedScopes: ['operator.read'],
    });
    expect(await remote.closed).toEqual({ code: 1008, reason: `pairing required: device is not approved yet (requestId: ${requestId})` });

    const requested = await operator.nextEvent('device.pair.requested');
    expect(requested['payload']).toMatchObject({ requestId, deviceId: device.deviceId, remoteIp: '198.51.100.20', clientId: 'openclaw-ios' });
    expect(requested.seq).toBe(2); // after the health event that follows hello-ok
    const list = await operator.request('device.pair.list');
    expect((list['payload'] as { pending: Array<{ requestId: string }> }).pending.map((entry) => entry.requestId)).toEqual([requestId]);

    const approved = await operator.request('device.pair.approve', { requestId });
    expect(approved['payload']).toMatchObject({ requestId, device: { deviceId: device.deviceId, roles: ['operator'], scopes: ['operator.read'] } });
    const resolved = await operator.nextEvent('device.pair.resolved');
    expect(resolved['payload']).toMatchObject({ requestId, deviceId: device.deviceId, decision: 'approved' });

    const again = await connectClient(target, (challenge) => signConnect(params, device, challenge), { headers: REMOTE });
    const helloAuth = again.hello['auth'] as { method: string; deviceToken: string; scopes: string[] };
    expect(helloAuth).toMatchObject({ method: 'token', scopes: ['operator.read'] });
    const tokenOnly = await connectClient(
      target,
      (challenge) => signConnect({ ...params, auth: { deviceToken: helloAuth.deviceToken } }, device, challenge),
      { headers: REMOTE },
    );
    expect(tokenOnly.hello['auth']).toMatchObject({ method: 'device-token', scopes: ['operator.read'] });
  });

  it('rejects a request and answers APPROVAL_NOT_FOUND for unknown ids', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN }, trustedProxies: ['127.0.0.1'] });
    const { client: operator } = await connectClient(target, connectParams({ auth }));
    const device = await createTestDevice();
    const remote = await target.open({ headers: REMOTE });
    const { response } = await handshake(remote, (challenge) => signConnect(connectParams({ auth }), device, challenge));
    const requestId = errorOf(response).details?.['requestId'] as string;
    const rejected = await operator.request('device.pair.reject', { requestId });
    expect(rejected['payload']).toEqual({ requestId, deviceId: device.deviceId });
    const missing = await operator.request('device.pair.approve', { requestId });
    expect(errorOf(missing)).toMatchObject({ code: 'APPROVAL_NOT_FOUND' });
  });
});
