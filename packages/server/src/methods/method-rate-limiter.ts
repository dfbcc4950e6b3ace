import { ErrorCodes, MethodErrorDetailCodes, type ErrorShape, type MethodRateLimit } from '@gatewire/protocol';

/**
 * Per-method call budgets: a sliding log of call times per (method, caller), where the caller is
 * its device id, else its address. A log never holds more than the method's `maxCalls` entries;
 * `prune` drops callers idle for a whole window.
 */
export class MethodRateLimiter {
  readonly #calls = new Map<string, { readonly windowMs: number; readonly times: number[] }>();

  /** Count a call; the error to answer when the caller is over budget (the call is then not counted). */
  take(method: string, caller: string, limit: MethodRateLimit, now = Date.now()): ErrorShape | undefined {
    const key = `${method}\u0000${caller}`;
    let entry = this.#calls.get(key);
    if (entry === undefined) {
      entry = { windowMs: limit.windowMs, times: [] };
      this.#calls.set(key, entry);
    }
    const { times } = entry;
    while (times.length > 0 && (times[0] as number) <= now - limit.windowMs) times.shift();
    if (times.length < limit.maxCalls) {
      times.push(now);
      return undefined;
    }
    const retryAfterMs = Math.max(1, (times[0] as number) + limit.windowMs - now);
    return {
      code: ErrorCodes.UNAVAILABLE,
      message: `rate limit exceeded for ${method}; retry after ${Math.ceil(retryAfterMs / 1000)}s`,
      details: { code: MethodErrorDetailCodes.RATE_LIMITED, method, limit: `${limit.maxCalls} per ${limit.windowMs / 1000}s` },
      retryable: true,
      retryAfterMs,
    };
  }

  /** Forget callers whose last call is older than their window. */
  prune(now = Date.now()): void {
    for (const [key, entry] of this.#calls) {
      const last = entry.times.at(-1);
      if (last === undefined || last <= now - entry.windowMs) this.#calls.delete(key);
    }
  }

  clear(): void {
    this.#calls.clear();
  }
}
