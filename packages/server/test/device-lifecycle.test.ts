import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileDeviceStore } from '../src/index';
import { createTestDevice, signConnect, type TestDevice, type RawClient } from '@gatewire/test-harness';
import { connectClient, connectParams, errorOf, handshake, onCleanup, startTestGateway, type TestGateway } from './helpers/fixtures';

const TOKEN = 'shared-token';
const auth = { token: TOKEN };
const REMOTE = { 'X-Forwarded-For': '198.51.100.20' };

async function operatorWith(target: TestGateway, scopes: string[]): Promise<RawClient> {
  return (await connectClient(target, connectParams({ auth, scopes }))).client;
}

/** A loopback device, paired silently with `scopes`; returns its device token. */
async function pairedDevice(target: TestGateway, scopes: string[]): Promise<{ device: TestDevice; deviceToken: string }> {
  const device = await createTestDevice();
  const { hello } = await connectClient(target, (challenge) => signConnect(connectParams({ auth, scopes }), device, challenge));
  return { device, deviceToken: (hello['auth'] as { deviceToken: string }).deviceToken };
}

/** Connect with the device token alone (method `device-token`). */
function withDeviceToken(target: TestGateway, device: TestDevice, deviceToken: string, scopes: string[]) {
  return connectClient(target, (challenge) => signConnect(connectParams({ auth: { deviceToken }, scopes }), device, challenge));
}

async function refusedDeviceToken(target: TestGateway, device: TestDevice, deviceToken: string, scopes: string[]) {
  const client = await target.open();
  const { response } = await handshake(client, (challenge) => signConnect(connectParams({ auth: { deviceToken }, scopes }), device, challenge));
  return { error: errorOf(response), closed: await client.closed };
}

describe('device.pair.remove', () => {
  it('forgets the device, closes its sockets 4001 "device removed" and announces device.pair.changed', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN } });
    const admin = await operatorWith(target, ['operator.admin']);
    const { device, deviceToken } = await pairedDevice(target, ['operator.read']);
    const live = await withDeviceToken(target, device, deviceToken, ['operator.read']);

    const removed = await admin.request('device.pair.remove', { deviceId: device.deviceId });
    expect(removed['payload']).toEqual({ deviceId: device.deviceId, removedAtMs: expect.any(Number) });
    expect(await live.client.closed).toEqual({ code: 4001, reason: 'device removed' });
    expect((await admin.nextEvent('device.pair.changed'))['payload']).toMatchObject({ deviceId: device.deviceId, change: 'removed' });
    const list = (await admin.request('device.pair.list'))['payload'] as { paired: unknown[] };
    expect(list.paired).toEqual([]);
    const again = await refusedDeviceToken(target, device, deviceToken, ['operator.read']);
    expect(again.error).toMatchObject({ code: 'INVALID_REQUEST', details: { code: 'AUTH_DEVICE_TOKEN_MISMATCH' } });
    expect(again.closed.code).toBe(1008);

    expect(errorOf(await admin.request('device.pair.remove', { deviceId: device.deviceId }))).toEqual({
      code: 'INVALID_REQUEST',
      message: `unknown device: ${device.deviceId}`,
      details: { code: 'DEVICE_NOT_FOUND', deviceId: device.deviceId },
    });
  });

  it('answers a device that removes itself before closing its socket 4001', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN } });
    const device = await createTestDevice();
    const { client } = await connectClient(target, (challenge) => signConnect(connectParams({ auth, scopes: ['operator.admin'] }), device, challenge));
    const removed = await Promise.race([client.request('device.pair.remove', { deviceId: device.deviceId }), client.closed.then(() => 'closed before the answer')]);
    expect(removed).toMatchObject({ ok: true, payload: { deviceId: device.deviceId } });
    expect(await client.closed).toEqual({ code: 4001, reason: 'device removed' });
  });
});

