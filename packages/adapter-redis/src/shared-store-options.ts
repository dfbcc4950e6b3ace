import type { RedisConnection } from './redis-connection';

/** Options shared by the Redis-backed stores ({@link RedisDeviceStore}, {@link RedisNodePairingStore}, {@link RedisIdempotencyStore}). */
export interface SharedStoreOptions {
  /**
   * A connected node-redis client (e.g. `createClient({ url, disableOfflineQueue: true })` after
   * `await client.connect()`). The store does not close it.
   */
  readonly redis: RedisConnection;
  /** Prefix of every key, as the adapter's `keyPrefix`. @default "gatewire" */
  readonly keyPrefix?: string;
  /** Name of the cluster, as the adapter's `cluster`: gateways with the same one share the store. @default "default" */
  readonly cluster?: string;
}

/** The defaults of {@link SharedStoreOptions}. */
export const sharedStoreDefaults = { keyPrefix: 'gatewire', cluster: 'default' } as const;

/**
 * The key `<keyPrefix>:{<cluster>}:<name>`: the hash tag keeps every key of a cluster on one
 * Redis Cluster slot, as the adapter's keys.
 */
export function sharedStoreKey(options: SharedStoreOptions, name: string): string {
  const cluster = options.cluster ?? sharedStoreDefaults.cluster;
  if (/[{}:]/.test(cluster)) throw new TypeError('cluster must not contain "{", "}" or ":"');
  return `${options.keyPrefix ?? sharedStoreDefaults.keyPrefix}:{${cluster}}:${name}`;
}
