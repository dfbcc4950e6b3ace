import { describe, expect, it } from 'vitest';
import { createTestDevice, signConnect, type TestDevice } from '@gatewire/test-harness';
import { connectClient, connectParams, errorOf, startTestGateway, type TestGateway } from './helpers/fixtures';

const TOKEN = 'shared-token';
const auth = { token: TOKEN };
const REMOTE = { 'X-Forwarded-For': '198.51.100.20' };

/** A remote device approved for `scopes`, connected with them; returns its client. */
async function approvedRemote(target: TestGateway, device: TestDevice, scopes: string[]) {
  const admin = (await connectClient(target, connectParams({ auth, scopes: ['operator.admin'] }))).client;
  const remote = await target.open({ headers: REMOTE });
  remote.send({ type: 'req', id: 'c1', method: 'connect', params: await signConnect(connectParams({ auth, scopes }), device, ((await remote.nextEvent('connect.challenge'))['payload']) as { nonce: string; ts: number }) });
  const requestId = errorOf(await remote.nextMatching((frame) => frame.id === 'c1')).details?.['requestId'];
  expect((await admin.request('device.pair.approve', { requestId }))['ok']).toBe(true);
  const connected = await connectClient(target, (challenge) => signConnect(connectParams({ auth, scopes }), device, challenge), { headers: REMOTE });
  return { admin, client: connected.client };
}

describe('device.scopes.requestUpgrade / waitUpgrade', () => {
  it('an approved upgrade hands the waiter a token for the new scopes; the approver ceiling applies', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN }, trustedProxies: ['127.0.0.1'] });
    const device = await createTestDevice();
    const { admin, client } = await approvedRemote(target, device, ['operator.read']);

    const narrower = await client.request('device.scopes.requestUpgrade', { scopes: ['operator.pairing'] });
    expect(errorOf(narrower)).toMatchObject({ code: 'INVALID_REQUEST', message: "requested scopes must include the connection's current scopes" });
    const requested = await client.request('device.scopes.requestUpgrade', { scopes: ['operator.read', 'operator.write'] });
    const { requestId } = requested['payload'] as { requestId: string };
    const announced = await admin.nextMatching((frame) => frame.event === 'device.pair.requested' && (frame['payload'] as { requestId: string }).requestId === requestId);
    expect(announced['payload']).toMatchObject({ requestId, deviceId: device.deviceId, scopes: ['operator.read', 'operator.write'] });

    const pairer = (await connectClient(target, connectParams({ auth, scopes: ['operator.pairing'] }))).client;
    expect(errorOf(await pairer.request('device.pair.approve', { requestId }))).toMatchObject({ code: 'FORBIDDEN', details: { missingScope: 'operator.read' } });

    client.send({ type: 'req', id: 'wait', method: 'device.scopes.waitUpgrade', params: { requestId } });
    expect((await admin.request('device.pair.approve', { requestId }))['ok']).toBe(true);
    const decided = (await client.nextMatching((frame) => frame.id === 'wait'))['payload'] as { status: string; deviceToken: string; scopes: string[] };
    expect(decided).toEqual({ status: 'approved', requestId, deviceToken: expect.any(String), scopes: ['operator.read', 'operator.write'] });
    const upgraded = await connectClient(target, (challenge) => signConnect(connectParams({ auth: { deviceToken: decided.deviceToken }, scopes: ['operator.write'] }), device, challenge), { headers: REMOTE });
    expect(upgraded.hello['auth']).toMatchObject({ method: 'device-token', scopes: ['operator.write'] });
  });

  it('answers rejected, refuses another device waiting on the request, and refuses a device-less caller', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN }, trustedProxies: ['127.0.0.1'] });
    const device = await createTestDevice();
    const { admin, client } = await approvedRemote(target, device, ['operator.read']);
    const { requestId } = (await client.request('device.scopes.requestUpgrade', { scopes: ['operator.read', 'operator.admin'] }))['payload'] as { requestId: string };

    const stranger = await approvedRemote(target, await createTestDevice(), ['operator.read']);
    expect(errorOf(await stranger.client.request('device.scopes.waitUpgrade', { requestId }))).toEqual({ code: 'INVALID_REQUEST', message: 'scope upgrade expired or not found' });

    expect((await admin.request('device.pair.reject', { requestId }))['ok']).toBe(true);
    expect((await client.request('device.scopes.waitUpgrade', { requestId }))['payload']).toEqual({ status: 'rejected', requestId });

    const deviceLess = (await connectClient(target, connectParams({ auth, scopes: ['operator.read'] }))).client;
    expect(errorOf(await deviceLess.request('device.scopes.requestUpgrade', { scopes: ['operator.admin'] }))).toMatchObject({
      code: 'INVALID_REQUEST',
      details: { code: 'DEVICE_IDENTITY_REQUIRED' },
    });
    expect(errorOf(await client.request('device.scopes.requestUpgrade', { scopes: ['operator.read', 'operator.bogus'] })).message).toBe('requested scopes contain an unknown operator scope');
  });
});