describe('device.pair.rename', () => {
  it('labels a device, trims the label and refuses an empty or too long one', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN } });
    const pairer = await operatorWith(target, ['operator.admin']);
    const { device } = await pairedDevice(target, ['operator.read']);
    const renamed = await pairer.request('device.pair.rename', { deviceId: device.deviceId, label: '  Kitchen tablet ' });
    expect(renamed['payload']).toEqual({ deviceId: device.deviceId, label: 'Kitchen tablet' });
    expect((await pairer.nextEvent('device.pair.changed'))['payload']).toMatchObject({ deviceId: device.deviceId, change: 'renamed' });
    const list = (await pairer.request('device.pair.list'))['payload'] as { paired: Array<{ label?: string }> };
    expect(list.paired[0]?.label).toBe('Kitchen tablet');
    expect(errorOf(await pairer.request('device.pair.rename', { deviceId: device.deviceId, label: '   ' })).code).toBe('INVALID_REQUEST');
    expect(errorOf(await pairer.request('device.pair.rename', { deviceId: device.deviceId, label: 'x'.repeat(65) })).message).toMatch(/^invalid device\.pair\.rename params/);
  });
});

describe('device.token.rotate', () => {
  it('refuses a caller without the token scopes and keeps the old token working', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN } });
    // The device is approved for operator.write but connects with less: rotating its own token to
    // operator.write would grant a scope its caller does not hold.
    const { device, deviceToken } = await pairedDevice(target, ['operator.pairing', 'operator.write']);
    const { client: self } = await connectClient(target, (challenge) => signConnect(connectParams({ auth, scopes: ['operator.pairing', 'operator.read'] }), device, challenge));
    const refused = await self.request('device.token.rotate', { deviceId: device.deviceId, role: 'operator', scopes: ['operator.write'] });
    expect(errorOf(refused)).toMatchObject({ code: 'FORBIDDEN', details: { code: 'MISSING_SCOPE', missingScope: 'operator.write' } });
    expect((await withDeviceToken(target, device, deviceToken, ['operator.write'])).hello['auth']).toMatchObject({ method: 'device-token' });
    const node = await self.request('device.token.rotate', { deviceId: device.deviceId, role: 'node' });
    expect(errorOf(node)).toMatchObject({ code: 'INVALID_REQUEST', details: { code: 'DEVICE_NOT_FOUND', role: 'node' } });
  });

  it('issues a new token within the approval, closes the sockets of the old one 4001 and invalidates it', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN } });
    const admin = await operatorWith(target, ['operator.admin']);
    const { device, deviceToken } = await pairedDevice(target, ['operator.write']);
    const live = await withDeviceToken(target, device, deviceToken, ['operator.write']);

    const beyond = await admin.request('device.token.rotate', { deviceId: device.deviceId, role: 'operator', scopes: ['operator.admin'] });
    expect(errorOf(beyond)).toMatchObject({ code: 'INVALID_REQUEST', details: { code: 'MISSING_SCOPE', missingScope: 'operator.admin' } });

    const rotated = (await admin.request('device.token.rotate', { deviceId: device.deviceId, role: 'operator', scopes: ['operator.write'] }))['payload'] as { token: string };
    expect(rotated).toEqual({ deviceId: device.deviceId, role: 'operator', token: expect.any(String), scopes: ['operator.write'], rotatedAtMs: expect.any(Number), tokenDelivery: 'in-band' });
    expect(rotated.token).not.toBe(deviceToken);
    expect(await live.client.closed).toEqual({ code: 4001, reason: 'device token rotated' });
    expect((await admin.nextEvent('device.pair.changed'))['payload']).toMatchObject({ deviceId: device.deviceId, change: 'token-rotated', role: 'operator' });
    expect((await refusedDeviceToken(target, device, deviceToken, ['operator.write'])).error.details).toMatchObject({ code: 'AUTH_DEVICE_TOKEN_MISMATCH' });
    expect((await withDeviceToken(target, device, rotated.token, ['operator.write'])).hello['auth']).toMatchObject({ method: 'device-token', scopes: ['operator.write'] });
  });
});

