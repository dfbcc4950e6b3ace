import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { RedisConnection } from '../../src/redis-connection';
import { RedisServer } from '@gatewire/test-harness';

/** What {@link useRedisServer} gives a test file. */
export interface RedisFixture {
  /** The file's redis-server (started before its first test). */
  readonly server: () => RedisServer;
  /** A fresh connected client (offline queue off, as the adapter's); destroyed after the test. */
  readonly connection: () => Promise<RedisConnection>;
  /** Run `cleanup` after the current test (in reverse order of registration). */
  readonly afterThisTest: (cleanup: () => Promise<unknown> | void) => void;
}

/**
 * Start one real redis-server for a test file (killed after its last test) and clean up after
 * each test whatever it registered. Call at the top level of the file.
 */
export function useRedisServer(): RedisFixture {
  let redis: RedisServer | undefined;
  const cleanups: Array<() => Promise<unknown> | void> = [];
  beforeAll(async () => {
    redis = await RedisServer.start();
  });
  afterAll(async () => {
    await redis?.kill();
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const server = () => {
    if (redis === undefined) throw new Error('useRedisServer: the server starts in beforeAll; use it inside a test');
    return redis;
  };
  return {
    server,
    afterThisTest: (cleanup) => cleanups.push(cleanup),
    connection: async () => {
      const client: RedisConnection = createClient({ url: server().url, disableOfflineQueue: true });
      client.on('error', () => undefined);
      await client.connect();
      cleanups.push(() => client.destroy());
      return client;
    },
  };
}
