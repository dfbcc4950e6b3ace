/** Why the Redis adapter could not start. */
export const RedisAdapterErrorCodes = {
  /** No Redis answered at the URL within `connectTimeoutMs` (or the URL is malformed). */
  UNREACHABLE: 'REDIS_UNREACHABLE',
  /** Redis refused the credentials (wrong password or user, or a password is required). */
  AUTH_FAILED: 'REDIS_AUTH_FAILED',
  /** The server is older than the adapter needs (Redis 7.0 or Valkey 7.2). */
  TOO_OLD: 'REDIS_TOO_OLD',
} as const;

/** One of {@link RedisAdapterErrorCodes}. */
export type RedisAdapterErrorCode = (typeof RedisAdapterErrorCodes)[keyof typeof RedisAdapterErrorCodes];

const BRAND = Symbol.for('gatewire.RedisAdapterError');

/** A start failure of the Redis adapter, with a stable `code`. */
export class RedisAdapterError extends Error {
  readonly code: RedisAdapterErrorCode;
  readonly [BRAND] = true;

  constructor(code: RedisAdapterErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'RedisAdapterError';
    this.code = code;
  }

  /** `instanceof` that survives two installed copies of this package. */
  static isInstance(value: unknown): value is RedisAdapterError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}
