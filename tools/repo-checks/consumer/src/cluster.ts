import assert from 'node:assert/strict';
import { GatewayClient } from '@gatewire/client/node';
import { createRedisAdapter, type RedisAdapterErrorCode, type RedisAdapterOptions } from '@gatewire/adapter-redis';
import { startGateway } from '@gatewire/server';
import { events, type AppEvents, type AppMethods } from './api.js';

/** Two gateways on one Redis (`REDIS_URL`): a broadcast from the first reaches a client of the second. */
const url = process.env['REDIS_URL'];
assert.ok(url, 'REDIS_URL is required');
const token = 'consumer-cluster-token';

async function gatewayOnRedis() {
  const adapter = await createRedisAdapter({ url: url!, cluster: 'consumer-check' });
  return startGateway({ port: 0, bind: 'loopback', auth: { mode: 'token', token }, events, adapter });
}

const first = await gatewayOnRedis();
const second = await gatewayOnRedis();
const client = new GatewayClient<AppMethods, AppEvents>({ url: second.url, auth: { token }, reconnect: false });
const received = new Promise<number>((resolve) => client.onEvent('math.done', ({ sum }) => resolve(sum)));
await client.connect();
first.gateway.broadcast('math.done', { sum: 7 });
assert.equal(await received, 7);

/** Never called: options that must not compile. */
export function typeErrors(options: RedisAdapterOptions): void {
  // @ts-expect-error `url` is required
  void createRedisAdapter({ cluster: 'x' });
  // @ts-expect-error `leaseMs` is a number
  void createRedisAdapter({ ...options, leaseMs: '5s' });
  // @ts-expect-error the start error codes are a closed union
  const code: RedisAdapterErrorCode = 'REDIS_MAYBE';
  void code;
}

await client.close();
await second.close();
await first.close();
console.log('consumer cluster ok: a broadcast crossed gateways on Redis');
