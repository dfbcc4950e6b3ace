import { connect, createServer, type Socket } from 'node:net';
import { listenOnLoopback } from '@gatewire/test-harness';
import { describe, expect, it } from 'vitest';
import { createRedisAdapter, RedisAdapterError, RedisAdapterErrorCodes, resolveRedisAdapterOptions } from '../src/index';
import { isSupportedVersion, serverVersionOf } from '../src/start-checks';
import { RedisServer } from '@gatewire/test-harness';

async function startError(promise: Promise<unknown>): Promise<RedisAdapterError> {
  const error = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  if (!RedisAdapterError.isInstance(error)) throw new Error(`expected a RedisAdapterError, got ${String(error)}`);
  return error;
}

/**
 * A TCP proxy to Redis on 127.0.0.1 that rewrites `redis_version:7.` into `redis_version:6.` in
 * what Redis answers (same length, so RESP lengths stay right): a real Redis 7 that reports 6.
 * A match split across two reads is kept whole: a tail that could start one waits for the next read.
 */
async function versionRewritingProxy(redisPort: number): Promise<{ port: number; close(): Promise<void> }> {
  const from = Buffer.from('redis_version:7.');
  const to = Buffer.from('redis_version:6.');
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(redisPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => (socket === client ? upstream : client).destroy());
    }
    client.pipe(upstream);
    let held = Buffer.alloc(0);
    upstream.on('data', (chunk: Buffer) => {
      const data = Buffer.concat([held, chunk]);
      for (let index = data.indexOf(from); index !== -1; index = data.indexOf(from, index + from.length)) to.copy(data, index);
      // Hold back a tail that could start a match completed by the next read.
      let keep = Math.min(from.length - 1, data.length);
      while (keep > 0 && !data.subarray(data.length - keep).equals(from.subarray(0, keep))) keep -= 1;
      held = Buffer.from(data.subarray(data.length - keep));
      client.write(data.subarray(0, data.length - keep));
    });
  });
  const port = await listenOnLoopback(server);
  return {
    port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe('start errors', () => {
  it('says REDIS_UNREACHABLE when nothing listens at the URL', async () => {
    const server = await RedisServer.start();
    const url = server.url;
    await server.kill();
    const error = await startError(createRedisAdapter({ url, connectTimeoutMs: 1_000 }));
    expect(error.code).toBe(RedisAdapterErrorCodes.UNREACHABLE);
    expect(error.message).toContain(url.replace('redis://', ''));
  });

  it('says REDIS_AUTH_FAILED for a wrong password, without echoing it', async () => {
    const server = await RedisServer.start({ args: ['--requirepass', 'right-secret'] });
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

  it('says REDIS_TOO_OLD, naming both versions, when Redis reports a version below 7.0', async () => {
    const server = await RedisServer.start();
    const proxy = await versionRewritingProxy(server.port);
    try {
      const error = await startError(createRedisAdapter({ url: `redis://127.0.0.1:${proxy.port}`, connectTimeoutMs: 1_000 }));
      expect(error.code).toBe(RedisAdapterErrorCodes.TOO_OLD);
      expect(error.message).toMatch(/version 6\.\d+\.\d+; @gatewire\/adapter-redis needs 7\.0\.0 or newer/);
    } finally {
      await proxy.close();
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
