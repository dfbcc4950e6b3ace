import { createServer } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestDevice, signConnect, type TestDevice, RawClient, type RawClientOptions } from '@gatewire/test-harness';
import { connectClient, connectParams, errorOf, handshake, onCleanup, startTestGateway, type TestGateway } from './helpers/fixtures';

const TOKEN = 'correct-horse-battery-staple';
const REMOTE = { headers: { 'X-Forwarded-For': '203.0.113.20' } };

/** The details code of a connect answer (`undefined` when it succeeded). */
async function connectOutcome(target: TestGateway, auth: { token?: string; deviceToken?: string }, options: RawClientOptions, device?: TestDevice): Promise<string | undefined> {
  const client = await target.open(options);
  const params = connectParams({ auth });
  const { response } = await handshake(client, (challenge) => (device === undefined ? params : signConnect(params, device, challenge)));
  return response.ok === true ? undefined : (errorOf(response).details?.['code'] as string);
}

/** Open an upgrade that must be refused; resolves the status, headers and JSON body. */
async function refusedUpgrade(url: string, options: RawClientOptions): Promise<{ status: number; headers: Record<string, string>; body: unknown }> {
  const error = (await RawClient.open(url, options).then(
    () => {
      throw new Error('the upgrade was accepted');
    },
    (refused: unknown) => refused,
  )) as { status: number; headers: Record<string, string>; body: string };
  return { status: error.status, headers: error.headers, body: JSON.parse(error.body) };
}

describe('auth lockout per credential kind and address', () => {
  it('locks the shared token and device tokens of an address separately; HTTP 429 with Retry-After once both are locked', async () => {
    const target = await startTestGateway({
      auth: { mode: 'token', token: TOKEN },
      trustedProxies: ['127.0.0.1'],
      authRateLimit: { maxFailures: 2, lockoutMs: 60_000 },
    });
    const device = await createTestDevice();
    const paired = await connectClient(target, (challenge) => signConnect(connectParams({ auth: { token: TOKEN } }), device, challenge));
    const deviceToken = (paired.hello['auth'] as { deviceToken: string }).deviceToken;

    expect(await connectOutcome(target, { token: 'wrong-1' }, REMOTE)).toBe('AUTH_TOKEN_MISMATCH');
    expect(await connectOutcome(target, { token: 'wrong-2' }, REMOTE)).toBe('AUTH_TOKEN_MISMATCH');
    // The token kind is locked for this address, the right token included ...
    expect(await connectOutcome(target, { token: TOKEN }, REMOTE)).toBe('AUTH_RATE_LIMITED');
    // ... but not the device tokens used from it.
    expect(await connectOutcome(target, { deviceToken }, REMOTE, device)).toBeUndefined();

    expect(await connectOutcome(target, { deviceToken: 'wrong-1' }, REMOTE, device)).toBe('AUTH_DEVICE_TOKEN_MISMATCH');
    expect(await connectOutcome(target, { deviceToken: 'wrong-2' }, REMOTE, device)).toBe('AUTH_DEVICE_TOKEN_MISMATCH');
    // Every credential kind the gateway accepts is now locked: the upgrade itself is refused.
    const refused = await refusedUpgrade(target.url, REMOTE);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(55);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(refused.body).toEqual({ error: { message: 'too many failed authentication attempts from this address', type: 'auth_rate_limited' } });

    // Other addresses, and the direct loopback operator, are not affected.
    expect(await connectOutcome(target, { token: TOKEN }, { headers: { 'X-Forwarded-For': '203.0.113.21' } })).toBeUndefined();
    expect(await connectOutcome(target, { token: TOKEN }, {})).toBeUndefined();
  });

  it('counts a Unix-socket client as local (silent pairing, cli keeps its scopes) with lockout buckets of its own', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN }, authRateLimit: { maxFailures: 1, lockoutMs: 60_000, exemptLoopback: false } });
    const dir = await mkdtemp(join(tmpdir(), 'gatewire-unix-'));
    onCleanup(() => rm(dir, { recursive: true, force: true }));
    const socketPath = join(dir, 'gateway.sock');
    const server = createServer();
    target.gateway.attach(server);
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    onCleanup(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const unix: TestGateway = {
      ...target,
      url: `ws+unix://${socketPath}:/`,
      open: async (options) => {
        const client = await RawClient.open(`ws+unix://${socketPath}:/`, options);
        onCleanup(() => client.close());
        return client;
      },
    };

    const cli = await connectClient(unix, connectParams({ auth: { token: TOKEN }, client: { id: 'cli', version: '1.0.0', platform: 'linux', mode: 'cli' }, scopes: ['operator.admin'] }));
    expect(cli.hello['auth']).toMatchObject({ role: 'operator', scopes: ['operator.admin'] });
    const device = await createTestDevice();
    const paired = await connectClient(unix, (challenge) => signConnect(connectParams({ auth: { token: TOKEN }, scopes: ['operator.read'] }), device, challenge));
    expect(paired.hello['auth']).toMatchObject({ scopes: ['operator.read'], deviceToken: expect.any(String) });

    expect(await connectOutcome(unix, { token: 'wrong' }, {})).toBe('AUTH_TOKEN_MISMATCH');
    expect(await connectOutcome(unix, { token: TOKEN }, {})).toBe('AUTH_RATE_LIMITED');
    // Loopback TCP clients have buckets of their own.
    expect(await connectOutcome(target, { token: TOKEN }, {})).toBeUndefined();
  });
});
