import { once } from 'node:events';
import { FaultProxy } from '@gatewire/test-harness';
import { createClient } from 'redis';
import { afterEach, describe, expect, it } from 'vitest';
import { RedisServer } from '@gatewire/test-harness';

const cleanups: Array<() => Promise<unknown> | void> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function proxyTo(port: number): Promise<FaultProxy> {
  const proxy = await FaultProxy.start(port);
  cleanups.push(() => proxy.close());
  return proxy;
}

describe('FaultProxy in front of Redis', () => {
  it('stalls a real Redis connection: a command waits for unstall()', async () => {
    const redis = await RedisServer.start();
    cleanups.push(() => redis.kill());
    const proxy = await proxyTo(redis.port);
    const client = createClient({ url: `redis://127.0.0.1:${proxy.port}`, disableOfflineQueue: true });
    client.on('error', () => undefined);
    cleanups.push(() => client.destroy());
    await client.connect();
    proxy.stall();
    let answered = false;
    const held = once(proxy, 'held');
    const ping = client.ping().then((reply) => {
      answered = true;
      return reply;
    });
    await held;
    expect(answered).toBe(false);
    proxy.unstall();
    expect(await ping).toBe('PONG');
  });
});
