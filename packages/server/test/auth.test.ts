import { describe, expect, it } from 'vitest';
import { createGateway } from '../src/index';
import { connectParams, connectClient, errorOf, handshake, startTestGateway } from './helpers/fixtures';

const TOKEN = 'correct-horse-battery-staple';
const REMOTE = { 'X-Forwarded-For': '203.0.113.10' };

describe('shared-secret auth', () => {
  it('refuses a wrong token with AUTH_TOKEN_MISMATCH and close 1008', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN } });
    const client = await target.open();
    const { response } = await handshake(client, connectParams({ auth: { token: 'wrong' } }));
    const error = errorOf(response);
    expect(error.code).toBe('INVALID_REQUEST');
    expect(error.message).toMatch(/^unauthorized: gateway token mismatch \(/);
    expect(error.details).toEqual({
      code: 'AUTH_TOKEN_MISMATCH',
      authReason: 'token_mismatch',
      canRetryWithDeviceToken: false,
      recommendedNextStep: 'update_auth_credentials',
    });
    const closed = await client.closed;
    expect(closed.code).toBe(1008);
    expect(closed.reason).toBe(error.message);
    expect(Buffer.byteLength(closed.reason)).toBeLessThanOrEqual(120);
  });

  it('accepts the token in either wire field', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN } });
    const { hello } = await connectClient(target, connectParams({ auth: { password: TOKEN } }));
    expect(hello['auth']).toMatchObject({ method: 'token' });
  });

  it('refuses a client with no credentials and no device with NOT_PAIRED / DEVICE_IDENTITY_REQUIRED', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN } });
    const client = await target.open();
    const { response } = await handshake(client, connectParams());
    expect(errorOf(response)).toEqual({ code: 'NOT_PAIRED', message: 'device identity required', details: { code: 'DEVICE_IDENTITY_REQUIRED' } });
    expect(await client.closed).toEqual({ code: 1008, reason: 'device identity required' });
  });

  it('accepts the right password and refuses a wrong one with AUTH_PASSWORD_MISMATCH', async () => {
    const target = await startTestGateway({ auth: { mode: 'password', password: 'pw-1' } });
    const { hello } = await connectClient(target, connectParams({ auth: { password: 'pw-1' } }));
    expect(hello['auth']).toMatchObject({ method: 'password', scopes: ['operator.admin'] });
    const client = await target.open();
    const { response } = await handshake(client, connectParams({ auth: { password: 'pw-2' } }));
    expect(errorOf(response).details).toMatchObject({ code: 'AUTH_PASSWORD_MISMATCH', authReason: 'password_mismatch' });
    expect((await client.closed).code).toBe(1008);
  });

  it('clears the scopes of a device-less operator, except the local cli and backend clients', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN } });
    const asTest = await connectClient(
      target,
      connectParams({ auth: { token: TOKEN }, client: { id: 'test', version: '1', platform: 'linux', mode: 'test' } }),
    );
    expect(asTest.hello['auth']).toMatchObject({ scopes: [] });
    const asCli = await connectClient(
      target,
      connectParams({ auth: { token: TOKEN }, scopes: ['operator.read'], client: { id: 'cli', version: '1', platform: 'linux', mode: 'cli' } }),
    );
    expect(asCli.hello['auth']).toMatchObject({ scopes: ['operator.read'] });
    const forbidden = await asTest.client.request('status');
    expect(errorOf(forbidden)).toMatchObject({ code: 'FORBIDDEN', details: { code: 'MISSING_SCOPE', missingScope: 'operator.read' } });
  });

  it('requires a device for control UI client ids', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN } });
    const client = await target.open();
    const { response } = await handshake(
      client,
      connectParams({ auth: { token: TOKEN }, client: { id: 'openclaw-control-ui', version: '1', platform: 'web', mode: 'ui' } }),
    );
    expect(errorOf(response)).toMatchObject({ code: 'INVALID_REQUEST', details: { code: 'CONTROL_UI_DEVICE_IDENTITY_REQUIRED' } });
    expect((await client.closed).code).toBe(1008);
  });

  it('requires a device for nodes', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN } });
    const client = await target.open();
    const { response } = await handshake(
      client,
      connectParams({ role: 'node', auth: { token: TOKEN }, client: { id: 'node-host', version: '1', platform: 'linux', mode: 'node' } }),
    );
    expect(errorOf(response)).toEqual({ code: 'NOT_PAIRED', message: 'device identity required', details: { code: 'DEVICE_IDENTITY_REQUIRED' } });
    expect(await client.closed).toEqual({ code: 1008, reason: 'device identity required' });
  });
});

