import { createRedisAdapter, RedisAdapterError, RedisDeviceStore, RedisIdempotencyStore, RedisNodePairingStore } from '@gatewire/adapter-redis';
import type { StartGatewayOptions } from '@gatewire/server';
import { createClient } from 'redis';
import { CliError } from '../config/errors';
import type { GatewayConfig } from '../config/schema';
import { ExitCodes } from '../exit-codes';

/** What a gateway of a Redis cluster gets: the adapter and the shared stores, and how to release them. */
export interface ClusterBackend {
  readonly options: Pick<StartGatewayOptions, 'adapter' | 'deviceStore' | 'idempotencyStore' | 'nodePairing'>;
  /** Close the stores' Redis connection (the gateway closes the adapter itself). */
  close(): Promise<void>;
}

/**
 * Join the cluster named in `config.redis`: the `@gatewire/adapter-redis` adapter plus the
 * Redis-backed device store, node pairing store and idempotency cache, so that every gateway on this Redis acts as one.
 * A Redis that cannot be used is a configuration error (exit code 3) with the adapter's reason
 * (`REDIS_UNREACHABLE`, `REDIS_AUTH_FAILED`, `REDIS_TOO_OLD`), whose message names the URL with its
 * password hidden.
 */
export async function joinRedisCluster(redis: NonNullable<GatewayConfig['redis']>): Promise<ClusterBackend> {
  const shared = { ...(redis.keyPrefix === undefined ? {} : { keyPrefix: redis.keyPrefix }), ...(redis.cluster === undefined ? {} : { cluster: redis.cluster }) };
  let adapter: Awaited<ReturnType<typeof createRedisAdapter>>;
  try {
    adapter = await createRedisAdapter({ url: redis.url, ...shared });
  } catch (error) {
    const reason = RedisAdapterError.isInstance(error) ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error);
    throw new CliError(`cannot join the cluster on Redis: ${reason}`, ExitCodes.CONFIG);
  }
  const stores = createClient({ url: redis.url, disableOfflineQueue: true });
  stores.on('error', () => undefined);
  try {
    await stores.connect();
  } catch (error) {
    await adapter.close();
    throw new CliError(`cannot connect to Redis for the shared stores: ${error instanceof Error ? error.message : String(error)}`, ExitCodes.CONFIG);
  }
  return {
    options: {
      adapter,
      deviceStore: new RedisDeviceStore({ redis: stores, ...shared }),
      idempotencyStore: new RedisIdempotencyStore({ redis: stores, ...shared }),
      nodePairing: { store: new RedisNodePairingStore({ redis: stores, ...shared }) },
    },
    close: async () => {
      stores.destroy();
    },
  };
}
