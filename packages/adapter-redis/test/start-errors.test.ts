import { describe, expect, it } from 'vitest';
import { createRedisAdapter, RedisAdapterError, RedisAdapterErrorCodes, resolveRedisAdapterOptions } from '../src/index';
import { isSupportedVersion, serverVersionOf } from '../src/start-checks';
import { startRedisServer } from './helpers/redis-server';

async function startError(promise: Promise<unknown>): Promise<RedisAdapterError> {
  const error = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  if (!RedisAdapterError.isInstance(error)) throw new Error(`expected a RedisAdapterError, got ${String(error)}`);
  return error;
}

describe('start errors', () => {
  it('says REDIS_UNREACHABLE when nothing listens at the URL', async () => {
    const server = await startRedisServer();
    const url = server.url;
    await server.kill();
    const error = await startError(createRedisAdapter({ url, connectTimeoutMs: 1_000 }));
    expect(error.code).toBe(RedisAdapterErrorCodes.UNREACHABLE);
    expect(error.message).toContain(url.replace('redis://', ''));
  });

  it('says REDIS_AUTH_FAILED for a wrong password, without echoing it', async () => {
    const server = await startRedisServer(['--requirepass', 'right-secret']);
    try {
      const error = await startError(createRedisAdapter({ url: `redis://:wrong-secret@127.0.0.1:${server.port}`, connectTimeoutMs: 1_000 }));
      expect(error.code).toBe(RedisAdapterErrorCodes.AUTH_FAILED);
      expect(error.message).not.toContain('wrong-secret');
      const missing = await startError(createRedisAdapter({ url: server.url, connectTimeoutMs: 1_000 }));
      expect(missing.code).toBe(RedisAdapterErrorCodes.AUTH_FAILED);
      const adapter = await createRedisAdapter({ url: `redis://:right-secret@127.0.0.1:${server.port}` });
      await adapter.close();
    } finally {
      await server.kill();
    }
  });

  it('accepts Redis 7.0 and newer only (REDIS_TOO_OLD below)', () => {
    expect(serverVersionOf('# Server\r\nredis_version:7.0.15\r\nredis_mode:standalone\r\n')).toBe('7.0.15');
    expect(isSupportedVersion('7.0.15')).toBe(true);
    expect(isSupportedVersion('8.2.0')).toBe(true);
    expect(isSupportedVersion('6.2.14')).toBe(false);
  });

  it('rejects impossible options with a TypeError', () => {
    expect(() => resolveRedisAdapterOptions({ url: '' })).toThrow(TypeError);
    expect(() => resolveRedisAdapterOptions({ url: 'redis://x', leaseMs: 1_000, renewIntervalMs: 1_000 })).toThrow(/twice/);
    expect(() => resolveRedisAdapterOptions({ url: 'redis://x', cluster: 'a{b}' })).toThrow(/cluster/);
    expect(() => resolveRedisAdapterOptions({ url: 'redis://x', maxOutboxEntries: 0 })).toThrow(/maxOutboxEntries/);
  });
});
