/** Settings of an {@link AuthRateLimiter}. */
export interface AuthRateLimiterSettings {
  readonly maxFailures: number;
  readonly windowMs: number;
  readonly lockoutMs: number;
  readonly exemptLoopback: boolean;
  readonly loopbackDelayMs: number;
  readonly loopbackMaxDelayMs: number;
}

interface Entry {
  failures: number[];
  lockedUntil: number;
}

/**
 * Auth failures per key (a credential kind and a client address, see `lockoutKey`) in a sliding
 * window. `maxFailures` within `windowMs` lock the key out for `lockoutMs`. Loopback addresses are never locked out; instead each failure is answered
 * after a delay that doubles per recent failure, up to `loopbackMaxDelayMs`.
 */
export class AuthRateLimiter {
  readonly #settings: AuthRateLimiterSettings;
  readonly #entries = new Map<string, Entry>();

  constructor(settings: AuthRateLimiterSettings) {
    this.#settings = settings;
  }

  /** Whether no failure is on record for any key (then nothing is locked out). */
  get isEmpty(): boolean {
    return this.#entries.size === 0;
  }

  /** Remaining lockout of an address, ms; 0 when it may try. */
  lockedForMs(key: string, isLoopback: boolean, now = Date.now()): number {
    if (isLoopback && this.#settings.exemptLoopback) return 0;
    const entry = this.#entries.get(key);
    if (entry === undefined || entry.lockedUntil <= now) return 0;
    return entry.lockedUntil - now;
  }

  /**
   * How long every one of `keys` stays locked out, ms: 0 when one of them may try. The upgrade
   * answers 429 only when a client can do nothing (every credential kind it could use is locked).
   */
  lockedForAllMs(keys: readonly string[], isLoopback: boolean, now = Date.now()): number {
    let shortest = Number.POSITIVE_INFINITY;
    for (const key of keys) shortest = Math.min(shortest, this.lockedForMs(key, isLoopback, now));
    return keys.length === 0 ? 0 : shortest;
  }

  /**
   * Record a failure. Returns how long to delay the answer (loopback) and whether the address is
   * now locked out.
   */
  recordFailure(key: string, isLoopback: boolean, now = Date.now()): { delayMs: number; lockedForMs: number } {
    const entry = this.#entries.get(key) ?? { failures: [], lockedUntil: 0 };
    entry.failures = entry.failures.filter((at) => now - at < this.#settings.windowMs);
    entry.failures.push(now);
    this.#entries.set(key, entry);
    if (isLoopback && this.#settings.exemptLoopback) {
      const exponent = Math.min(entry.failures.length - 1, 30);
      const delayMs = Math.min(this.#settings.loopbackDelayMs * 2 ** exponent, this.#settings.loopbackMaxDelayMs);
      return { delayMs, lockedForMs: 0 };
    }
    if (entry.failures.length >= this.#settings.maxFailures) {
      entry.lockedUntil = now + this.#settings.lockoutMs;
      entry.failures = [];
    }
    return { delayMs: 0, lockedForMs: Math.max(0, entry.lockedUntil - now) };
  }

  /** Forget an address's failures after a success. */
  recordSuccess(key: string): void {
    const entry = this.#entries.get(key);
    if (entry !== undefined && entry.lockedUntil <= Date.now()) this.#entries.delete(key);
  }

  /** Drop expired entries (called from the gateway's maintenance timer). */
  prune(now = Date.now()): void {
    for (const [key, entry] of this.#entries) {
      const recent = entry.failures.some((at) => now - at < this.#settings.windowMs);
      if (!recent && entry.lockedUntil <= now) this.#entries.delete(key);
    }
  }
}