describe('auth rate limiting', () => {
  it('locks a remote address out after maxFailures with AUTH_RATE_LIMITED and retryAfterMs', async () => {
    const target = await startTestGateway({
      auth: { mode: 'token', token: TOKEN },
      trustedProxies: ['127.0.0.1'],
      authRateLimit: { maxFailures: 3, lockoutMs: 60_000 },
    });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const client = await target.open({ headers: REMOTE });
      const { response } = await handshake(client, connectParams({ auth: { token: 'nope' } }));
      expect(errorOf(response).details).toMatchObject({ code: 'AUTH_TOKEN_MISMATCH' });
    }
    const locked = await target.open({ headers: REMOTE });
    const { response } = await handshake(locked, connectParams({ auth: { token: TOKEN } }));
    const error = errorOf(response);
    expect(error.code).toBe('INVALID_REQUEST');
    expect(error.details).toMatchObject({ code: 'AUTH_RATE_LIMITED', recommendedNextStep: 'wait_then_retry' });
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBeGreaterThan(59_000);
    expect((await locked.closed).code).toBe(1008);
    const otherAddress = await target.open({ headers: { 'X-Forwarded-For': '203.0.113.11' } });
    expect((await handshake(otherAddress, connectParams({ auth: { token: TOKEN } }))).response.ok).toBe(true);
  });

  it('never locks out loopback but delays each failure, doubling', async () => {
    const target = await startTestGateway({
      auth: { mode: 'token', token: TOKEN },
      authRateLimit: { maxFailures: 1, loopbackDelayMs: 60, loopbackMaxDelayMs: 1000 },
    });
    const timings: number[] = [];
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const client = await target.open();
      await client.nextEvent('connect.challenge');
      const started = performance.now();
      client.send({ type: 'req', id: 'c', method: 'connect', params: connectParams({ auth: { token: 'bad' } }) });
      const response = await client.next();
      timings.push(performance.now() - started);
      expect(errorOf(response).details).toMatchObject({ code: 'AUTH_TOKEN_MISMATCH' });
    }
    expect(timings[0]).toBeGreaterThanOrEqual(55);
    expect(timings[1]).toBeGreaterThanOrEqual(115);
    await connectClient(target, connectParams({ auth: { token: TOKEN } }));
  });
});

describe('trusted-proxy auth', () => {
  const options = {
    auth: { mode: 'trusted-proxy' as const, trustedProxy: { userHeader: 'x-forwarded-user', allowUsers: ['alice'], allowLoopback: true } },
    trustedProxies: ['127.0.0.1/32'],
  };

  it('admits the user named by the proxy header', async () => {
    const target = await startTestGateway(options);
    const { hello } = await connectClient(target, connectParams(), { headers: { ...REMOTE, 'X-Forwarded-User': 'alice' } });
    expect(hello['auth']).toMatchObject({ method: 'trusted-proxy', scopes: ['operator.admin'] });
    const [info] = target.gateway.connections();
    expect(info?.user).toBe('alice');
    expect(info?.clientIp).toBe('203.0.113.10');
  });

  it('refuses a missing identity header with AUTH_IDENTITY_HEADER_REQUIRED and a user not allowed with AUTH_UNAUTHORIZED', async () => {
    const target = await startTestGateway(options);
    const missing = await target.open({ headers: REMOTE });
    expect(errorOf((await handshake(missing, connectParams())).response).details).toMatchObject({ code: 'AUTH_IDENTITY_HEADER_REQUIRED' });
    const bob = await target.open({ headers: { ...REMOTE, 'X-Forwarded-User': 'bob' } });
    expect(errorOf((await handshake(bob, connectParams())).response).details).toMatchObject({ code: 'AUTH_UNAUTHORIZED' });
  });

  it('refuses a peer that is not a trusted proxy', async () => {
    const target = await startTestGateway({ ...options, trustedProxies: ['10.0.0.0/8'] });
    const client = await target.open();
    expect(errorOf((await handshake(client, connectParams())).response).details).toMatchObject({ code: 'AUTH_UNAUTHORIZED' });
  });
});

describe('authenticate hook', () => {
  it('refuses with AUTH_UNAUTHORIZED and the hook message', async () => {
    const target = await startTestGateway({ authenticate: () => ({ ok: false, message: 'unknown api key' }) });
    const client = await target.open();
    const error = errorOf((await handshake(client, connectParams())).response);
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', message: 'unauthorized: unknown api key', details: { code: 'AUTH_UNAUTHORIZED' } });
  });

  it('grants the scopes and user the hook returns', async () => {
    const seen: string[] = [];
    const target = await startTestGateway({
      authenticate: (context) => {
        seen.push(context.clientIp);
        return { ok: true, user: 'svc', scopes: ['operator.read'] };
      },
    });
    const { hello } = await connectClient(target, connectParams({ client: { id: 'test', version: '1', platform: 'x', mode: 'test' } }));
    expect(hello['auth']).toMatchObject({ scopes: ['operator.read'], method: 'token' });
    expect(seen).toEqual(['127.0.0.1']);
  });
});

describe('option validation', () => {
  it('rejects invalid combinations with a TypeError', () => {
    expect(() => createGateway({ auth: { mode: 'token' } })).toThrow(TypeError);
    expect(() => createGateway({ auth: { mode: 'password' } })).toThrow(/auth.password/);
    expect(() => createGateway({ auth: { mode: 'trusted-proxy', trustedProxy: { userHeader: 'x-user' } } })).toThrow(/trustedProxies/);
    expect(() => createGateway({ trustedProxies: ['not-an-ip'] })).toThrow(/invalid CIDR/);
    expect(() => createGateway({ tickIntervalMs: 0 })).toThrow(/tickIntervalMs/);
    expect(() => createGateway({ preAuthMaxPayloadBytes: 10, maxPayloadBytes: 5 })).toThrow(/preAuthMaxPayloadBytes/);
  });
});
