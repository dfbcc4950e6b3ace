import { Type } from '@sinclair/typebox';
import { defineMethod } from '@gatewire/protocol';
import { describe, expect, it } from 'vitest';
import { createTestDevice, signConnect, type TestDevice, type RawClient } from '@gatewire/test-harness';
import { connectClient, connectParams, errorOf, handshake, startTestGateway, type TestGateway } from './helpers/fixtures';

const TOKEN = 'shared-token';
const auth = { token: TOKEN };
const REMOTE = { 'X-Forwarded-For': '198.51.100.20' };

/** A device-less local backend operator holding exactly `scopes`. */
async function operatorWith(target: TestGateway, scopes: string[]): Promise<RawClient> {
  const { client, hello } = await connectClient(target, connectParams({ auth, scopes }));
  expect((hello['auth'] as { scopes: string[] }).scopes).toEqual(scopes);
  return client;
}

/** A remote device asks for `scopes`; returns the refusal's details (with the `requestId`). */
async function remoteRequest(target: TestGateway, device: TestDevice, scopes: string[]): Promise<Record<string, unknown>> {
  const remote = await target.open({ headers: REMOTE });
  const { response } = await handshake(remote, (challenge) => signConnect(connectParams({ auth, scopes }), device, challenge));
  expect(errorOf(response)).toMatchObject({ code: 'NOT_PAIRED', details: { code: 'PAIRING_REQUIRED' } });
  expect((await remote.closed).code).toBe(1008);
  return errorOf(response).details as Record<string, unknown>;
}

describe('escalation 1: an approver grants only scopes it holds', () => {
  it('refuses a pairing-only caller approving operator.admin; the request stays pending and the device gets nothing', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN }, trustedProxies: ['127.0.0.1'] });
    const pairer = await operatorWith(target, ['operator.pairing']);
    const device = await createTestDevice();
    const { requestId } = await remoteRequest(target, device, ['operator.admin']);

    const refused = await pairer.request('device.pair.approve', { requestId });
    expect(errorOf(refused)).toEqual({
      code: 'FORBIDDEN',
      message: 'missing scope: operator.admin (a caller may grant only scopes it holds)',
      details: { code: 'MISSING_SCOPE', missingScope: 'operator.admin', requiredScopes: ['operator.admin'] },
    });
    const list = (await pairer.request('device.pair.list'))['payload'] as { pending: Array<{ requestId: string }>; paired: unknown[] };
    expect(list.pending.map((request) => request.requestId)).toEqual([requestId]);
    expect(list.paired).toEqual([]);
    const retry = await target.open({ headers: REMOTE });
    const { response } = await handshake(retry, (challenge) => signConnect(connectParams({ auth, scopes: ['operator.admin'] }), device, challenge));
    expect(errorOf(response)).toMatchObject({ code: 'NOT_PAIRED', details: { code: 'PAIRING_REQUIRED', requestId } });
  });

  it('applies the implication rules: operator.write may grant operator.read, admin may grant anything', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN }, trustedProxies: ['127.0.0.1'] });
    const writer = await operatorWith(target, ['operator.pairing', 'operator.write']);
    const reader = await createTestDevice();
    const readRequest = await remoteRequest(target, reader, ['operator.read']);
    expect((await writer.request('device.pair.approve', { requestId: readRequest['requestId'] }))['ok']).toBe(true);
    const adminDevice = await createTestDevice();
    const adminRequest = await remoteRequest(target, adminDevice, ['operator.admin']);
    expect(errorOf(await writer.request('device.pair.approve', { requestId: adminRequest['requestId'] })).details).toMatchObject({ missingScope: 'operator.admin' });
    const admin = await operatorWith(target, ['operator.admin']);
    expect((await admin.request('device.pair.approve', { requestId: adminRequest['requestId'] }))['ok']).toBe(true);
    const { hello } = await connectClient(target, (challenge) => signConnect(connectParams({ auth, scopes: ['operator.admin'] }), adminDevice, challenge), { headers: REMOTE });
    expect(hello['auth']).toMatchObject({ scopes: ['operator.admin'] });
  });
});

describe('escalation 2: a re-request never widens a pending request', () => {
  it('opens a new request for other scopes and supersedes the old one visibly', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN }, trustedProxies: ['127.0.0.1'] });
    const admin = await operatorWith(target, ['operator.admin']);
    const device = await createTestDevice();
    const first = await remoteRequest(target, device, ['operator.read']);
    const repeat = await remoteRequest(target, device, ['operator.read']);
    expect(repeat['requestId']).toBe(first['requestId']);
    const wider = await remoteRequest(target, device, ['operator.admin']);
    expect(wider['requestId']).not.toBe(first['requestId']);

    const superseded = await admin.nextMatching((frame) => frame.event === 'device.pair.resolved');
    expect(superseded['payload']).toMatchObject({
      requestId: first['requestId'],
      deviceId: device.deviceId,
      decision: 'rejected',
      reason: 'superseded',
      supersededBy: wider['requestId'],
    });
    expect(errorOf(await admin.request('device.pair.approve', { requestId: first['requestId'] }))).toMatchObject({ code: 'APPROVAL_NOT_FOUND' });
    const list = (await admin.request('device.pair.list'))['payload'] as { pending: Array<{ requestId: string; scopes: string[] }>; paired: unknown[] };
    expect(list.pending).toEqual([expect.objectContaining({ requestId: wider['requestId'], scopes: ['operator.admin'] })]);
    expect(list.paired).toEqual([]);
  });
});

