/** Auth failure rate limiting per client IP. */
export interface AuthRateLimitOptions {
  /** Failures within `windowMs` that lock an address out. @default 10 */
  maxFailures?: number;
  /** Sliding window for counting failures, ms. @default 60000 */
  windowMs?: number;
  /** How long a locked-out address is refused, ms. @default 300000 */
  lockoutMs?: number;
  /** Loopback clients are never locked out (they are delayed instead). @default true */
  exemptLoopback?: boolean;
  /** Delay before answering a loopback client's first failure, ms; doubles per failure. @default 250 */
  loopbackDelayMs?: number;
  /** Upper bound of the loopback failure delay, ms. @default 5000 */
  loopbackMaxDelayMs?: number;
}

/** Compression of outgoing frames. Off by default, as in the reference gateway. */
export interface PerMessageDeflateOptions {
  /** Frames smaller than this are sent uncompressed, bytes. @default 1024 */
  thresholdBytes?: number;
  /** Concurrent zlib operations, bounding memory. @default 10 */
  concurrencyLimit?: number;
}
