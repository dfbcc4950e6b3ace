import { definedFields } from './defined-fields';

/** How the client reconnects after a drop. Every field is optional; see {@link DEFAULT_RECONNECT}. */
export interface ReconnectOptions {
  /**
   * Reconnect automatically after a non-fatal drop.
   * @default true
   */
  enabled?: boolean;
  /**
   * Cap of the first delay, ms. The n-th delay is drawn uniformly from
   * `[0, min(maxDelayMs, initialDelayMs × 2^n)]` ("full jitter").
   * @default 1000
   */
  initialDelayMs?: number;
  /**
   * Largest delay cap, ms.
   * @default 30000
   */
  maxDelayMs?: number;
  /**
   * Consecutive failed attempts after which the client gives up and closes
   * (`RECONNECT_EXHAUSTED`). Reset by every `hello-ok`.
   * @default Infinity
   */
  maxAttempts?: number;
  /**
   * Longest wait the gateway can impose before the next attempt, ms. The client never reconnects
   * sooner than the gateway asked (a refusal's `retryAfterMs`, such as `AUTH_RATE_LIMITED`'s; the
   * `Retry-After` of an HTTP 429 or 503 answer to the upgrade, Node only; a `shutdown` event's
   * `restartExpectedMs`), up to this bound: a longer request waits this long.
   * @default 300000 (5 minutes, the gateway's default auth lockout)
   */
  maxRetryAfterMs?: number;
  /**
   * Source of randomness in `[0, 1)` for the jitter (tests pin it).
   * @default Math.random
   */
  random?: () => number;
}

/** The reconnect defaults: 1 s initial cap, 30 s maximum cap, full jitter, unlimited attempts, the gateway's waits up to 5 minutes. */
export const DEFAULT_RECONNECT: Readonly<Required<ReconnectOptions>> = Object.freeze({
  enabled: true,
  initialDelayMs: 1000,
  maxDelayMs: 30_000,
  maxAttempts: Number.POSITIVE_INFINITY,
  maxRetryAfterMs: 300_000,
  random: Math.random,
});

/** `reconnect: false`, as the client resolves it (one object for every client). */
export const RECONNECT_DISABLED: Readonly<ReconnectOptions> = Object.freeze({ enabled: false });

/** No `reconnect` option: the defaults (one object for every client). */
export const RECONNECT_DEFAULTS: Readonly<ReconnectOptions> = Object.freeze({});

const DISABLED_POLICY: Readonly<Required<ReconnectOptions>> = Object.freeze({ ...DEFAULT_RECONNECT, enabled: false });

/** The options with every default applied; the two shared inputs map to shared, frozen results. */
function resolveReconnectOptions(options: ReconnectOptions): Readonly<Required<ReconnectOptions>> {
  if (options === RECONNECT_DISABLED) return DISABLED_POLICY;
  if (options === RECONNECT_DEFAULTS) return DEFAULT_RECONNECT;
  return { ...DEFAULT_RECONNECT, ...definedFields(options) };
}

/**
 * Capped exponential backoff with full jitter. `nextDelayMs()` counts an attempt;
 * `reset()` (after `hello-ok`) starts over from `initialDelayMs`.
 */
export class ReconnectPolicy {
  readonly options: Readonly<Required<ReconnectOptions>>;
  #attempts = 0;

  constructor(options: ReconnectOptions = {}) {
    this.options = resolveReconnectOptions(options);
  }

  /** Failed attempts since the last reset. */
  get attempts(): number {
    return this.#attempts;
  }

  /** Whether another attempt is allowed. */
  get canRetry(): boolean {
    return this.options.enabled && this.#attempts < this.options.maxAttempts;
  }

  /** The cap of the next delay: `min(maxDelayMs, initialDelayMs × 2^attempts)`. */
  get nextCapMs(): number {
    return Math.min(this.options.maxDelayMs, this.options.initialDelayMs * 2 ** Math.min(this.#attempts, 30));
  }

  /**
   * Draw the next delay (full jitter) and count the attempt. `minDelayMs` is a floor from the server
   * (`retryAfterMs`, `Retry-After`, `shutdown.restartExpectedMs`), bounded by `maxRetryAfterMs`; it
   * may exceed `maxDelayMs`.
   */
  nextDelayMs(minDelayMs = 0): number {
    const jittered = Math.floor(this.options.random() * this.nextCapMs);
    this.#attempts += 1;
    return Math.max(jittered, Math.min(minDelayMs, this.options.maxRetryAfterMs));
  }

  /** Start over (after a successful `hello-ok`). */
  reset(): void {
    this.#attempts = 0;
  }
}
