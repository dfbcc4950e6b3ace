import { GatewayClient, GatewayRequestError } from '@gatewire/client/node';
import { defineMethod } from '@gatewire/protocol';
import { startGateway, type IdempotencyStore, type StandaloneGateway } from '@gatewire/server';
import { Type } from '@sinclair/typebox';
import { createClient } from 'redis';
import { describe, expect, it } from 'vitest';
import type { RedisConnection } from '../src/redis-connection';
import { RedisIdempotencyStore } from '../src/redis-idempotency-store';
import { useRedisServer } from './harness/redis-fixture';
import { RedisServer } from '@gatewire/test-harness';

const TOKEN = 'redis-idempotency-test-token';
const deploy = defineMethod('app.deploy', {
  params: Type.Object({ service: Type.String(), idempotencyKey: Type.String() }, { additionalProperties: false }),
  result: Type.Object({ service: Type.String(), run: Type.Number() }),
  scope: 'operator.write',
  idempotency: 'required',
});

const { server, connection, afterThisTest } = useRedisServer();

async function store(cluster: string, options: { maxResultBytes?: number; pendingTtlMs?: number } = {}): Promise<RedisIdempotencyStore> {
  return new RedisIdempotencyStore({ redis: await connection(), cluster, ...options });
}

/** The handler of app.deploy on every gateway of a test: counts runs, and can be held until released. */
class DeployHandler {
  runs = 0;
  hold: Promise<void> | undefined;
  #started = () => undefined as void;
  /** Resolves when the first run starts. */
  readonly started = new Promise<void>((resolve) => (this.#started = resolve));
  readonly handle = async ({ service }: { service: string }) => {
    const run = (this.runs += 1);
    this.#started();
    await this.hold;
    if (service === 'broken') throw new Error('deploy failed');
    return { service, run };
  };
}

async function gateway(handler: DeployHandler, idempotencyStore: IdempotencyStore | undefined): Promise<StandaloneGateway> {
  const running = await startGateway({ port: 0, auth: { mode: 'token', token: TOKEN }, ...(idempotencyStore === undefined ? {} : { idempotencyStore }) });
  running.gateway.method(deploy, handler.handle);
  afterThisTest(() => running.close());
  return running;
}

async function operator(target: StandaloneGateway): Promise<GatewayClient> {
  const client = new GatewayClient({ url: target.url, auth: { token: TOKEN }, scopes: ['operator.write'], reconnect: false });
  afterThisTest(() => client.close());
  await client.connect();
  return client;
}

function call(client: GatewayClient, service: string, idempotencyKey: string): Promise<unknown> {
  return client.request('app.deploy' as never, { service, idempotencyKey } as never);
}

describe('RedisIdempotencyStore', () => {
  it('claims a key once; reports running, conflict, the result after settle, and forgets a failure', async () => {
    const one = await store('claims');
    const two = await store('claims');
    expect(await one.claim('k', 'digest-1')).toEqual({ kind: 'run' });
    expect(await two.claim('k', 'digest-1')).toEqual({ kind: 'running' });
    expect(await two.claim('k', 'digest-2')).toEqual({ kind: 'conflict' });
    await one.settle('k', 'digest-1', { ok: true, payload: { done: 1 } }, 60_000);
    expect(await two.claim('k', 'digest-1')).toEqual({ kind: 'result', result: { ok: true, payload: { done: 1 } } });
    expect(await two.claim('k', 'digest-2')).toEqual({ kind: 'conflict' });

    expect(await one.claim('failing', 'd')).toEqual({ kind: 'run' });
    await one.settle('failing', 'd', { ok: false, error: { code: 'UNAVAILABLE', message: 'x' } }, 60_000);
    expect(await two.claim('failing', 'd')).toEqual({ kind: 'run' });
  });

  it('bounds a claim by pendingTtlMs and a result by the gateway TTL', async () => {
    const redisConnection = await connection();
    const claims = new RedisIdempotencyStore({ redis: redisConnection, cluster: 'ttl', pendingTtlMs: 5_000 });
    await claims.claim('k', 'd');
    const pendingTtl = await redisConnection.pTTL(claims.redisKey('k'));
    expect(pendingTtl).toBeGreaterThan(0);
    expect(pendingTtl).toBeLessThanOrEqual(5_000);
    await claims.settle('k', 'd', { ok: true, payload: 1 }, 90_000);
    expect(await redisConnection.pTTL(claims.redisKey('k'))).toBeGreaterThan(5_000);
    expect(() => new RedisIdempotencyStore({ redis: redisConnection, pendingTtlMs: 0 })).toThrow(/pendingTtlMs must be a positive integer/);
  });

  it('does not share a result larger than maxResultBytes (the claim is released)', async () => {
    const small = await store('large', { maxResultBytes: 64 });
    await small.claim('k', 'd');
    await small.settle('k', 'd', { ok: true, payload: 'x'.repeat(100) }, 60_000);
    expect(await small.claim('k', 'd')).toEqual({ kind: 'run' });
  });

  it('rejects a value it did not write with a TypeError', async () => {
    const redisConnection = await connection();
    const corrupt = new RedisIdempotencyStore({ redis: redisConnection, cluster: 'corrupt' });
    await redisConnection.set(corrupt.redisKey('k'), 'd|d|{not json');
    await expect(corrupt.claim('k', 'd')).rejects.toThrow(TypeError);
  });

  it('a keyed request retried on gateway B does not run twice; without the store it does', async () => {
    const handler = new DeployHandler();
    const a = await gateway(handler, await store('retry'));
    const b = await gateway(handler, await store('retry'));
    const first = await call(await operator(a), 'api', 'deploy-1');
    const retried = await call(await operator(b), 'api', 'deploy-1');
    expect(first).toEqual({ service: 'api', run: 1 });
    expect(retried).toEqual(first);
    expect(handler.runs).toBe(1);
    // Other params with the same key: refused on B as on A.
    await expect(call(await operator(b), 'web', 'deploy-1')).rejects.toMatchObject({ code: 'INVALID_REQUEST' });

    // The control: the same two gateways without a shared store run it twice.
    const alone = new DeployHandler();
    const c = await gateway(alone, undefined);
    const d = await gateway(alone, undefined);
    await call(await operator(c), 'api', 'deploy-1');
    await call(await operator(d), 'api', 'deploy-1');
    expect(alone.runs).toBe(2);
  });

  it('a retry on B while A still runs the call answers a retryable UNAVAILABLE, then the result', async () => {
    const handler = new DeployHandler();
    let release = () => undefined as void;
    handler.hold = new Promise<void>((resolve) => (release = resolve));
    const a = await gateway(handler, await store('concurrent'));
    const b = await gateway(handler, await store('concurrent'));
    const onB = await operator(b);
    const first = call(await operator(a), 'api', 'deploy-2');
    await handler.started;
    const busy = await call(onB, 'api', 'deploy-2').catch((error: unknown) => error);
    expect(busy).toBeInstanceOf(GatewayRequestError);
    expect(busy).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
    release();
    expect(await first).toEqual({ service: 'api', run: 1 });
    expect(await call(onB, 'api', 'deploy-2')).toEqual({ service: 'api', run: 1 });
    expect(handler.runs).toBe(1);
  });

  it('a failed call is forgotten: the retry on B runs it again', async () => {
    const handler = new DeployHandler();
    const a = await gateway(handler, await store('failure'));
    const b = await gateway(handler, await store('failure'));
    await expect(call(await operator(a), 'broken', 'deploy-3')).rejects.toBeInstanceOf(GatewayRequestError);
    await expect(call(await operator(b), 'broken', 'deploy-3')).rejects.toBeInstanceOf(GatewayRequestError);
    expect(handler.runs).toBe(2);
  });

  it('known limit: a call whose gateway is lost after its handler ran, before the result was recorded, runs again once its claim expires', async () => {
    const handler = new DeployHandler();
    let release = () => undefined as void;
    handler.hold = new Promise<void>((resolve) => (release = resolve));
    // A's only way to Redis; destroying it is what A's death does to the result it has not recorded yet.
    const lost: RedisConnection = createClient({ url: server().url, disableOfflineQueue: true, socket: { reconnectStrategy: false } });
    lost.on('error', () => undefined);
    await lost.connect();
    const a = await gateway(handler, new RedisIdempotencyStore({ redis: lost, cluster: 'rerun', pendingTtlMs: 2_000 }));
    const b = await gateway(handler, await store('rerun', { pendingTtlMs: 2_000 }));
    const onB = await operator(b);
    const first = call(await operator(a), 'api', 'deploy-5');
    await handler.started;
    lost.destroy();
    release();
    expect(await first).toEqual({ service: 'api', run: 1 });
    // The application retries on B as told (retryable, after retryAfterMs) until the claim expires.
    let refusals = 0;
    for (;;) {
      const outcome = await call(onB, 'api', 'deploy-5').catch((error: unknown) => error);
      if (!(outcome instanceof GatewayRequestError)) {
        expect(outcome).toEqual({ service: 'api', run: 2 });
        break;
      }
      expect(outcome).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
      refusals += 1;
      await new Promise((resolve) => setTimeout(resolve, outcome.retryAfterMs ?? 250));
    }
    expect(refusals).toBeGreaterThan(0);
    expect(handler.runs).toBe(2);
  });

  it('answers a retryable UNAVAILABLE without running the call when Redis is unreachable', async () => {
    const own = await RedisServer.start();
    afterThisTest(() => own.kill());
    const client: RedisConnection = createClient({ url: own.url, disableOfflineQueue: true, socket: { reconnectStrategy: false } });
    client.on('error', () => undefined);
    await client.connect();
    afterThisTest(() => client.destroy());
    const handler = new DeployHandler();
    const a = await gateway(handler, new RedisIdempotencyStore({ redis: client, cluster: 'down' }));
    const caller = await operator(a);
    await own.kill();
    const refused = await call(caller, 'api', 'deploy-4').catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
    expect(handler.runs).toBe(0);
  });
});
