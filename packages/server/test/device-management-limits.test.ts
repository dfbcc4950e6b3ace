import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestDevice, signConnect, type TestDevice, type RawClient } from '@gatewire/test-harness';
import { connectClient, connectParams, errorOf, handshake, startTestGateway, type TestGateway } from './helpers/fixtures';

const TOKEN = 'shared-token';
const auth = { token: TOKEN };

afterEach(() => {
  vi.useRealTimers();
});

/** A loopback device paired silently with `scopes`, connected; returns its socket. */
async function deviceClient(target: TestGateway, device: TestDevice, scopes: string[]): Promise<RawClient> {
  return (await connectClient(target, (challenge) => signConnect(connectParams({ auth, scopes }), device, challenge))).client;
}

/** The refusal of a device connecting from a remote address (behind the trusted proxy). */
async function remoteConnect(target: TestGateway, device: TestDevice, from: string): Promise<{ error: ReturnType<typeof errorOf>; closeCode: number }> {
  const client = await target.open({ headers: { 'X-Forwarded-For': from } });
  const { response } = await handshake(client, (challenge) => signConnect(connectParams({ auth, scopes: ['operator.read'] }), device, challenge));
  return { error: errorOf(response), closeCode: (await client.closed).code };
}

describe('device management: a caller without operator.admin manages only its own device', () => {
  it('refuses rename, rotate, revoke and remove of another device with MISSING_SCOPE operator.admin, and allows them on its own', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN } });
    const mine = await createTestDevice();
    const other = await createTestDevice();
    const caller = await deviceClient(target, mine, ['operator.pairing', 'operator.read']);
    await deviceClient(target, other, ['operator.read']);

    for (const [method, params] of [
      ['device.pair.rename', { deviceId: other.deviceId, label: 'taken over' }],
      ['device.token.rotate', { deviceId: other.deviceId, role: 'operator' }],
      ['device.token.revoke', { deviceId: other.deviceId, role: 'operator' }],
      ['device.pair.remove', { deviceId: other.deviceId }],
    ] as const) {
      expect(errorOf(await caller.request(method, params))).toMatchObject({
        code: 'FORBIDDEN',
        details: { code: 'MISSING_SCOPE', missingScope: 'operator.admin', requiredScopes: ['operator.admin'] },
      });
    }
    // A device-less caller with operator.pairing has no device of its own.
    const { client: deviceLess } = await connectClient(target, connectParams({ auth, scopes: ['operator.pairing'] }));
    expect(errorOf(await deviceLess.request('device.pair.rename', { deviceId: other.deviceId, label: 'x' })).details).toMatchObject({ missingScope: 'operator.admin' });

    const { client: admin } = await connectClient(target, connectParams({ auth, scopes: ['operator.admin'] }));
    const { paired } = (await admin.request('device.pair.list'))['payload'] as { paired: Array<{ deviceId: string; label?: string; tokens?: unknown[] }> };
    expect(paired.find((device) => device.deviceId === other.deviceId)).toMatchObject({ tokens: [expect.objectContaining({ role: 'operator' })] });
    expect(paired.find((device) => device.deviceId === other.deviceId)?.label).toBeUndefined();

    expect(await caller.request('device.pair.rename', { deviceId: mine.deviceId, label: 'My laptop' })).toMatchObject({ ok: true, payload: { label: 'My laptop' } });
    expect(await admin.request('device.pair.rename', { deviceId: other.deviceId, label: 'Build box' })).toMatchObject({ ok: true });
  });

  it('rate-limits the device write methods (30 per minute per caller)', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN } });
    const device = await createTestDevice();
    const caller = await deviceClient(target, device, ['operator.pairing', 'operator.read']);
    for (let call = 0; call < 30; call += 1) {
      expect(await caller.request('device.pair.rename', { deviceId: device.deviceId, label: `name ${call}` })).toMatchObject({ ok: true });
    }
    expect(errorOf(await caller.request('device.pair.rename', { deviceId: device.deviceId, label: 'one more' }))).toMatchObject({
      code: 'UNAVAILABLE',
      retryable: true,
      details: { code: 'RATE_LIMITED', method: 'device.pair.rename', limit: '30 per 60s' },
    });
  });
});

describe('pending pairing requests: a cap and an expiry', () => {
  const limited = { auth: { mode: 'token' as const, token: TOKEN }, trustedProxies: ['127.0.0.1'], maxPendingPairingRequests: 2, pairingRequestTtlMs: 60_000 };

  it('refuses a device that would open one request more than maxPendingPairingRequests with PAIRING_REQUESTS_FULL (retryable, close 1013)', async () => {
    const target = await startTestGateway(limited);
    const [first, second, third] = [await createTestDevice(), await createTestDevice(), await createTestDevice()];
    const firstRefusal = await remoteConnect(target, first, '198.51.100.1');
    expect(firstRefusal.error.details).toMatchObject({ code: 'PAIRING_REQUIRED' });
    expect((await remoteConnect(target, second, '198.51.100.2')).error.details).toMatchObject({ code: 'PAIRING_REQUIRED' });

    const full = await remoteConnect(target, third, '198.51.100.3');
    expect(full.error).toMatchObject({ code: 'UNAVAILABLE', retryable: true, details: { code: 'PAIRING_REQUESTS_FULL', maxPendingRequests: 2 } });
    expect(full.error.retryAfterMs).toBeGreaterThan(55_000);
    expect(full.error.retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(full.closeCode).toBe(1013);

    // A device that has a request may still ask again (same request).
    const again = await remoteConnect(target, first, '198.51.100.1');
    expect(again.error.details).toMatchObject({ code: 'PAIRING_REQUIRED', requestId: firstRefusal.error.details?.['requestId'] });
    const { client: admin } = await connectClient(target, connectParams({ auth }));
    expect(await admin.request('device.pair.reject', { requestId: firstRefusal.error.details?.['requestId'] })).toMatchObject({ ok: true });
    expect((await remoteConnect(target, third, '198.51.100.3')).error.details).toMatchObject({ code: 'PAIRING_REQUIRED' });
  });

  it('drops a request pairingRequestTtlMs after the device last asked: resolved rejected/expired, then APPROVAL_NOT_FOUND', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const target = await startTestGateway(limited);
    const { client: admin } = await connectClient(target, connectParams({ auth }));
    const device = await createTestDevice();
    const { requestId } = (await remoteConnect(target, device, '198.51.100.9')).error.details as { requestId: string };
    await admin.nextEvent('device.pair.requested');

    vi.setSystemTime(Date.now() + 59_000);
    expect(((await admin.request('device.pair.list'))['payload'] as { pending: unknown[] }).pending).toHaveLength(1);
    vi.setSystemTime(Date.now() + 1_000);
    expect(((await admin.request('device.pair.list'))['payload'] as { pending: unknown[] }).pending).toEqual([]);
    expect((await admin.nextEvent('device.pair.resolved'))['payload']).toMatchObject({ requestId, deviceId: device.deviceId, decision: 'rejected', reason: 'expired' });
    expect(errorOf(await admin.request('device.pair.approve', { requestId }))).toMatchObject({ code: 'APPROVAL_NOT_FOUND' });
  });
});
