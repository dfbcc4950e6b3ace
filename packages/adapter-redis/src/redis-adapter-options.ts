/** Options of {@link createRedisAdapter}. */
export interface RedisAdapterOptions {
  /** Redis URL (`redis://[[user]:password@]host:port[/db]`, `rediss://` for TLS). */
  url: string;
  /** Prefix of every key and channel. @default "gatewire" */
  keyPrefix?: string;
  /** Name of the cluster: gateways with the same prefix and cluster name act as one. @default "default" */
  cluster?: string;
  /** Time to open a connection to Redis, ms; also bounds the start. @default 5000 */
  connectTimeoutMs?: number;
  /** A gateway's lease: one that has not renewed it for this long is gone, with its presence and nodes, ms. @default 5000 */
  leaseMs?: number;
  /**
   * Interval of lease renewal, eviction of dead gateways and the catch-up probe, ms. A renewal still
   * unanswered after two intervals (Redis holds the connection but does not answer) makes the
   * adapter degraded (`health()`: `redis not answering`) until Redis answers again.
   * @default 1000
   */
  renewIntervalMs?: number;
  /** Entries kept in the cluster log (approximately; older ones are trimmed). @default 100000 */
  maxLogEntries?: number;
  /** Broadcasts held while Redis is unreachable; past this, further ones are refused: `gateway.broadcast()` returns `false` and `gatewire_adapter_broadcasts_refused_total` counts them. @default 10000 */
  maxOutboxEntries?: number;
  /** Time an entry that arrived ahead of a missing one waits before the gap is fetched from the log, ms. @default 50 */
  gapWaitMs?: number;
}

/** The defaults of {@link RedisAdapterOptions}. */
export const redisAdapterDefaults = {
  keyPrefix: 'gatewire',
  cluster: 'default',
  connectTimeoutMs: 5_000,
  leaseMs: 5_000,
  renewIntervalMs: 1_000,
  maxLogEntries: 100_000,
  maxOutboxEntries: 10_000,
  gapWaitMs: 50,
} as const;

/** Options with every default applied. */
export type ResolvedRedisAdapterOptions = Required<RedisAdapterOptions>;

/** Apply the defaults and reject impossible values with a `TypeError`. */
export function resolveRedisAdapterOptions(options: RedisAdapterOptions): ResolvedRedisAdapterOptions {
  const resolved: ResolvedRedisAdapterOptions = { ...redisAdapterDefaults, ...options };
  if (typeof resolved.url !== 'string' || resolved.url === '') throw new TypeError('createRedisAdapter: url is required (redis://host:port)');
  for (const name of ['connectTimeoutMs', 'leaseMs', 'renewIntervalMs', 'maxLogEntries', 'maxOutboxEntries'] as const) {
    if (!Number.isInteger(resolved[name]) || resolved[name] <= 0) throw new TypeError(`createRedisAdapter: ${name} must be a positive integer`);
  }
  if (!Number.isInteger(resolved.gapWaitMs) || resolved.gapWaitMs < 0) throw new TypeError('createRedisAdapter: gapWaitMs must be a non-negative integer');
  if (resolved.renewIntervalMs * 2 > resolved.leaseMs) throw new TypeError('createRedisAdapter: leaseMs must be at least twice renewIntervalMs');
  if (/[{}:]/.test(resolved.cluster)) throw new TypeError('createRedisAdapter: cluster must not contain "{", "}" or ":"');
  return resolved;
}
