import { createClient } from 'redis';

/** A node-redis client as the adapter uses it (RESP3, offline queue off). */
export type RedisConnection = ReturnType<typeof buildClient>;

/** Longest wait between two reconnect attempts, ms. */
const MAX_RECONNECT_DELAY_MS = 1_000;
/** First reconnect delay, ms (doubles per attempt up to {@link MAX_RECONNECT_DELAY_MS}). */
const BASE_RECONNECT_DELAY_MS = 50;

/** Capped exponential backoff with full jitter: the delay before reconnect attempt `attempt` (0, 1, …), ms. */
export function reconnectDelayMs(attempt: number): number {
  const ceiling = Math.min(MAX_RECONNECT_DELAY_MS, BASE_RECONNECT_DELAY_MS * 2 ** Math.min(attempt, 16));
  return Math.floor(Math.random() * ceiling);
}

/** What {@link createRedisConnection} needs. */
export interface RedisConnectionOptions {
  readonly url: string;
  /** Name shown by `CLIENT LIST`, for operators. */
  readonly name: string;
  /** Time to open the TCP connection, ms. */
  readonly connectTimeoutMs: number;
}

/**
 * A client with the offline queue turned off: while Redis is unreachable a command fails at once
 * instead of waiting to be sent after the reconnect (a queued `PUBLISH` would then reach a bus whose
 * subscribers have not resubscribed yet, and be lost without an error). Once it has been ready it
 * reconnects by itself; before that, the first failure ends `connect()` (a clear start error).
 */
export function createRedisConnection(options: RedisConnectionOptions): RedisConnection {
  let everReady = false;
  const client = buildClient(options, (retries, cause) => (everReady ? reconnectDelayMs(retries) : cause));
  client.once('ready', () => {
    everReady = true;
  });
  return client;
}

function buildClient(options: RedisConnectionOptions, reconnectStrategy: (retries: number, cause: Error) => number | Error) {
  return createClient({
    url: options.url,
    name: options.name,
    disableOfflineQueue: true,
    socket: { connectTimeout: options.connectTimeoutMs, reconnectStrategy },
  });
}