describe('device.token.revoke', () => {
  it('revokes the token, closes its sockets 4001 "device token revoked"; the next shared-secret connect gets a new one', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN } });
    const pairer = await operatorWith(target, ['operator.admin']);
    const { device, deviceToken } = await pairedDevice(target, ['operator.read']);
    const live = await withDeviceToken(target, device, deviceToken, ['operator.read']);
    const viaSecret = await connectClient(target, (challenge) => signConnect(connectParams({ auth, scopes: ['operator.read'] }), device, challenge));

    const revoked = await pairer.request('device.token.revoke', { deviceId: device.deviceId, role: 'operator' });
    expect(revoked['payload']).toEqual({ deviceId: device.deviceId, role: 'operator', revokedAtMs: expect.any(Number) });
    expect(await live.client.closed).toEqual({ code: 4001, reason: 'device token revoked' });
    expect((await viaSecret.client.request('status'))['ok']).toBe(true);
    const refused = await refusedDeviceToken(target, device, deviceToken, ['operator.read']);
    expect(refused.error).toMatchObject({ code: 'INVALID_REQUEST', details: { code: 'AUTH_DEVICE_TOKEN_MISMATCH' } });
    expect(refused.closed.code).toBe(1008);
    expect(errorOf(await pairer.request('device.token.revoke', { deviceId: device.deviceId, role: 'operator' })).details).toMatchObject({ code: 'DEVICE_NOT_FOUND' });
    // A role named after an Object.prototype member is a role without a token, not a token.
    for (const role of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(errorOf(await pairer.request('device.token.revoke', { deviceId: device.deviceId, role })).details).toEqual({ code: 'DEVICE_NOT_FOUND', deviceId: device.deviceId, role });
    }

    const fresh = await connectClient(target, (challenge) => signConnect(connectParams({ auth, scopes: ['operator.read'] }), device, challenge));
    const freshToken = (fresh.hello['auth'] as { deviceToken: string }).deviceToken;
    expect(freshToken).toEqual(expect.any(String));
    expect((await withDeviceToken(target, device, freshToken, ['operator.read'])).hello['auth']).toMatchObject({ method: 'device-token' });
  });
});

describe('pending pairing requests', () => {
  it('survive a gateway restart in the file store and can be approved afterwards', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'gatewire-devices-'));
    onCleanup(() => rm(directory, { recursive: true, force: true }));
    const path = join(directory, 'devices.json');
    const options = { auth: { mode: 'token' as const, token: TOKEN }, trustedProxies: ['127.0.0.1'] };
    const device = await createTestDevice();
    const params = connectParams({ auth, scopes: ['operator.read'] });

    const first = await startTestGateway({ ...options, deviceStore: new FileDeviceStore(path) });
    const remote = await first.open({ headers: REMOTE });
    const requestId = errorOf((await handshake(remote, (challenge) => signConnect(params, device, challenge))).response).details?.['requestId'];
    await first.gateway.close();

    const second = await startTestGateway({ ...options, deviceStore: new FileDeviceStore(path) });
    const admin = await operatorWith(second, ['operator.admin']);
    const list = (await admin.request('device.pair.list'))['payload'] as { pending: Array<{ requestId: string; scopes: string[] }> };
    expect(list.pending).toEqual([expect.objectContaining({ requestId, deviceId: device.deviceId, scopes: ['operator.read'] })]);
    expect((await admin.request('device.pair.approve', { requestId }))['ok']).toBe(true);
    const { hello } = await connectClient(second, (challenge) => signConnect(params, device, challenge), { headers: REMOTE });
    expect(hello['auth']).toMatchObject({ scopes: ['operator.read'], deviceToken: expect.any(String) });
  });
});
