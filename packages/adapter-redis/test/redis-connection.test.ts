import { afterEach, describe, expect, it } from 'vitest';
import { createRedisConnection, reconnectDelayMs, type RedisConnection } from '../src/redis-connection';
import { RedisServer } from '@gatewire/test-harness';

describe('createRedisConnection', () => {
  let server: RedisServer | undefined;
  let client: RedisConnection | undefined;

  afterEach(async () => {
    client?.destroy();
    await server?.kill();
  });

  it('talks to a real redis-server', async () => {
    server = await RedisServer.start();
    client = createRedisConnection({ url: server.url, name: 'gatewire-test', connectTimeoutMs: 2_000 });
    client.on('error', () => {});
    await client.connect();
    expect(await client.ping()).toBe('PONG');
    expect(await client.clientGetName()).toBe('gatewire-test');
  });

  it('fails a command at once while Redis is down instead of queueing it', async () => {
    server = await RedisServer.start();
    client = createRedisConnection({ url: server.url, name: 'gatewire-test', connectTimeoutMs: 2_000 });
    client.on('error', () => {});
    await client.connect();
    const disconnected = new Promise<void>((resolve) => client?.once('reconnecting', () => resolve()));
    await server.kill();
    await disconnected;
    await expect(client.publish('bus', 'lost?')).rejects.toThrow(/offline/i);
  });

  it('backs off with full jitter, capped at 1 s', () => {
    for (let attempt = 0; attempt < 30; attempt += 1) {
      const delay = reconnectDelayMs(attempt);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(Math.min(1_000, 50 * 2 ** attempt));
    }
  });
});
