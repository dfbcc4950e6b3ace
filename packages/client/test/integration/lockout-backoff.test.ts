import { describe, expect, it } from 'vitest';
import { DeviceIdentity, deviceAuth, GatewayClient, GatewayClientError, GatewayRequestError, type DisconnectContext, type ReconnectOptions } from '../../src/node';
import { track } from '../helpers/cleanup';
import { startRealGateway, TOKEN } from '../helpers/real-gateway';

/**
 * A gateway that locks out an address after failed authentications asks the client to wait: with
 * `retryAfterMs` on `AUTH_RATE_LIMITED`, or with HTTP 429 and `Retry-After` once every credential
 * kind is locked. The client's backoff (here 0-2 ms) must not retry sooner than asked.
 */

/** Lock out loopback too (it is exempt by default), after one failure. */
function lockingGateway(lockoutMs: number) {
  return startRealGateway({ authRateLimit: { maxFailures: 1, lockoutMs, exemptLoopback: false, loopbackDelayMs: 1, loopbackMaxDelayMs: 5 } });
}

/** One failed connect; the refusal is fatal, so the client stops. */
async function failOnce(url: string, auth: { token?: string; deviceToken?: string }, device?: DeviceIdentity): Promise<unknown> {
  const client = track(new GatewayClient({ url, auth, reconnect: false, ...(device === undefined ? {} : { deviceAuth: deviceAuth({ device }) }) }));
  return client.connect().catch((caught: unknown) => caught);
}

/** A client with the right token, a 0-2 ms backoff, and a log of its drops and scheduled delays. */
function watchedClient(url: string, reconnect: ReconnectOptions = {}) {
  const client = track(new GatewayClient({ url, auth: { token: TOKEN }, reconnect: { initialDelayMs: 1, maxDelayMs: 2, random: () => 0, ...reconnect } }));
  const drops: DisconnectContext[] = [];
  const delays: number[] = [];
  client.on('disconnected', (context) => drops.push(context));
  client.on('reconnect-scheduled', (context) => delays.push(context.delayMs));
  return { client, drops, delays };
}

describe('reconnect backoff honours a lockout (against @gatewire/server)', () => {
  it('waits retryAfterMs of AUTH_RATE_LIMITED, then connects with one attempt', async () => {
    const { url } = await lockingGateway(1500);
    const wrong = await failOnce(url, { token: 'wrong-token' });
    expect((wrong as Error).cause).toMatchObject({ detailCode: 'AUTH_TOKEN_MISMATCH' });

    const { client, drops, delays } = watchedClient(url);
    const started = Date.now();
    await client.connect();
    const refusal = drops[0]?.error;
    expect(GatewayRequestError.isInstance(refusal) && refusal.detailCode).toBe('AUTH_RATE_LIMITED');
    const retryAfterMs = (refusal as GatewayRequestError).retryAfterMs ?? 0;
    expect(retryAfterMs).toBeGreaterThan(0);
    expect(delays).toEqual([retryAfterMs]);
    expect(drops).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(retryAfterMs);
  });

  it('waits the Retry-After of an HTTP 429 upgrade refusal, then connects with one attempt', async () => {
    const device = await DeviceIdentity.generate();
    const { url } = await lockingGateway(1500);
    await failOnce(url, { token: 'wrong-token' });
    const wrongDevice = await failOnce(url, { deviceToken: 'wrong-device-token' }, device);
    expect((wrongDevice as Error).cause).toMatchObject({ detailCode: 'AUTH_DEVICE_TOKEN_MISMATCH' });

    const { client, drops, delays } = watchedClient(url);
    const started = Date.now();
    await client.connect();
    const refused = drops[0]?.error;
    expect(GatewayClientError.isInstance(refused) && refused.httpStatus).toBe(429);
    // Retry-After is whole seconds, rounded up: what is left of the 1.5 s lockout asks for 1 or 2 s.
    const retryAfterMs = (refused as GatewayClientError).retryAfterMs ?? 0;
    expect([1000, 2000]).toContain(retryAfterMs);
    expect(delays).toEqual([retryAfterMs]);
    expect(drops).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(retryAfterMs);
  });

  it('waits no longer than reconnect.maxRetryAfterMs', async () => {
    const { url } = await lockingGateway(60_000);
    await failOnce(url, { token: 'wrong-token' });
    await failOnce(url, { deviceToken: 'wrong-device-token' }, await DeviceIdentity.generate());

    const { client, drops, delays } = watchedClient(url, { maxRetryAfterMs: 40, maxAttempts: 2 });
    const error = await client.connect().catch((caught: unknown) => caught);
    expect(GatewayClientError.isInstance(error, 'RECONNECT_EXHAUSTED')).toBe(true);
    expect(drops.map((drop) => (drop.error as GatewayClientError).retryAfterMs)).toEqual([60_000, 60_000, 60_000]);
    expect(delays).toEqual([40, 40]);
  });
});
