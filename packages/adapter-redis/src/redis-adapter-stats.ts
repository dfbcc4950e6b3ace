/** Counters of the adapter, for tests and metrics. */
export interface RedisAdapterStats {
  /** Broadcasts refused (`gateway.broadcast()` returned `false`) because the outbox was full while Redis was unreachable. */
  readonly outboxDropped: number;
  /** Times this gateway found entries lost (log trimmed, or Redis lost its data). */
  readonly lostGaps: number;
  /** Writes waiting for Redis. */
  readonly outboxSize: number;
  /** Invokes forwarded to nodes here, not answered yet. */
  readonly forwardedInvokes: number;
  /** Node pairing notices for other gateways that failed to publish, waiting for Redis (sent again on reconnect). */
  readonly unsentPairingNotices: number;
  /** The last log offset applied here. */
  readonly lastOffset: number;
  /** Log entries known to exist (received, or in the log) that this gateway has not applied yet. */
  readonly lagEntries: number;
}