describe('escalation 4: a shared-secret connect keeps the device token', () => {
  it('does not reissue: a second process with the same identity does not lock out the first', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN } });
    const device = await createTestDevice();
    const first = await connectClient(target, (challenge) => signConnect(connectParams({ auth, scopes: ['operator.read'] }), device, challenge));
    const deviceToken = (first.hello['auth'] as { deviceToken: string }).deviceToken;
    expect(deviceToken).toEqual(expect.any(String));

    const second = await connectClient(target, (challenge) => signConnect(connectParams({ auth, scopes: ['operator.write'] }), device, challenge));
    expect(second.hello['auth']).toEqual({ role: 'operator', scopes: ['operator.write'], method: 'token' });
    const withBoth = await connectClient(target, (challenge) => signConnect(connectParams({ auth: { token: TOKEN, deviceToken }, scopes: ['operator.read'] }), device, challenge));
    expect(withBoth.hello['auth']).toMatchObject({ method: 'token', deviceToken });

    const tokenOnly = await connectClient(target, (challenge) => signConnect(connectParams({ auth: { deviceToken }, scopes: ['operator.write'] }), device, challenge));
    expect(tokenOnly.hello['auth']).toEqual({ role: 'operator', scopes: ['operator.write'], method: 'device-token' });
  });
});

describe('escalation 5: a browser origin without a device gets no scopes', () => {
  it('grants nothing to a device-less local page holding the shared token, and keeps scopes for a non-browser backend', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN } });
    const page = await connectClient(target, connectParams({ auth, scopes: ['operator.admin'] }), { origin: 'http://localhost:3000' });
    expect(page.hello['auth']).toMatchObject({ scopes: [] });
    expect(errorOf(await page.client.request('status'))).toMatchObject({ code: 'FORBIDDEN', details: { code: 'MISSING_SCOPE', missingScope: 'operator.read' } });
    const cli = await connectClient(
      target,
      connectParams({ auth, scopes: ['operator.admin'], client: { id: 'cli', version: '1', platform: 'linux', mode: 'cli' } }),
      { origin: 'http://127.0.0.1:8080' },
    );
    expect(cli.hello['auth']).toMatchObject({ scopes: [] });
    const backend = await connectClient(target, connectParams({ auth, scopes: ['operator.admin'] }));
    expect(backend.hello['auth']).toMatchObject({ scopes: ['operator.admin'] });
  });
});

const echo = defineMethod('app.echo', {
  params: Type.Object({ text: Type.String(), idempotencyKey: Type.String() }, { additionalProperties: false }),
  result: Type.Object({ text: Type.String(), run: Type.Number() }),
  scope: 'operator.write',
  idempotency: 'required',
});

describe('escalation 6: idempotency keys belong to the caller and its params', () => {
  it('answers IDEMPOTENCY_KEY_REUSED for other params, runs an exact retry once, across addresses of one identity', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN }, trustedProxies: ['127.0.0.1'] });
    let runs = 0;
    target.gateway.method(echo, ({ text }) => ({ text, run: (runs += 1) }));
    const first = await operatorWith(target, ['operator.write']);
    const ran = await first.request('app.echo', { text: 'restart service a', idempotencyKey: 'k1' });
    expect(ran['payload']).toEqual({ text: 'restart service a', run: 1 });

    const other = await operatorWith(target, ['operator.write']);
    const reused = await other.request('app.echo', { text: 'restart service b', idempotencyKey: 'k1' });
    expect(errorOf(reused)).toEqual({
      code: 'INVALID_REQUEST',
      message: 'idempotency key reused with different params for app.echo (use a new key for a new call)',
      details: { code: 'IDEMPOTENCY_KEY_REUSED', idempotencyKey: 'k1' },
    });
    expect(runs).toBe(1);

    const device = await createTestDevice();
    const sameDevice = () => (challenge: { nonce: string; ts: number }) => signConnect(connectParams({ auth, scopes: ['operator.write'] }), device, challenge);
    const { requestId } = await remoteRequest(target, device, ['operator.write']);
    const admin = await operatorWith(target, ['operator.admin']);
    expect((await admin.request('device.pair.approve', { requestId }))['ok']).toBe(true);
    const fromOneAddress = await connectClient(target, sameDevice(), { headers: REMOTE });
    const once = await fromOneAddress.client.request('app.echo', { idempotencyKey: 'k2', text: 'deploy' });
    const fromAnother = await connectClient(target, sameDevice(), { headers: { 'X-Forwarded-For': '203.0.113.7' } });
    const retried = await fromAnother.client.request('app.echo', { text: 'deploy', idempotencyKey: 'k2' });
    expect(retried['payload']).toEqual(once['payload']);
    expect(runs).toBe(2);

    const stranger = await createTestDevice();
    const strangerRequest = await remoteRequest(target, stranger, ['operator.write']);
    expect((await admin.request('device.pair.approve', { requestId: strangerRequest['requestId'] }))['ok']).toBe(true);
    const strangerClient = await connectClient(target, (challenge) => signConnect(connectParams({ auth, scopes: ['operator.write'] }), stranger, challenge), { headers: REMOTE });
    const own = await strangerClient.client.request('app.echo', { text: 'deploy', idempotencyKey: 'k2' });
    expect(own['payload']).toEqual({ text: 'deploy', run: 3 });
  });
});
