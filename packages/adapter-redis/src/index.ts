/**
 * `@gatewire/adapter-redis`: run several Gatewire gateways as one, on Redis. Broadcasts, presence
 * and `node.invoke` cross gateways through one Redis (or Valkey) server.
 */
export { createRedisAdapter } from './create-redis-adapter';
export { RedisAdapter } from './redis-adapter';
export type { RedisAdapterStats } from './redis-adapter-stats';
export { redisAdapterDefaults, resolveRedisAdapterOptions } from './redis-adapter-options';
export type { RedisAdapterOptions, ResolvedRedisAdapterOptions } from './redis-adapter-options';
export { RedisAdapterError, RedisAdapterErrorCodes } from './redis-adapter-error';
export type { RedisAdapterErrorCode } from './redis-adapter-error';
export { MINIMUM_REDIS_VERSION } from './start-checks';
export { version } from './version';
export { RedisDeviceStore, type RedisDeviceStoreOptions } from './redis-device-store';
export { sharedStoreDefaults, type SharedStoreOptions } from './shared-store-options';
export { RedisIdempotencyStore, redisIdempotencyStoreDefaults, type RedisIdempotencyStoreOptions } from './redis-idempotency-store';
export { RedisNodePairingStore, type RedisNodePairingStoreOptions } from './redis-node-pairing-store';
